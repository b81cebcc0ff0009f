import { testCaIssuedSchema, testCaMyCertificateRequestSchema } from '@openesia/contracts';
import { requestMeta, requireCitizen } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * «Тестовый УЦ», the citizen's part: a certificate for one's own checked data (demo mode only: the
 * service refuses with test_ca.disabled otherwise). There is no route to issue a certificate for
 * arbitrary data: a certificate with a СНИЛС is a key to the account holding it. The operator
 * issues anything from the CLI on the server (docs/SIGNATURES.md).
 */
export function testCaCitizenRoutes(api: Api, ctx: AppContext): void {
  const { testCa } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');

  api.post(
    '/test-ca/my-certificate',
    {
      config: { action: 'citizen.issue_test_certificate', ...limit(20, 60_000) },
      schema: {
        tags: ['test-ca'],
        summary: 'Выпустить тестовый сертификат на себя (проверенные ФИО и СНИЛС учётной записи)',
        body: testCaMyCertificateRequestSchema,
        response: {
          200: testCaIssuedSchema,
          ...errorResponses(
            'auth.required',
            'test_ca.disabled',
            'account.level_too_low',
            'test_ca.no_checked_data',
          ),
        },
      },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return testCa.issueForAccount(actor, actor.accountId, request.body, requestMeta(request));
    },
  );
}
