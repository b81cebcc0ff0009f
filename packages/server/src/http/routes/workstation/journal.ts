import { workstationJournalQuerySchema, workstationJournalSchema } from '@openesia/contracts';
import type { Api } from '../../api.js';
import type { AppContext } from '../../context.js';
import { errorResponses } from '../../errors.js';
import type { Action } from '../../../domain/policy/policy.js';

type Reader = 'forOrganization' | 'forRegion' | 'forFederal';

/**
 * «Журнал АРМ»: the workstation's journal in the audience's scope — the organization's operators
 * (organization router), the region's (regional operator), everyone's (federal operator).
 */
function journalRoute(
  api: Api,
  ctx: AppContext,
  path: string,
  action: Action,
  reader: Reader,
  summary: string,
) {
  api.get(
    path,
    {
      config: { action },
      schema: {
        tags: ['workstation'],
        summary,
        querystring: workstationJournalQuerySchema,
        response: { 200: workstationJournalSchema, ...errorResponses('auth.required', 'auth.forbidden') },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return ctx.services.workstationJournal[reader](request.actor, request.query);
    },
  );
}

export const organizationWorkstationJournalRoutes = (api: Api, ctx: AppContext) =>
  journalRoute(
    api,
    ctx,
    '/organization/workstation-journal',
    'workstation.journal_organization',
    'forOrganization',
    'Журнал АРМ: операции операторов организации (руководитель, администраторы, ответственное лицо)',
  );

export const regionalWorkstationJournalRoutes = (api: Api, ctx: AppContext) =>
  journalRoute(
    api,
    ctx,
    '/regional-operator/workstation-journal',
    'workstation.journal_regional',
    'forRegion',
    'Журнал АРМ региона',
  );

export const federalWorkstationJournalRoutes = (api: Api, ctx: AppContext) =>
  journalRoute(
    api,
    ctx,
    '/federal-operator/workstation-journal',
    'workstation.journal_federal',
    'forFederal',
    'Журнал АРМ всех регионов',
  );
