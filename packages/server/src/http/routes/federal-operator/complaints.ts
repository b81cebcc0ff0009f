import {
  complaintPathSchema,
  complaintsPageSchema,
  complaintsQuerySchema,
  complaintViewSchema,
} from '@openesia/contracts';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** Complaints about the service centers of every organization: the unanswered and the overdue. */
export function federalComplaintRoutes(api: Api, ctx: AppContext): void {
  const { complaints } = ctx.services;

  api.get(
    '/federal-operator/complaints',
    {
      config: { action: 'complaint.list_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Жалобы на центры обслуживания всех организаций',
        querystring: complaintsQuerySchema,
        response: { 200: complaintsPageSchema, ...errorResponses('auth.required', 'auth.forbidden') },
      },
    },
    async (request) => complaints.federalList(request.actor, request.query),
  );

  api.get(
    '/federal-operator/complaints/:complaintId',
    {
      config: { action: 'complaint.list_federal' },
      schema: {
        tags: ['federal-operator'],
        summary: 'Жалоба на центр обслуживания',
        params: complaintPathSchema,
        response: {
          200: complaintViewSchema,
          ...errorResponses('auth.required', 'auth.forbidden', 'complaint.not_found'),
        },
      },
    },
    async (request) => complaints.federalGet(request.actor, request.params.complaintId),
  );
}
