import {
  organizationPlanSchema,
  planDeadlineRequestSchema,
  planDeadlineSchema,
  planOrganizationPathSchema,
  planTableQuerySchema,
  regionPlanSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { sendFile } from '../../download.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/**
 * «План открытия ЦО» of the operator's region (seed 004; seed 000, the governor's order): every
 * organization's stage and control events under a filter, the same rows as XLSX, one
 * organization's plan, and the region's deadline.
 */
export function regionalOpeningPlanRoutes(api: Api, ctx: AppContext): void {
  const { openingPlan } = ctx.services;

  api.get(
    '/regional-operator/opening-plan',
    {
      config: { action: 'opening_plan.read_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'План открытия ЦО: организации региона, их этапы и контрольные события',
        querystring: planTableQuerySchema,
        response: { 200: regionPlanSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => openingPlan.regional(request.actor, request.query),
  );

  api.get(
    '/regional-operator/opening-plan.xlsx',
    {
      config: { action: 'opening_plan.read_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'План открытия ЦО региона в XLSX: строки таблицы при том же отборе и сортировке',
        querystring: planTableQuerySchema,
        response: errorResponses(...operator, 'validation.failed'),
      },
    },
    async (request, reply) => {
      const file = await openingPlan.regionalXlsx(request.actor, request.query);
      return sendFile(reply, { bytes: file.bytes, type: file.type, name: file.fileName });
    },
  );

  api.get(
    '/regional-operator/opening-plan/organizations/:organizationId',
    {
      config: { action: 'opening_plan.read_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'План открытия ЦО организации региона',
        params: planOrganizationPathSchema,
        response: {
          200: organizationPlanSchema,
          ...errorResponses(...operator, 'validation.failed', 'organization.not_found'),
        },
      },
    },
    async (request) => openingPlan.regionalOrganization(request.actor, request.params.organizationId),
  );

  api.put(
    '/regional-operator/opening-plan/deadline',
    {
      config: { action: 'opening_plan.set_deadline' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Срок плана открытия ЦО в регионе (распоряжение губернатора); null — срок по умолчанию',
        body: planDeadlineRequestSchema,
        response: { 200: planDeadlineSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => openingPlan.setDeadline(request.actor, request.body.deadline, requestMeta(request)),
  );
}
