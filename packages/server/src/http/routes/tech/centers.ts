import {
  centerCreateSchema,
  centerHistorySchema,
  centerListSchema,
  centerOperatorAttachSchema,
  centerOperatorPathSchema,
  centerPathSchema,
  centerUpdateSchema,
  centerViewSchema,
  geocodeQuerySchema,
  geocodeResultsSchema,
  operatorCandidatesSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

const handler = ['auth.required', 'auth.forbidden'] as const;

/** «Центры обслуживания»: the organization's centers, their operators and history. */
export function centerRoutes(api: Api, ctx: AppContext): void {
  const { centers } = ctx.services;
  const limit = rateLimiter(ctx.config, 'account');
  const tags = ['tech-portal'];

  api.get(
    '/tech/centers',
    {
      config: { action: 'center.read' },
      schema: {
        tags,
        summary: 'Центры обслуживания организации, с услугами, которые ей разрешены согласованиями',
        response: { 200: centerListSchema, ...errorResponses(...handler) },
      },
    },
    async (request) => centers.list(request.actor),
  );

  api.post(
    '/tech/centers',
    {
      config: { action: 'center.manage', ...limit(200, 3600_000) },
      schema: {
        tags,
        summary: 'Добавить центр обслуживания (статус «Недействующий»)',
        body: centerCreateSchema,
        response: { 201: centerViewSchema, ...errorResponses(...handler) },
      },
    },
    async (request, reply) => {
      const center = await centers.create(request.actor, request.body, requestMeta(request));
      return reply.status(201).send(center);
    },
  );

  api.get(
    '/tech/centers/:centerId',
    {
      config: { action: 'center.read' },
      schema: {
        tags,
        summary:
          'Центр обслуживания: сведения, операторы, проверка данных и чего не хватает для статуса «Действующий»',
        params: centerPathSchema,
        response: { 200: centerViewSchema, ...errorResponses(...handler, 'center.not_found') },
      },
    },
    async (request) => centers.get(request.actor, request.params.centerId),
  );

  api.put(
    '/tech/centers/:centerId',
    {
      config: { action: 'center.manage', ...limit(600, 3600_000) },
      schema: {
        tags,
        summary: 'Редактировать центр обслуживания, в том числе статус «Действующий» / «Недействующий»',
        params: centerPathSchema,
        body: centerUpdateSchema,
        response: {
          200: centerViewSchema,
          ...errorResponses(
            ...handler,
            'center.not_found',
            'center.stale',
            'center.incomplete',
            'center.no_operator',
          ),
        },
      },
    },
    async (request) =>
      centers.update(request.actor, request.params.centerId, request.body, requestMeta(request)),
  );

  api.get(
    '/tech/centers/:centerId/history',
    {
      config: { action: 'center.read' },
      schema: {
        tags,
        summary: 'История изменений центра обслуживания: кто и что изменил',
        params: centerPathSchema,
        response: { 200: centerHistorySchema, ...errorResponses(...handler, 'center.not_found') },
      },
    },
    async (request) => centers.history(request.actor, request.params.centerId),
  );

  api.get(
    '/tech/centers/:centerId/operator-candidates',
    {
      config: { action: 'center.read' },
      schema: {
        tags,
        summary: 'Сотрудники групп АРМ «Центр обслуживания», которых можно прикрепить к центру',
        params: centerPathSchema,
        response: { 200: operatorCandidatesSchema, ...errorResponses(...handler, 'center.not_found') },
      },
    },
    async (request) => centers.operatorCandidates(request.actor, request.params.centerId),
  );

  api.post(
    '/tech/centers/:centerId/operators',
    {
      config: { action: 'center.manage', ...limit(600, 3600_000) },
      schema: {
        tags,
        summary: 'Прикрепить оператора: сотрудника группы АРМ «Центр обслуживания»',
        params: centerPathSchema,
        body: centerOperatorAttachSchema,
        response: {
          200: centerViewSchema,
          ...errorResponses(
            ...handler,
            'center.not_found',
            'center.operator_not_eligible',
            'center.operator_already_attached',
          ),
        },
      },
    },
    async (request) =>
      centers.attachOperator(
        request.actor,
        request.params.centerId,
        request.body.accountId,
        requestMeta(request),
      ),
  );

  api.delete(
    '/tech/centers/:centerId/operators/:accountId',
    {
      config: { action: 'center.manage', ...limit(600, 3600_000) },
      schema: {
        tags,
        summary: 'Открепить оператора: его доступ в этом центре заканчивается сразу',
        params: centerOperatorPathSchema,
        response: {
          200: centerViewSchema,
          ...errorResponses(...handler, 'center.not_found', 'center.operator_not_attached'),
        },
      },
    },
    async (request) =>
      centers.detachOperator(
        request.actor,
        request.params.centerId,
        request.params.accountId,
        requestMeta(request),
      ),
  );

  api.get(
    '/tech/geocode',
    {
      config: { action: 'center.manage', ...limit(300, 3600_000) },
      schema: {
        tags,
        summary: 'Найти точку на карте по адресу (геокодер)',
        querystring: geocodeQuerySchema,
        response: { 200: geocodeResultsSchema, ...errorResponses(...handler, 'geocoder.unavailable') },
      },
    },
    async (request) => centers.geocode(request.actor, request.query),
  );
}
