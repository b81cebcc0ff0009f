import {
  trustedRootAddSchema,
  trustedRootSchema,
  trustListImportedSchema,
  trustListImportSchema,
  trustListSchema,
} from '@openesia/contracts';
import { z } from 'zod';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * The trust list of accredited certification authorities (63-ФЗ ст. 16), kept by the federal
 * operator («оператор ЕСИА»). The audience's hook (federal-operator/index.ts) resolves the
 * operator from the role table before the body is read: an upload of up to 25 MB from someone
 * without the role is refused (401 `auth.required`, 403 `auth.forbidden`) unread. The use-cases
 * decide again: the hook is the gate, not the only lock.
 */
export function trustListRoutes(api: Api, ctx: AppContext): void {
  const { trustList } = ctx.services;
  const operator = ['auth.required', 'auth.forbidden'] as const;

  // Per operator: uploads are rare, deliberate acts; the limits stop a stolen session or a stuck
  // script from turning the parser into a CPU sink.
  const limit = rateLimiter(ctx.config, 'account');

  api.get(
    '/registry/trust-list',
    {
      config: { action: 'trust_list.read' },
      schema: {
        tags: ['registry'],
        summary: 'Перечень аккредитованных удостоверяющих центров',
        response: { 200: trustListSchema, ...errorResponses(...operator) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { roots: await trustList.list(request.actor) };
    },
  );

  api.post(
    '/registry/trust-list',
    {
      config: { action: 'trust_list.manage', ...limit(60, 3600_000) },
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
    async (request) => trustList.add(request.actor, request.body, requestMeta(request)),
  );

  api.post(
    '/registry/trust-list/import',
    {
      // A real trust list is several megabytes.
      bodyLimit: 25 * 1024 * 1024,
      config: { action: 'trust_list.manage', ...limit(10, 3600_000) },
      schema: {
        tags: ['registry'],
        summary: 'Загрузить перечень УЦ в формате XML',
        body: trustListImportSchema,
        response: { 200: trustListImportedSchema, ...errorResponses(...operator, 'trust_list.invalid_xml') },
      },
    },
    async (request) => trustList.importXml(request.actor, request.body.xml, requestMeta(request)),
  );

  api.delete(
    '/registry/trust-list/:id',
    {
      config: { action: 'trust_list.manage', ...limit(60, 3600_000) },
      schema: {
        tags: ['registry'],
        summary: 'Исключить УЦ из перечня',
        params: z.object({ id: z.uuid({ error: 'not_found' }) }),
        response: { 204: z.null(), ...errorResponses(...operator, 'not_found') },
      },
    },
    async (request, reply) => {
      await trustList.remove(request.actor, request.params.id, requestMeta(request));
      return reply.status(204).send(null);
    },
  );
}
