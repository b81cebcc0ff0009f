import {
  applicationIdParamsSchema,
  applicationQueueQuerySchema,
  applicationQueueSchema,
  applicationViewSchema,
  regionalReviewRequestSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { applicationFileRoutes } from '../application-files.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/** Applications Форма З and Форма И of the region's organizations, waiting for its check. */
export function regionalApplicationRoutes(api: Api, ctx: AppContext): void {
  const { applications } = ctx.services;

  api.get(
    '/regional-operator/applications',
    {
      config: { action: 'application.list_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Заявки по формам З и И на проверке, старые первыми',
        querystring: applicationQueueQuerySchema,
        response: { 200: applicationQueueSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => applications.regionalQueue(request.actor, request.query),
  );

  api.get(
    '/regional-operator/applications/:id',
    {
      config: { action: 'application.list_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Заявка организации региона',
        params: applicationIdParamsSchema,
        response: { 200: applicationViewSchema, ...errorResponses(...operator, 'application.not_found') },
      },
    },
    async (request) => applications.operatorGet(request.actor, request.params.id),
  );

  api.post(
    '/regional-operator/applications/:id/review',
    {
      config: { action: 'application.decide_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Направить заявку оператору ЕСИА или вернуть на доработку с замечаниями',
        params: applicationIdParamsSchema,
        body: regionalReviewRequestSchema,
        response: {
          200: applicationViewSchema,
          ...errorResponses(
            ...operator,
            'application.not_found',
            'application.wrong_state',
            'application.stale',
          ),
        },
      },
    },
    async (request) =>
      applications.regionalReview(request.actor, request.params.id, request.body, requestMeta(request)),
  );

  applicationFileRoutes(api, '/regional-operator/applications', 'application.list_regional', ctx);
}
