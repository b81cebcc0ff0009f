import {
  regionalStaffGrantSchema,
  regionalStaffListSchema,
  regionalStaffMemberSchema,
  regionalStaffPathSchema,
  regionalStaffQuerySchema,
} from '@openesia/contracts';
import { z } from 'zod';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * «Региональные операторы» (issue 10, item 1): the federal operator lists the regional operators'
 * staff by region, makes a confirmed person a region's operator and takes the role back.
 */
export function regionalStaffRoutes(api: Api, ctx: AppContext): void {
  const { regionalStaff } = ctx.services;
  const operator = ['auth.required', 'auth.forbidden'] as const;
  // Per operator: each grant looks an account up by its login, so a stuck script or a stolen
  // session must not turn the form into a directory of who has an account.
  const limit = rateLimiter(ctx.config, 'account');

  api.get(
    '/registry/regional-operators',
    {
      config: { action: 'regional_staff.read' },
      schema: {
        tags: ['registry'],
        summary: 'Сотрудники региональных операторов по регионам',
        querystring: regionalStaffQuerySchema,
        response: { 200: regionalStaffListSchema, ...errorResponses(...operator) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { staff: await regionalStaff.list(request.actor, request.query) };
    },
  );

  api.post(
    '/registry/regional-operators',
    {
      config: { action: 'regional_staff.manage', ...limit(60, 3600_000) },
      schema: {
        tags: ['registry'],
        summary: 'Добавить сотрудника регионального оператора',
        body: regionalStaffGrantSchema,
        response: {
          200: regionalStaffMemberSchema,
          ...errorResponses(
            ...operator,
            'staff.account_not_found',
            'staff.account_not_confirmed',
            'staff.already_granted',
            'staff.other_region',
          ),
        },
      },
    },
    async (request) => regionalStaff.grant(request.actor, request.body, requestMeta(request)),
  );

  api.delete(
    '/registry/regional-operators/:grantId',
    {
      config: { action: 'regional_staff.manage', ...limit(60, 3600_000) },
      schema: {
        tags: ['registry'],
        summary: 'Отозвать роль регионального оператора',
        params: regionalStaffPathSchema,
        response: { 204: z.null(), ...errorResponses(...operator, 'staff.not_granted') },
      },
    },
    async (request, reply) => {
      await regionalStaff.revoke(request.actor, request.params.grantId, requestMeta(request));
      return reply.status(204).send(null);
    },
  );
}
