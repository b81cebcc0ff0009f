import {
  blockSystemSchema,
  federalSystemsQuerySchema,
  federalSystemsSchema,
  oidcSystemPathSchema,
  oidcSystemViewSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const operator = ['auth.required', 'auth.forbidden'] as const;
const tags = ['federal-operator'];

/**
 * «Информационные системы» of the registry: every system that signs citizens in (the
 * organizations' and the operator's own), «Одобрить», «Заблокировать» with a reason, «Снять
 * блокировку».
 */
export function federalSystemRoutes(api: Api, ctx: AppContext): void {
  const { oidcRegistry } = ctx.services;

  api.get(
    '/federal-operator/systems',
    {
      config: { action: 'oidc_client.list_federal' },
      schema: {
        tags,
        summary: 'Информационные системы всех организаций и реестра оператора ЕСИА, по статусу',
        querystring: federalSystemsQuerySchema,
        response: { 200: federalSystemsSchema, ...errorResponses(...operator) },
      },
    },
    async (request) => oidcRegistry.listAll(request.actor, request.query),
  );

  api.get(
    '/federal-operator/systems/:clientId',
    {
      config: { action: 'oidc_client.list_federal' },
      schema: {
        tags,
        summary: 'Информационная система: организация, адреса, области доступа, статус',
        params: oidcSystemPathSchema,
        response: { 200: oidcSystemViewSchema, ...errorResponses(...operator, 'oidc_client.not_found') },
      },
    },
    async (request) => oidcRegistry.get(request.actor, request.params.clientId),
  );

  api.post(
    '/federal-operator/systems/:clientId/approve',
    {
      config: { action: 'oidc_client.decide_federal' },
      schema: {
        tags,
        summary: 'Одобрить информационную систему: с этого момента она может входить от имени граждан',
        params: oidcSystemPathSchema,
        response: {
          200: oidcSystemViewSchema,
          ...errorResponses(...operator, 'oidc_client.not_found', 'oidc_client.not_pending'),
        },
      },
    },
    async (request) =>
      oidcRegistry.decide(request.actor, request.params.clientId, 'approve', {}, requestMeta(request)),
  );

  api.post(
    '/federal-operator/systems/:clientId/block',
    {
      config: { action: 'oidc_client.decide_federal' },
      schema: {
        tags,
        summary:
          'Заблокировать информационную систему с указанием причины: новые входы и токены прекращаются',
        params: oidcSystemPathSchema,
        body: blockSystemSchema,
        response: {
          200: oidcSystemViewSchema,
          ...errorResponses(...operator, 'oidc_client.not_found', 'oidc_client.already_blocked'),
        },
      },
    },
    async (request) =>
      oidcRegistry.decide(
        request.actor,
        request.params.clientId,
        'block',
        request.body,
        requestMeta(request),
      ),
  );

  api.post(
    '/federal-operator/systems/:clientId/unblock',
    {
      config: { action: 'oidc_client.decide_federal' },
      schema: {
        tags,
        summary: 'Снять блокировку: система снова «Действующая», если была одобрена, иначе «На согласовании»',
        params: oidcSystemPathSchema,
        response: {
          200: oidcSystemViewSchema,
          ...errorResponses(...operator, 'oidc_client.not_found', 'oidc_client.not_blocked'),
        },
      },
    },
    async (request) =>
      oidcRegistry.decide(request.actor, request.params.clientId, 'unblock', {}, requestMeta(request)),
  );
}
