import { journalQuerySchema, organizationJournalSchema } from '@openesia/contracts';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** The organization's own journal of who did what (the head and administrators). */
export function journalRoutes(api: Api, ctx: AppContext): void {
  const { organizationJournal } = ctx.services;

  api.get(
    '/organization/journal',
    {
      config: { action: 'organization.read_journal' },
      schema: {
        tags: ['organization'],
        summary: 'Журнал действий в организации',
        querystring: journalQuerySchema,
        response: { 200: organizationJournalSchema, ...errorResponses('auth.required', 'auth.forbidden') },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return organizationJournal.read(request.actor, request.query);
    },
  );
}
