import {
  complaintAcceptedSchema,
  complaintOrganizationsQuerySchema,
  complaintOrganizationsSchema,
  complaintRequestSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * «Пожаловаться на центр обслуживания»: anyone, signed in or not (a citizen's account is recorded
 * with the complaint). Limited per address: a person files a few, a script is stopped.
 */
export function complaintRoutes(api: Api, ctx: AppContext): void {
  const { complaints } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');

  api.get(
    '/complaints/organizations',
    {
      config: { action: 'complaint.submit', ...limit(120, 60_000) },
      schema: {
        tags: ['complaints'],
        summary: 'Уполномоченные организации, на центры обслуживания которых можно пожаловаться',
        querystring: complaintOrganizationsQuerySchema,
        response: { 200: complaintOrganizationsSchema },
      },
    },
    async (request) => ({ organizations: await complaints.organizations(request.actor, request.query) }),
  );

  api.post(
    '/complaints',
    {
      config: { action: 'complaint.submit', ...limit(10, 3600_000) },
      schema: {
        tags: ['complaints'],
        summary:
          'Пожаловаться на центр обслуживания: организация, категория, текст, место и e-mail для ответа',
        body: complaintRequestSchema,
        response: { 200: complaintAcceptedSchema },
      },
    },
    async (request) => complaints.submit(request.actor, request.body, requestMeta(request)),
  );
}
