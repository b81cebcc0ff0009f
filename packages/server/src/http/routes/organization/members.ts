import {
  administratorRequestSchema,
  memberPathSchema,
  membersQuerySchema,
  organizationMemberSchema,
  organizationMembersPageSchema,
} from '@openesia/contracts';
import { z } from 'zod';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const refused = ['auth.required', 'auth.forbidden'] as const;

/** «Сотрудники» and «Администраторы» of the organization the person acts for. */
export function memberRoutes(api: Api, ctx: AppContext): void {
  const { members } = ctx.services;

  api.get(
    '/organization/members',
    {
      config: { action: 'organization.read' },
      schema: {
        tags: ['organization'],
        summary: 'Сотрудники организации: страница по фамилии, поиск по части ФИО',
        querystring: membersQuerySchema,
        response: { 200: organizationMembersPageSchema, ...errorResponses(...refused) },
      },
    },
    async (request) => members.list(request.actor, request.query),
  );

  api.delete(
    '/organization/members/:accountId',
    {
      config: { action: 'organization.manage_members' },
      schema: {
        tags: ['organization'],
        summary: 'Исключить сотрудника из организации (он теряет и членство в группах)',
        params: memberPathSchema,
        response: {
          204: z.null(),
          ...errorResponses(
            ...refused,
            'organization.not_member',
            'organization.cannot_remove_head',
            'organization.last_administrator',
          ),
        },
      },
    },
    async (request, reply) => {
      await members.remove(request.actor, request.params.accountId, requestMeta(request));
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/organization/membership',
    {
      config: { action: 'organization.leave' },
      schema: {
        tags: ['organization'],
        summary: 'Выйти из организации',
        response: {
          204: z.null(),
          ...errorResponses(
            ...refused,
            'organization.not_member',
            'organization.cannot_remove_head',
            'organization.last_administrator',
          ),
        },
      },
    },
    async (request, reply) => {
      await members.leave(request.actor, requestMeta(request));
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/organization/members/:accountId/administrator',
    {
      config: { action: 'organization.set_administrator' },
      schema: {
        tags: ['organization'],
        summary: 'Назначить сотрудника администратором профиля организации или снять эту роль',
        params: memberPathSchema,
        body: administratorRequestSchema,
        response: {
          200: organizationMemberSchema,
          ...errorResponses(
            ...refused,
            'organization.head_only',
            'organization.not_member',
            'organization.cannot_remove_head',
            'organization.last_administrator',
          ),
        },
      },
    },
    async (request) =>
      members.setAdministrator(
        request.actor,
        request.params.accountId,
        request.body.administrator,
        requestMeta(request),
      ),
  );
}
