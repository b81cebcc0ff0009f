import {
  accountSummarySchema,
  signatureChallengeRequestSchema,
  signatureChallengeSchema,
  signedChallengeSchema,
} from '@openesia/contracts';
import { requestMeta, setSessionCookie } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { confirmableErrors, verificationErrors } from '../signature-errors.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * Qualified electronic signature, the public part (contracts/signature.ts): challenges and sign-in
 * by signature. Confirmation by signature is the citizen's (citizen/signature.ts), the test CA the
 * developer audience's (developer/test-ca.ts), the trust list the federal operator's.
 */
export function signatureRoutes(api: Api, ctx: AppContext): void {
  const { signatures } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');

  api.post(
    '/signature/challenges',
    {
      // One address for both purposes: the use-case decides on 'confirm' (a citizen's own account).
      config: { action: 'signature.request_challenge', ...limit(30, 60_000) },
      schema: {
        tags: ['signature'],
        summary: 'Данные для подписания (вход или подтверждение учётной записи)',
        body: signatureChallengeRequestSchema,
        response: { 200: signatureChallengeSchema, ...errorResponses(...confirmableErrors) },
      },
    },
    async (request) => signatures.createChallenge(request.actor, request.body.purpose),
  );

  api.post(
    '/signature/login',
    {
      config: { action: 'signature.sign_in', ...limit(20, 60_000) },
      schema: {
        tags: ['signature'],
        summary: 'Вход с помощью электронной подписи',
        body: signedChallengeSchema,
        response: {
          200: accountSummarySchema,
          ...errorResponses(...verificationErrors, 'signature.no_snils', 'signature.account_not_found'),
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
}
