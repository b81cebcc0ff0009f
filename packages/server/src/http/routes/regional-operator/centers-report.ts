import {
  centerQualityPageSchema,
  centerQualityQuerySchema,
  centerReportQuerySchema,
  centerReportSchema,
} from '@openesia/contracts';
import { sendFile } from '../../download.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

const operator = ['auth.required', 'auth.forbidden'] as const;

/**
 * The centers' report of the operator's own region (issue 11, item 4): its organizations' centers
 * by status and service, as JSON, CSV and XLSX, and the centers the data-quality check flags.
 */
export function regionalCentersReportRoutes(api: Api, ctx: AppContext): void {
  const { centerReport } = ctx.services;

  api.get(
    '/regional-operator/centers-report',
    {
      config: { action: 'center.report_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Центры обслуживания региона: по организациям, статусам и услугам',
        querystring: centerReportQuerySchema,
        response: { 200: centerReportSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => centerReport.regional(request.actor, request.query),
  );

  for (const kind of ['csv', 'xlsx'] as const)
    api.get(
      `/regional-operator/centers-report.${kind}`,
      {
        config: { action: 'center.report_regional' },
        schema: {
          tags: ['regional-operator'],
          summary: `Центры обслуживания региона в ${kind.toUpperCase()}: таблица по организациям при том же отборе`,
          querystring: centerReportQuerySchema,
          response: errorResponses(...operator, 'validation.failed'),
        },
      },
      async (request, reply) => {
        const file = await centerReport.regionalFile(request.actor, request.query, kind);
        return sendFile(reply, { bytes: file.bytes, type: file.type, name: file.fileName });
      },
    );

  api.get(
    '/regional-operator/centers-report/quality',
    {
      config: { action: 'center.report_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Качество данных: центры обслуживания региона с замечаниями',
        querystring: centerQualityQuerySchema,
        response: { 200: centerQualityPageSchema, ...errorResponses(...operator, 'validation.failed') },
      },
    },
    async (request) => centerReport.regionalQuality(request.actor, request.query),
  );
}
