import { accountSummarySchema, signedChallengeSchema } from '@openesia/contracts';
import { requestMeta, requireCitizen } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { confirmableErrors, verificationErrors } from '../signature-errors.js';
import { rateLimiter } from '../../rate-limits.js';

/** Confirming one's own account with a qualified electronic signature (seed 000, step 3). */
export function signatureConfirmationRoutes(api: Api, ctx: AppContext): void {
  const { signatures } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');

  api.post(
    '/me/confirmation/signature',
    {
      config: { action: 'citizen.confirm_by_signature', ...limit(20, 60_000) },
      schema: {
        tags: ['citizen'],
        summary: 'Подтверждение учётной записи электронной подписью',
        body: signedChallengeSchema,
        response: {
          200: accountSummarySchema,
          ...errorResponses(
            ...confirmableErrors,
            ...verificationErrors,
            'signature.no_snils',
            'signature.name_mismatch',
            'signature.snils_mismatch',
            'signature.data_changed',
          ),
        },
      },
    },
    async (request) => {
      const { actor, auth } = requireCitizen(request);
      return signatures.confirm(
        actor,
        actor.accountId,
        auth.session.authMethod,
        request.body,
        requestMeta(request),
      );
    },
  );
}
