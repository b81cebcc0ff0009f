import { demoAccountsSchema } from '@openesia/contracts';
import { z } from 'zod';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/** The demo accounts and their passwords, shown on the home page in demo mode only. */
export function demoRoutes(api: Api, ctx: AppContext): void {
  const limit = rateLimiter(ctx.config, 'address');

  api.get(
    '/demo/accounts',
    {
      config: { action: 'demo.read_accounts' },
      schema: {
        tags: ['demo'],
        summary: 'Демонстрационные учётные записи (только в демонстрационном режиме)',
        response: {
          200: demoAccountsSchema,
        },
      },
    },
    async () => ({ accounts: ctx.services.demo.accounts() }),
  );

  api.get(
    '/demo/head-certificates/:ogrn',
    {
      config: { action: 'demo.download_head_certificate', ...limit(20, 60_000) },
      schema: {
        tags: ['demo'],
        summary: 'Тестовый сертификат руководителя демонстрационной организации (PKCS#12)',
        params: z.object({ ogrn: z.string().regex(/^\d{13}$/, { error: 'not_found' }) }),
        // The 200 is PKCS#12 bytes, not JSON: only the errors have a schema.
        response: errorResponses('not_found', 'test_ca.disabled') as object,
      },
    },
    async (request, reply) => {
      const { container, fileName } = await ctx.services.demo.headCertificate(request.params.ogrn);
      reply
        .header('content-type', 'application/x-pkcs12')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${fileName}"`);
      return reply.send(container);
    },
  );

  api.get(
    '/demo/service-certificates/:key',
    {
      config: { action: 'demo.download_head_certificate', ...limit(20, 60_000) },
      schema: {
        tags: ['demo'],
        summary: 'Тестовый сертификат оператора АРМ «Центр обслуживания» (PKCS#12, ЭП-СП с ОГРН и ИНН)',
        params: z.object({ key: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'not_found' }) }),
        response: errorResponses('not_found', 'test_ca.disabled') as object,
      },
    },
    async (request, reply) => {
      const { container, fileName } = await ctx.services.demo.serviceCertificate(request.params.key);
      reply
        .header('content-type', 'application/x-pkcs12')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${fileName}"`);
      return reply.send(container);
    },
  );
}
