import { text, testCaRevokedSchema, testCaRevokeRequestSchema } from '@openesia/contracts';
import { z } from 'zod';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/**
 * «Тестовый УЦ», its public part (demo mode only: the service refuses with test_ca.disabled
 * otherwise): the root certificate, the CRL, and revocation by the owner or the revocation token.
 */
export function testCaRoutes(api: Api, ctx: AppContext): void {
  const { testCa } = ctx.services;

  api.post(
    '/test-ca/certificates/:serial/revoke',
    {
      config: { action: 'test_ca.revoke' },
      schema: {
        tags: ['test-ca'],
        summary: 'Отозвать тестовый сертификат',
        params: z.object({ serial: text().regex(/^[0-9A-Fa-f]{1,40}$/, { error: 'not_found' }) }),
        body: testCaRevokeRequestSchema,
        response: {
          200: testCaRevokedSchema,
          ...errorResponses('test_ca.disabled', 'not_found', 'test_ca.not_yours'),
        },
      },
    },
    async (request) =>
      testCa.requestRevocation(request.actor, request.params.serial, request.body.reason ?? 'unspecified', {
        revocationToken: request.body.revocationToken,
        meta: requestMeta(request),
      }),
  );

  api.get(
    '/test-ca/crl',
    {
      config: { action: 'test_ca.download' },
      schema: {
        tags: ['test-ca'],
        summary: 'Список отзыва тестового УЦ (DER)',
        // The 200 is DER bytes, not JSON: only the errors have a schema, kept out of the reply's type.
        response: errorResponses('test_ca.disabled') as object,
      },
    },
    async (_request, reply) => {
      const { der } = await testCa.currentCrl();
      reply.header('content-type', 'application/pkix-crl').header('cache-control', 'no-cache');
      return reply.send(der);
    },
  );

  api.get(
    '/test-ca/root',
    {
      config: { action: 'test_ca.download' },
      schema: {
        tags: ['test-ca'],
        summary: 'Корневой сертификат тестового УЦ (DER)',
        // The 200 is DER bytes, not JSON: only the errors have a schema, kept out of the reply's type.
        response: errorResponses('test_ca.disabled') as object,
      },
    },
    async (_request, reply) => {
      const der = await testCa.rootCertificate();
      reply
        .header('content-type', 'application/pkix-cert')
        .header('content-disposition', 'attachment; filename="openesia-test-ca.cer"');
      return reply.send(der);
    },
  );
}
