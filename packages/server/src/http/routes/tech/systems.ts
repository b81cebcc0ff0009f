import {
  oidcSystemListSchema,
  oidcSystemPathSchema,
  oidcSystemRegisteredSchema,
  oidcSystemRegisterSchema,
  oidcSystemViewSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

const handler = ['auth.required', 'auth.forbidden'] as const;

/** «Информационные системы»: the organization's systems that sign citizens in, and a new one. */
export function systemRoutes(api: Api, ctx: AppContext): void {
  const { oidcRegistry } = ctx.services;
  const limit = rateLimiter(ctx.config, 'account');
  const tags = ['tech-portal'];

  api.get(
    '/tech/systems',
    {
      config: { action: 'oidc_client.read' },
      schema: {
        tags,
        summary: 'Информационные системы организации и их статус согласования оператором ЕСИА',
        response: { 200: oidcSystemListSchema, ...errorResponses(...handler) },
      },
    },
    async (request) => oidcRegistry.listOwn(request.actor),
  );

  api.post(
    '/tech/systems',
    {
      config: { action: 'oidc_client.register', ...limit(50, 3600_000) },
      schema: {
        tags,
        summary:
          'Добавить информационную систему (статус «На согласовании»); секрет client_secret_basic — в ответе, один раз',
        body: oidcSystemRegisterSchema,
        response: {
          201: oidcSystemRegisteredSchema,
          ...errorResponses(...handler, 'oidc_client.duplicate', 'oidc_client.invalid'),
        },
      },
    },
    async (request, reply) => {
      const registered = await oidcRegistry.register(request.actor, request.body, requestMeta(request));
      return reply.status(201).send(registered);
    },
  );

  api.get(
    '/tech/systems/:clientId',
    {
      config: { action: 'oidc_client.read' },
      schema: {
        tags,
        summary: 'Информационная система организации: адреса, области доступа, статус',
        params: oidcSystemPathSchema,
        response: { 200: oidcSystemViewSchema, ...errorResponses(...handler, 'oidc_client.not_found') },
      },
    },
    async (request) => oidcRegistry.getOwn(request.actor, request.params.clientId),
  );
}
