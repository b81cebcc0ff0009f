import {
  applicationIdParamsSchema,
  applicationQueueQuerySchema,
  applicationQueueSchema,
  applicationViewSchema,
  federalDecisionRequestSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { applicationFileRoutes } from '../application-files.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/** Applications Форма З and Форма И forwarded by the regional operators, waiting for the decision. */
export function federalApplicationRoutes(api: Api, ctx: AppContext): void {
  const { applications } = ctx.services;

  api.get(
    '/federal-operator/applications',
    {
      config: { action: 'application.list_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Заявки по формам З и И на согласовании, старые первыми',
        querystring: applicationQueueQuerySchema,
        response: { 200: applicationQueueSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => applications.federalQueue(request.actor, request.query),
  );

  api.get(
    '/federal-operator/applications/:id',
    {
      config: { action: 'application.list_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Заявка организации',
        params: applicationIdParamsSchema,
        response: { 200: applicationViewSchema, ...errorResponses(...operator, 'application.not_found') },
      },
    },
    async (request) => applications.operatorGet(request.actor, request.params.id),
  );

  api.post(
    '/federal-operator/applications/:id/decision',
    {
      config: { action: 'application.decide_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Согласовать заявку или отклонить с указанием причины',
        params: applicationIdParamsSchema,
        body: federalDecisionRequestSchema,
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
      applications.federalDecide(request.actor, request.params.id, request.body, requestMeta(request)),
  );

  applicationFileRoutes(api, '/federal-operator/applications', 'application.list_federal', ctx);
}
