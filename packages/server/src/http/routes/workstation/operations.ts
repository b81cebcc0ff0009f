import {
  workstationAccountParamsSchema,
  workstationChildSchema,
  workstationConfirmationSchema,
  workstationDeletionSchema,
  workstationDocumentParamsSchema,
  workstationOperationParamsSchema,
  workstationOperationResultSchema,
  workstationRecoverySchema,
  workstationRegistrationSchema,
  workstationSearchAnswerSchema,
  workstationSearchSchema,
  workstationUpgradeSchema,
  type ErrorCode,
  type WorkstationOperationResult,
} from '@openesia/contracts';
import type { z } from 'zod';
import type { Actor } from '../../../domain/policy/actor.js';
import type { Action } from '../../../domain/policy/policy.js';
import type { RequestMeta } from '../../../services/platform/sessions.js';
import { requestMeta } from '../../auth.js';
import type { Api } from '../../api.js';
import type { AppContext } from '../../context.js';
import { sendFile } from '../../download.js';
import { errorResponses } from '../../errors.js';
import { rateLimiter } from '../../rate-limits.js';

/** What every operation can be refused with, besides its input. */
const atCenter: ErrorCode[] = [
  'auth.required',
  'auth.forbidden',
  'workstation.center_required',
  'workstation.center_unavailable',
  'workstation.terms_required',
  'workstation.service_not_offered',
  'workstation.group_lacks_operation',
  'workstation.not_operator',
  'workstation.organization_blocked',
  'workstation.organization_not_approved',
  'workstation.organization_unknown',
];
const onAccount: ErrorCode[] = [
  ...atCenter,
  'workstation.account_not_searched',
  'workstation.wrong_account_state',
  'workstation.document_mismatch',
];

/** Search and the operations of seed 003's algorithm, and the papers each one prints. */
export function workstationOperationRoutes(api: Api, ctx: AppContext): void {
  const { workstation } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');
  const tags = ['workstation'];
  const result = workstationOperationResultSchema;

  api.post(
    '/ra/search',
    {
      // a desk serves a person every few minutes; a scan of the registry is what this limit stops
      config: { action: 'workstation.search', ...limit(120, 3600_000) },
      schema: {
        tags,
        summary: 'Поиск учётной записи: ФИО и дата рождения, документ, СНИЛС, телефон или e-mail',
        body: workstationSearchSchema,
        response: {
          200: workstationSearchAnswerSchema,
          ...errorResponses(...atCenter, 'workstation.search_too_few_criteria'),
        },
      },
    },
    async (request) => workstation.search(request.actor, request.body, requestMeta(request)),
  );

  api.post(
    '/ra/registrations',
    {
      config: { action: 'workstation.register' },
      schema: {
        tags,
        summary: 'Регистрация: подтверждённая учётная запись после проверок СФР и МВД, временный пароль',
        body: workstationRegistrationSchema,
        response: {
          200: result,
          ...errorResponses(
            ...atCenter,
            'workstation.duplicate_person',
            'workstation.similar_reason_required',
            'workstation.contact_required',
            'contact.taken',
          ),
        },
      },
    },
    async (request) => workstation.register(request.actor, request.body, requestMeta(request)),
  );

  /** POST /ra/accounts/:accountId/<path>: one operation on an account this session's search found. */
  const onAccountRoute = <B extends z.ZodType>(
    path: string,
    action: Action,
    summary: string,
    body: B,
    extra: ErrorCode[],
    run: (
      actor: Actor,
      accountId: string,
      input: z.output<B>,
      meta: RequestMeta,
    ) => Promise<WorkstationOperationResult>,
  ) => {
    api.post(
      `/ra/accounts/:accountId/${path}`,
      {
        config: { action },
        schema: {
          tags,
          summary,
          params: workstationAccountParamsSchema,
          body,
          response: { 200: result, ...errorResponses(...onAccount, ...extra) },
        },
      },
      async (request) =>
        run(request.actor, request.params.accountId, request.body as z.output<B>, requestMeta(request)),
    );
  };

  onAccountRoute(
    'upgrade',
    'workstation.upgrade',
    'Регистрация подтверждённой учётной записи на основе упрощённой',
    workstationUpgradeSchema,
    ['workstation.duplicate_person'],
    (actor, id, input, meta) => workstation.upgrade(actor, id, input, meta),
  );
  onAccountRoute(
    'confirmation',
    'workstation.confirm',
    'Подтверждение личности по предъявленному паспорту',
    workstationConfirmationSchema,
    [],
    (actor, id, input, meta) => workstation.confirm(actor, id, input, meta),
  );
  onAccountRoute(
    'reconfirmation',
    'workstation.reconfirm',
    'Переподтверждение учётной записи, подтверждённой по почте',
    workstationConfirmationSchema,
    [],
    (actor, id, input, meta) => workstation.reconfirm(actor, id, input, meta),
  );
  onAccountRoute(
    'recovery',
    'workstation.recover',
    'Восстановление доступа: новые контакты и временный пароль',
    workstationRecoverySchema,
    ['workstation.contact_required', 'contact.taken'],
    (actor, id, input, meta) => workstation.recover(actor, id, input, meta),
  );
  onAccountRoute(
    'deletion',
    'workstation.delete',
    'Удаление учётной записи по письменному заявлению',
    workstationDeletionSchema,
    [],
    (actor, id, input, meta) => workstation.delete(actor, id, input, meta),
  );
  onAccountRoute(
    'children',
    'workstation.add_child',
    'Добавление ребёнка в учётную запись подтверждённого родителя',
    workstationChildSchema,
    ['workstation.child_duplicate', 'workstation.child_not_minor'],
    (actor, id, input, meta) => workstation.addChild(actor, id, input, meta),
  );

  api.get(
    '/ra/operations/:operationId',
    {
      config: { action: 'workstation.read_operation' },
      schema: {
        tags,
        summary: 'Состояние операции (регистрация ждёт проверок СФР и МВД)',
        params: workstationOperationParamsSchema,
        response: { 200: result, ...errorResponses(...atCenter, 'workstation.operation_not_found') },
      },
    },
    async (request) => workstation.operation(request.actor, request.params.operationId),
  );

  api.get(
    '/ra/operations/:operationId/documents/:kind',
    {
      config: { action: 'workstation.read_operation' },
      schema: {
        tags,
        summary: 'Документы операции: заявление, согласие на обработку персональных данных, расписка',
        params: workstationDocumentParamsSchema,
        response: {
          ...errorResponses(
            ...atCenter,
            'workstation.operation_not_found',
            'workstation.receipt_unavailable',
          ),
        },
      },
    },
    async (request, reply) => {
      const file = await workstation.document(request.actor, request.params.operationId, request.params.kind);
      return sendFile(reply, file);
    },
  );
}
