import {
  complaintAnswerSchema,
  complaintPathSchema,
  complaintsPageSchema,
  complaintsQuerySchema,
  complaintViewSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

const handler = ['auth.required', 'auth.forbidden', 'complaint.not_responsible'] as const;

/** «Жалобы» of the organization's profile: its head, administrators and responsible person answer. */
export function organizationComplaintRoutes(api: Api, ctx: AppContext): void {
  const { complaints } = ctx.services;
  const limit = rateLimiter(ctx.config, 'account');

  api.get(
    '/organization/complaints',
    {
      config: { action: 'complaint.read' },
      schema: {
        tags: ['organization'],
        summary: 'Жалобы на центры обслуживания организации: все, без ответа или просроченные',
        querystring: complaintsQuerySchema,
        response: { 200: complaintsPageSchema, ...errorResponses(...handler) },
      },
    },
    async (request) => complaints.listOwn(request.actor, request.query),
  );

  api.post(
    '/organization/complaints/:complaintId/answer',
    {
      config: { action: 'complaint.answer', ...limit(120, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Ответить на жалобу (один раз): ответ уходит заявителю на электронную почту',
        params: complaintPathSchema,
        body: complaintAnswerSchema,
        response: {
          200: complaintViewSchema,
          ...errorResponses(...handler, 'complaint.not_found', 'complaint.already_answered'),
        },
      },
    },
    async (request) =>
      complaints.answer(request.actor, request.params.complaintId, request.body, requestMeta(request)),
  );
}
