import {
  trustedRootAddSchema,
  trustedRootSchema,
  trustListImportedSchema,
  trustListImportSchema,
  trustListSchema,
} from '@openesia/contracts';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta, requireAuth } from '../auth.js';
import { errorResponses } from '../errors.js';
import type { AppContext } from '../context.js';
import type { Api } from '../api.js';

/**
 * The federal operator's audience («оператор ЕСИА»): the trust list of accredited certification
 * authorities (63-ФЗ ст. 16). Its access rule is an `onRequest` hook of this plugin, so it runs
 * before the body is read: an upload of up to 25 MB from someone without the role is refused
 * (401 `auth.required`, 403 `auth.forbidden`) at the cost of one session lookup, never of
 * reading and parsing the body (OWASP API Security Top 10 2023, API4: Unrestricted Resource
 * Consumption). The services check the role again: the hook is the gate, not the only lock.
 */
export async function registryRoutes(api: Api, ctx: AppContext): Promise<void> {
  const { trustList, roles } = ctx.services;
  const operator = ['auth.required', 'auth.forbidden'] as const;

  api.addHook('onRequest', async (request: FastifyRequest) => {
    const auth = requireAuth(request);
    await roles.requireRole(auth.account.id, 'federal_operator');
  });

  // Per operator: uploads are rare, deliberate acts; the limits stop a stolen session or a stuck
  // script from turning the parser into a CPU sink.
  const limit = (max: number, timeWindowMs: number): { rateLimit?: RateLimitOptions } =>
    ctx.config.rateLimits
      ? {
          rateLimit: {
            max,
            timeWindow: timeWindowMs,
            keyGenerator: (req) => req.auth?.account.id ?? req.ip,
          },
        }
      : {};

  api.get(
    '/registry/trust-list',
    {
      schema: {
        tags: ['registry'],
        summary: 'Перечень аккредитованных удостоверяющих центров',
        response: { 200: trustListSchema, ...errorResponses(...operator) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      reply.header('cache-control', 'no-store');
      return { roots: await trustList.list(auth.account.id) };
    },
  );

  api.post(
    '/registry/trust-list',
    {
      config: limit(60, 3600_000),
      schema: {
        tags: ['registry'],
        summary: 'Добавить корневой сертификат УЦ',
        body: trustedRootAddSchema,
        response: {
          200: trustedRootSchema,
          ...errorResponses(
            ...operator,
            'trust_list.invalid_certificate',
            'trust_list.not_a_ca',
            'trust_list.duplicate',
          ),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return trustList.add(auth.account.id, request.body, requestMeta(request));
    },
  );

  api.post(
    '/registry/trust-list/import',
    {
      // A real trust list is several megabytes.
      bodyLimit: 25 * 1024 * 1024,
      config: limit(10, 3600_000),
      schema: {
        tags: ['registry'],
        summary: 'Загрузить перечень УЦ в формате XML',
        body: trustListImportSchema,
        response: { 200: trustListImportedSchema, ...errorResponses(...operator, 'trust_list.invalid_xml') },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return trustList.importXml(auth.account.id, request.body.xml, requestMeta(request));
    },
  );

  api.delete(
    '/registry/trust-list/:id',
    {
      config: limit(60, 3600_000),
      schema: {
        tags: ['registry'],
        summary: 'Исключить УЦ из перечня',
        params: z.object({ id: z.uuid({ error: 'not_found' }) }),
        response: { 204: z.null(), ...errorResponses(...operator, 'not_found') },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await trustList.remove(auth.account.id, request.params.id, requestMeta(request));
      return reply.status(204).send(null);
    },
  );
}
