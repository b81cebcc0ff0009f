import {
  approvalPathSchema,
  blockOrganizationSchema,
  federalOrganizationSchema,
  federalOrganizationsQuerySchema,
  federalOrganizationsSchema,
  organizationPathSchema,
  revokeApprovalSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/**
 * Registered organizations: blocking one as an issuer of simple signatures (seed 003), and taking
 * back an approval it holds.
 */
export function federalOrganizationRoutes(api: Api, ctx: AppContext): void {
  const { organizationBlocking } = ctx.services;

  api.get(
    '/federal-operator/organizations',
    {
      config: { action: 'organization.list_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Зарегистрированные организации: согласования, блокировка, жалобы без ответа',
        querystring: federalOrganizationsQuerySchema,
        response: { 200: federalOrganizationsSchema, ...errorResponses(...operator) },
      },
    },
    async (request) => organizationBlocking.list(request.actor, request.query),
  );

  api.post(
    '/federal-operator/organizations/:organizationId/approvals/:approval/revoke',
    {
      config: { action: 'organization.revoke_approval' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Отозвать согласование (статус по форме З или право по форме И) с указанием причины',
        params: approvalPathSchema,
        body: revokeApprovalSchema,
        response: {
          200: federalOrganizationSchema,
          ...errorResponses(...operator, 'organization.not_found', 'organization.approval_not_held'),
        },
      },
    },
    async (request) =>
      organizationBlocking.revokeApproval(
        request.actor,
        request.params.organizationId,
        request.params.approval,
        request.body,
        requestMeta(request),
      ),
  );

  api.post(
    '/federal-operator/organizations/:organizationId/block',
    {
      config: { action: 'organization.block' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Заблокировать организацию как оператора выдачи ключа ПЭП, с указанием причины',
        params: organizationPathSchema,
        body: blockOrganizationSchema,
        response: {
          200: federalOrganizationSchema,
          ...errorResponses(
            ...operator,
            'organization.not_found',
            'organization.wrong_state',
            'organization.already_blocked',
          ),
        },
      },
    },
    async (request) =>
      organizationBlocking.block(
        request.actor,
        request.params.organizationId,
        request.body,
        requestMeta(request),
      ),
  );

  api.post(
    '/federal-operator/organizations/:organizationId/unblock',
    {
      config: { action: 'organization.block' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Снять блокировку организации',
        params: organizationPathSchema,
        response: {
          200: federalOrganizationSchema,
          ...errorResponses(...operator, 'organization.not_found', 'organization.not_blocked'),
        },
      },
    },
    async (request) =>
      organizationBlocking.unblock(request.actor, request.params.organizationId, requestMeta(request)),
  );
}
