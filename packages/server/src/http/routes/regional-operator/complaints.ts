import {
  complaintPathSchema,
  complaintsPageSchema,
  complaintsQuerySchema,
  complaintViewSchema,
} from '@openesia/contracts';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** Complaints about the service centers of the region's organizations: the unanswered and the overdue. */
export function regionalComplaintRoutes(api: Api, ctx: AppContext): void {
  const { complaints } = ctx.services;

  api.get(
    '/regional-operator/complaints',
    {
      config: { action: 'complaint.list_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Жалобы на центры обслуживания организаций региона',
        querystring: complaintsQuerySchema,
        response: { 200: complaintsPageSchema, ...errorResponses('auth.required', 'auth.forbidden') },
      },
    },
    async (request) => complaints.regionalList(request.actor, request.query),
  );

  api.get(
    '/regional-operator/complaints/:complaintId',
    {
      config: { action: 'complaint.list_regional' },
      schema: {
        tags: ['regional-operator'],
        summary: 'Жалоба на центр обслуживания организации региона',
        params: complaintPathSchema,
        response: {
          200: complaintViewSchema,
          ...errorResponses('auth.required', 'auth.forbidden', 'complaint.not_found'),
        },
      },
    },
    async (request) => complaints.regionalGet(request.actor, request.params.complaintId),
  );
}
