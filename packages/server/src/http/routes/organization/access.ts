import {
  accessGroupsSchema,
  addGroupMemberSchema,
  groupMemberPathSchema,
  groupMemberSchema,
  groupMembersSchema,
  groupPathSchema,
  memberSuggestionsQuerySchema,
  memberSuggestionsSchema,
} from '@openesia/contracts';
import { z } from 'zod';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const refused = ['auth.required', 'auth.forbidden'] as const;

/** «Доступ к системам»: the groups, their members, adding and removing, suggestions by name. */
export function accessRoutes(api: Api, ctx: AppContext): void {
  const { access } = ctx.services;

  api.get(
    '/organization/groups',
    {
      config: { action: 'organization.read' },
      schema: {
        tags: ['organization'],
        summary: 'Системы и группы: доступность и число участников',
        response: { 200: accessGroupsSchema, ...errorResponses(...refused, 'organization.not_found') },
      },
    },
    async (request) => ({ groups: await access.groups(request.actor) }),
  );

  api.get(
    '/organization/groups/:group/members',
    {
      config: { action: 'organization.read' },
      schema: {
        tags: ['organization'],
        summary: 'Участники группы',
        params: groupPathSchema,
        // 404: a path whose group segment normalizes away (`./`) matches no route
        response: { 200: groupMembersSchema, ...errorResponses(...refused, 'not_found') },
      },
    },
    async (request) => access.members(request.actor, request.params.group),
  );

  api.post(
    '/organization/groups/:group/members',
    {
      config: { action: 'organization.manage_access' },
      schema: {
        tags: ['organization'],
        summary: 'Добавить сотрудника в группу',
        params: groupPathSchema,
        body: addGroupMemberSchema,
        response: {
          200: groupMemberSchema,
          ...errorResponses(...refused, 'group.locked', 'organization.not_member', 'organization.not_found'),
        },
      },
    },
    async (request) =>
      access.add(request.actor, request.params.group, request.body.accountId, requestMeta(request)),
  );

  api.delete(
    '/organization/groups/:group/members/:accountId',
    {
      config: { action: 'organization.manage_access' },
      schema: {
        tags: ['organization'],
        summary: 'Исключить сотрудника из группы',
        params: groupMemberPathSchema,
        response: { 204: z.null(), ...errorResponses(...refused, 'organization.not_member') },
      },
    },
    async (request, reply) => {
      const { group, accountId } = request.params;
      await access.remove(request.actor, group, accountId, requestMeta(request));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/organization/members/suggestions',
    {
      config: { action: 'organization.manage_access' },
      schema: {
        tags: ['organization'],
        summary: 'Сотрудники по части ФИО (подсказки при добавлении в группу)',
        querystring: memberSuggestionsQuerySchema,
        response: { 200: memberSuggestionsSchema, ...errorResponses(...refused) },
      },
    },
    async (request) => ({
      suggestions: await access.suggestions(request.actor, request.query.q, request.query.group),
    }),
  );
}
