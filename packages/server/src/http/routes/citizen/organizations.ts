import { actingForRequestSchema, actingForSummarySchema, myOrganizationsSchema } from '@openesia/contracts';
import { z } from 'zod';
import { requestMeta, requireCitizen } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** The person's organizations and «Войти как сотрудник организации» (the session's choice). */
export function organizationChoiceRoutes(api: Api, ctx: AppContext): void {
  const { actingFor } = ctx.services;

  api.get(
    '/me/organizations',
    {
      config: { action: 'organization.list_own' },
      schema: {
        tags: ['organization'],
        summary: 'Организации, сотрудником которых является пользователь',
        response: { 200: myOrganizationsSchema, ...errorResponses('auth.required') },
      },
    },
    async (request) => ({ organizations: await actingFor.listMine(request.actor) }),
  );

  api.put(
    '/session/acting-for',
    {
      config: { action: 'session.act_for_organization' },
      schema: {
        tags: ['session'],
        summary: 'Войти как частное лицо или как сотрудник организации',
        body: actingForRequestSchema,
        response: {
          200: z.object({ actingFor: actingForSummarySchema.nullable() }),
          ...errorResponses('auth.required', 'organization.not_member'),
        },
      },
    },
    async (request) => {
      const { actor, auth } = requireCitizen(request);
      return {
        actingFor: await actingFor.choose(actor, auth, request.body.organizationId, requestMeta(request)),
      };
    },
  );
}
