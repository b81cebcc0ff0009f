import { invitationPreviewSchema, invitationTokenSchema, myOrganizationSchema } from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * The invited person opens the link from the e-mail (the token travels in the body) and accepts.
 * Both are limited per account: with unknown tokens answered `invitation.not_found`, a limit keeps
 * anyone from trying tokens, on top of their 256 bits.
 */
export function invitationAcceptanceRoutes(api: Api, ctx: AppContext): void {
  const { invitations } = ctx.services;
  const limit = rateLimiter(ctx.config, 'account');

  api.post(
    '/invitations/preview',
    {
      config: { action: 'organization.accept_invitation', ...limit(30, 15 * 60_000) },
      schema: {
        tags: ['organization'],
        summary: 'Приглашение в организацию по ссылке из письма',
        body: invitationTokenSchema,
        response: {
          200: invitationPreviewSchema,
          ...errorResponses('auth.required', 'invitation.not_found'),
        },
      },
    },
    async (request) => invitations.preview(request.actor, request.body.token),
  );

  api.post(
    '/invitations/accept',
    {
      config: { action: 'organization.accept_invitation', ...limit(30, 15 * 60_000) },
      schema: {
        tags: ['organization'],
        summary: 'Принять приглашение и присоединиться к организации',
        body: invitationTokenSchema,
        response: {
          200: myOrganizationSchema,
          ...errorResponses(
            'auth.required',
            'invitation.not_found',
            'invitation.used',
            'invitation.revoked',
            'invitation.expired',
            'invitation.account_not_confirmed',
            'invitation.name_mismatch',
            'invitation.already_member',
          ),
        },
      },
    },
    async (request) => invitations.accept(request.actor, request.body.token, requestMeta(request)),
  );
}
