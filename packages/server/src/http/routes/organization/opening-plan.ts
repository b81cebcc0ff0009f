import { organizationPlanSchema } from '@openesia/contracts';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** «План открытия ЦО» of the organization the person acts for (seed 004): any employee reads it. */
export function openingPlanRoutes(api: Api, ctx: AppContext): void {
  const { openingPlan } = ctx.services;

  api.get(
    '/organization/opening-plan',
    {
      config: { action: 'opening_plan.read' },
      schema: {
        tags: ['organization'],
        summary: 'План открытия ЦО: шесть этапов, контрольные события и чего не хватает',
        response: {
          200: organizationPlanSchema,
          ...errorResponses('auth.required', 'auth.forbidden', 'organization.not_found'),
        },
      },
    },
    async (request) => openingPlan.own(request.actor),
  );
}
