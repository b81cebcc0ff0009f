import {
  invitationPathSchema,
  invitationRequestSchema,
  invitationSchema,
  invitationsSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

const refused = ['auth.required', 'auth.forbidden'] as const;

/** «Приглашения»: invite an employee by e-mail, the list, revoke, send again. */
export function invitationRoutes(api: Api, ctx: AppContext): void {
  const { invitations } = ctx.services;
  // Each invitation sends an e-mail: a limit per account keeps a stolen session from spamming.
  const limit = rateLimiter(ctx.config, 'account');

  api.post(
    '/organization/invitations',
    {
      config: { action: 'organization.invite_employee', ...limit(100, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Пригласить сотрудника: письмо со ссылкой, действует 60 дней, однократно',
        body: invitationRequestSchema,
        response: { 200: invitationSchema, ...errorResponses(...refused, 'group.locked') },
      },
    },
    async (request) => invitations.invite(request.actor, request.body, requestMeta(request)),
  );

  api.get(
    '/organization/invitations',
    {
      config: { action: 'organization.invite_employee' },
      schema: {
        tags: ['organization'],
        summary: 'Приглашения организации',
        response: { 200: invitationsSchema, ...errorResponses(...refused) },
      },
    },
    async (request) => ({ invitations: await invitations.list(request.actor) }),
  );

  api.post(
    '/organization/invitations/:invitationId/revoke',
    {
      config: { action: 'organization.invite_employee' },
      schema: {
        tags: ['organization'],
        summary: 'Отозвать приглашение',
        params: invitationPathSchema,
        response: {
          200: invitationSchema,
          ...errorResponses(
            ...refused,
            'invitation.not_found',
            'invitation.used',
            'invitation.revoked',
            'invitation.expired',
          ),
        },
      },
    },
    async (request) => invitations.revoke(request.actor, request.params.invitationId, requestMeta(request)),
  );

  api.post(
    '/organization/invitations/:invitationId/resend',
    {
      config: { action: 'organization.invite_employee', ...limit(100, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Отправить приглашение повторно: новая ссылка на 60 дней, прежняя перестаёт действовать',
        params: invitationPathSchema,
        response: {
          200: invitationSchema,
          ...errorResponses(...refused, 'invitation.not_found', 'invitation.used', 'invitation.revoked'),
        },
      },
    },
    async (request) => invitations.resend(request.actor, request.params.invitationId, requestMeta(request)),
  );
}
