import {
  organizationPathSchema,
  regionalDecisionSchema,
  regionalQueueItemSchema,
  regionalQueueQuerySchema,
  regionalQueueSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** Registrations of the region's state and municipal bodies waiting for its operator (seed 004, step 1.4). */
export function regionalRegistrationRoutes(api: Api, ctx: AppContext): void {
  const { regionalRegistration } = ctx.services;

  api.get(
    '/regional-operator/organizations',
    {
      config: { action: 'organization.list_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Заявки на регистрацию организаций региона',
        querystring: regionalQueueQuerySchema,
        response: { 200: regionalQueueSchema, ...errorResponses('auth.required', 'auth.forbidden') },
      },
    },
    async (request) => regionalRegistration.queue(request.actor, request.query),
  );

  api.post(
    '/regional-operator/organizations/:organizationId/decision',
    {
      config: { action: 'organization.decide_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Подтвердить регистрацию организации или вернуть с указанием причины',
        params: organizationPathSchema,
        body: regionalDecisionSchema,
        response: {
          200: regionalQueueItemSchema,
          ...errorResponses(
            'auth.required',
            'auth.forbidden',
            'organization.not_found',
            'organization.wrong_state',
          ),
        },
      },
    },
    async (request) =>
      regionalRegistration.decide(
        request.actor,
        request.params.organizationId,
        request.body,
        requestMeta(request),
      ),
  );
}
