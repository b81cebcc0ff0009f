import {
  centerQualityPageSchema,
  centerReportSchema,
  centerQualityQuerySchema,
  centerReportQuerySchema,
} from '@openesia/contracts';
import { sendFile } from '../../download.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/**
 * The centers' report across the country (issue 11, item 4): every region, or one region by
 * organization, by status and service, as JSON, CSV and XLSX; and the flagged centers.
 */
export function federalCentersReportRoutes(api: Api, ctx: AppContext): void {
  const { centerReport } = ctx.services;

  api.get(
    '/federal-operator/centers-report',
    {
      config: { action: 'center.report_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Центры обслуживания по регионам; с регионом — по его организациям',
        querystring: centerReportQuerySchema,
        response: { 200: centerReportSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => centerReport.federal(request.actor, request.query),
  );

  for (const kind of ['csv', 'xlsx'] as const)
    api.get(
      `/federal-operator/centers-report.${kind}`,
      {
        config: { action: 'center.report_federal' },
        schema: {
          tags: ['federal-operator'],
          summary: `Центры обслуживания в ${kind.toUpperCase()}: таблица по регионам или организациям региона`,
          querystring: centerReportQuerySchema,
          response: errorResponses(...operator, 'validation.failed'),
        },
      },
      async (request, reply) => {
        const file = await centerReport.federalFile(request.actor, request.query, kind);
        return sendFile(reply, { bytes: file.bytes, type: file.type, name: file.fileName });
      },
    );

  api.get(
    '/federal-operator/centers-report/quality',
    {
      config: { action: 'center.report_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Качество данных: центры обслуживания с замечаниями, все регионы или один',
        querystring: centerQualityQuerySchema,
        response: { 200: centerQualityPageSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => centerReport.federalQuality(request.actor, request.query),
  );
}
