import {
  accountSummarySchema,
  signatureChallengeRequestSchema,
  signatureChallengeSchema,
  signedChallengeSchema,
  text,
  testCaIssuedSchema,
  testCaMyCertificateRequestSchema,
  testCaRevokedSchema,
  testCaRevokeRequestSchema,
} from '@openesia/contracts';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { z } from 'zod';
import { requestMeta, requireAuth, setSessionCookie } from '../auth.js';
import { errorResponses } from '../errors.js';
import type { AppContext } from '../context.js';
import type { Api } from '../api.js';

/**
 * Qualified electronic signature (contracts/signature.ts): challenges, sign-in and confirmation by
 * signature (citizen audience) and the test CA (demo mode only); the trust list is routes/registry.ts.
 */
export function signatureRoutes(api: Api, ctx: AppContext): void {
  const { signatures, testCa } = ctx.services;
  const limit = (max: number, timeWindowMs: number): { rateLimit?: RateLimitOptions } =>
    ctx.config.rateLimits ? { rateLimit: { max, timeWindow: timeWindowMs } } : {};

  // What each operation can refuse with (the document lists them; the shared refusals — input,
  // CSRF, body, rate limit — are added to every route by http/errors.ts).
  /** Verifying a signed challenge (domain/signature/verify.ts, services/signatures.ts). */
  const verification = [
    'signature.malformed',
    'signature.invalid',
    'signature.unsupported_algorithm',
    'signature.certificate_expired',
    'signature.certificate_not_yet_valid',
    'signature.certificate_revoked',
    'signature.untrusted_issuer',
    'signature.wrong_key_usage',
    'signature.unknown_critical_extension',
    'signature.challenge_expired',
    'signature.challenge_used',
    'signature.crl_unavailable',
  ] as const;
  const confirmable = ['auth.required', 'account.already_confirmed', 'account.level_too_low'] as const;

  api.post(
    '/signature/challenges',
    {
      config: limit(30, 60_000),
      schema: {
        tags: ['signature'],
        summary: 'Данные для подписания (вход или подтверждение учётной записи)',
        body: signatureChallengeRequestSchema,
        response: { 200: signatureChallengeSchema, ...errorResponses(...confirmable) },
      },
    },
    async (request) => {
      const accountId = request.body.purpose === 'confirm' ? requireAuth(request).account.id : null;
      return signatures.createChallenge(request.body.purpose, accountId);
    },
  );

  api.post(
    '/signature/login',
    {
      config: limit(20, 60_000),
      schema: {
        tags: ['signature'],
        summary: 'Вход с помощью электронной подписи',
        body: signedChallengeSchema,
        response: {
          200: accountSummarySchema,
          ...errorResponses(...verification, 'signature.no_snils', 'signature.account_not_found'),
        },
      },
    },
    async (request, reply) => {
      // request.auth: a session the browser already had is revoked by the sign-in (session fixation).
      const { token, account } = await signatures.login(request.body, requestMeta(request), request.auth);
      setSessionCookie(reply, ctx.config, token);
      return account;
    },
  );

  api.post(
    '/me/confirmation/signature',
    {
      config: limit(20, 60_000),
      schema: {
        tags: ['citizen'],
        summary: 'Подтверждение учётной записи электронной подписью',
        body: signedChallengeSchema,
        response: {
          200: accountSummarySchema,
          ...errorResponses(
            ...confirmable,
            ...verification,
            'signature.no_snils',
            'signature.name_mismatch',
            'signature.snils_mismatch',
            'signature.data_changed',
          ),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return signatures.confirm(auth.account.id, auth.session.authMethod, request.body, requestMeta(request));
    },
  );

  // ---- «Тестовый УЦ» (demo mode only: the service refuses with test_ca.disabled otherwise) ----

  // There is no route to issue a certificate for arbitrary data: a certificate with a СНИЛС is a key
  // to the account holding it, so a person gets one only for their own checked data (my-certificate).
  // The operator issues anything from the CLI on the server (docs/SIGNATURES.md).

  api.post(
    '/test-ca/my-certificate',
    {
      config: limit(20, 60_000),
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
      const auth = requireAuth(request);
      return testCa.issueForAccount(auth.account.id, request.body, requestMeta(request));
    },
  );

  api.post(
    '/test-ca/certificates/:serial/revoke',
    {
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
      testCa.requestRevocation(request.params.serial, request.body.reason ?? 'unspecified', {
        accountId: request.auth?.account.id ?? null,
        revocationToken: request.body.revocationToken,
        meta: requestMeta(request),
      }),
  );

  api.get(
    '/test-ca/crl',
    {
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
