import {
  federalPlanSchema,
  organizationPlanSchema,
  planOrganizationPathSchema,
  planRegionPathSchema,
  planTableQuerySchema,
  regionPlanSchema,
} from '@openesia/contracts';
import { sendFile } from '../../download.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/** «План открытия ЦО» across the country: every region by stage, and any region's table. */
export function federalOpeningPlanRoutes(api: Api, ctx: AppContext): void {
  const { openingPlan } = ctx.services;

  api.get(
    '/federal-operator/opening-plan',
    {
      config: { action: 'opening_plan.read_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'План открытия ЦО по регионам: организации по этапам',
        response: { 200: federalPlanSchema, ...errorResponses(...operator) },
      },
    },
    async (request) => openingPlan.federal(request.actor),
  );

  api.get(
    '/federal-operator/opening-plan/regions/:regionCode',
    {
      config: { action: 'opening_plan.read_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'План открытия ЦО региона: организации, их этапы и контрольные события',
        params: planRegionPathSchema,
        querystring: planTableQuerySchema,
        response: { 200: regionPlanSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => openingPlan.federalRegion(request.actor, request.params.regionCode, request.query),
  );

  api.get(
    '/federal-operator/opening-plan/regions/:regionCode/xlsx',
    {
      config: { action: 'opening_plan.read_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'План открытия ЦО региона в XLSX: строки таблицы при том же отборе и сортировке',
        params: planRegionPathSchema,
        querystring: planTableQuerySchema,
        // 404: a region code of «..» takes the path up a level, to no route
        response: errorResponses(...operator, 'validation.failed', 'not_found'),
      },
    },
    async (request, reply) => {
      const file = await openingPlan.federalRegionXlsx(
        request.actor,
        request.params.regionCode,
        request.query,
      );
      return sendFile(reply, { bytes: file.bytes, type: file.type, name: file.fileName });
    },
  );

  api.get(
    '/federal-operator/opening-plan/organizations/:organizationId',
    {
      config: { action: 'opening_plan.read_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'План открытия ЦО организации',
        params: planOrganizationPathSchema,
        response: {
          200: organizationPlanSchema,
          ...errorResponses(...operator, 'validation.failed', 'organization.not_found'),
        },
      },
    },
    async (request) => openingPlan.federalOrganization(request.actor, request.params.organizationId),
  );
}
