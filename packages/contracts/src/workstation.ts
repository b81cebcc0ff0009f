import { z } from 'zod';
import { accountLevelSchema, confirmationMethodSchema, genders, passportRfSchema } from './citizen.js';
import { centerServiceSchema } from './application.js';
import {
  email,
  isoDate,
  mobilePhone,
  optionalPersonName,
  optionalText,
  personName,
  requiredText,
  snils,
  text,
} from './fields.js';
import { accessGroupSchema, regionCodeSchema } from './organization.js';

/**
 * АРМ «Центр обслуживания» 2.0 (seeds 000, 002 step 9, 003 with its appendix 2; DOMAIN.md "The
 * operator workstation"): an operator of a service center serves a citizen who came in person.
 * Sign-in only with a qualified signature naming the organization, a center chosen among the
 * active ones the operator is attached to, then search first and the operations that fit what the
 * search found.
 */

// ---- operations, and what grants each ----

export const workstationOperations = [
  'registration',
  /** «Регистрация подтверждённой учётной записи на основе упрощённой» */
  'upgrade',
  'confirmation',
  'reconfirmation',
  'recovery',
  'deletion',
  'add_child',
] as const;
export const workstationOperationSchema = z.enum(workstationOperations);
export type WorkstationOperation = z.infer<typeof workstationOperationSchema>;

export const workstationOperationLabels: Record<WorkstationOperation, string> = {
  registration: 'Регистрация',
  upgrade: 'Регистрация подтверждённой учётной записи на основе упрощённой',
  confirmation: 'Подтверждение',
  reconfirmation: 'Переподтверждение',
  recovery: 'Восстановление доступа',
  deletion: 'Удаление',
  add_child: 'Добавление ребёнка',
};

/**
 * «Услуги» of a center (contracts/center.ts) each operation needs: the center must offer it. A
 * re-confirmation is a confirmation; a child is registered on the parent's account.
 */
export const operationService = {
  registration: 'registration',
  upgrade: 'registration',
  confirmation: 'confirmation',
  reconfirmation: 'confirmation',
  recovery: 'recovery',
  deletion: 'deletion',
  add_child: 'registration',
} as const satisfies Record<WorkstationOperation, z.infer<typeof centerServiceSchema>>;

/**
 * What each АРМ group grants (seed 000, «Доступ к системам»; seed 002 step 8): «Специалисты по
 * подтверждению личности» confirm identities; «Специалисты по регистрации и подтверждению» do
 * everything the workstation does.
 */
export const groupOperations = {
  identity_specialists: ['confirmation', 'reconfirmation'],
  registration_specialists: workstationOperations,
} as const satisfies Partial<Record<z.infer<typeof accessGroupSchema>, readonly WorkstationOperation[]>>;

/** The version of «Условия использования ЕСИА» (Регламент ЕСИА, п. 12.4) an operator accepts once. */
export const WORKSTATION_TERMS_VERSION = '2026-12';
export const workstationTermsText = [
  'Условия использования ЕСИА с целью создания (замены) и выдачи ключа простой электронной подписи',
  'Оператор центра обслуживания создаёт и выдаёт ключ простой электронной подписи (логин и пароль) только заявителю, лично явившемуся в центр обслуживания, после установления его личности по основному документу, удостоверяющему личность (постановление Правительства РФ от 25.01.2013 № 33).',
  'Оператор выполняет операцию только по письменному заявлению заявителя и только после получения его согласия на обработку персональных данных (152-ФЗ, ст. 9).',
  'Оператор не передаёт третьим лицам пароль заявителя, свой ключ электронной подписи и сертификат, не оставляет рабочее место с открытым сеансом и не обрабатывает персональные данные сверх необходимого для операции.',
  'Все действия оператора записываются в журнал с указанием оператора, его сертификата и центра обслуживания; журнал доступен ответственному лицу организации, региональному оператору и Оператору ЕСИА.',
  'Нарушение условий влечёт блокирование организации как оператора выдачи ключа простой электронной подписи и ответственность, установленную законодательством Российской Федерации.',
] as const;

/** Idle sessions of the workstation end sooner than a citizen's: the desk is shared. */
export const WORKSTATION_IDLE_MINUTES = 15;

// ---- sign-in and the center ----

const uuid = z.uuid({ error: 'id.invalid' });

export const workstationLoginSchema = z.object({
  challengeId: text({ error: 'required' }).min(1, { error: 'required' }).max(64, { error: 'too_long' }),
  signature: text({ error: 'required' }).min(1, { error: 'required' }).max(200_000, { error: 'too_long' }),
});
export type WorkstationLogin = z.input<typeof workstationLoginSchema>;

export const workstationCenterChoiceSchema = z.object({ centerId: uuid });

export const workstationCenterOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  regionCode: z.string(),
  services: z.array(centerServiceSchema),
});
export type WorkstationCenterOption = z.infer<typeof workstationCenterOptionSchema>;

export const workstationSessionSchema = z
  .object({
    operator: z.object({
      accountId: z.string(),
      fullName: z.string(),
      /** SHA-1 of the certificate, as CryptoPro and the operators' lists show it */
      certificateThumbprint: z.string(),
      certificateValidTo: z.string(),
    }),
    organization: z.object({ id: z.string(), shortName: z.string(), ogrn: z.string() }),
    groups: z.array(accessGroupSchema),
    center: workstationCenterOptionSchema.nullable(),
    /** operations this operator may do at this center now: the center offers them, the group grants them */
    operations: z.array(workstationOperationSchema),
    termsAccepted: z.boolean(),
    termsVersion: z.string(),
    idleMinutes: z.number(),
    expiresAt: z.string(),
  })
  .meta({ id: 'WorkstationSession' });
export type WorkstationSession = z.infer<typeof workstationSessionSchema>;

export const workstationCentersSchema = z.object({ centers: z.array(workstationCenterOptionSchema) });

// ---- search (seed 003, appendix 2: search first) ----

export const identityDocumentTypes = ['passport_rf'] as const;
export const identityDocumentLabels: Record<(typeof identityDocumentTypes)[number], string> = {
  passport_rf: 'Паспорт гражданина Российской Федерации',
};

/**
 * One form with every criterion; each kind is whole or absent, and at least one whole kind is
 * needed (domain/workstation/search.ts decides, so a half-filled form gets «недостаточно данных»
 * at its fields rather than a generic «обязательное поле»). Every kind is an exact key: nobody
 * browses the registry by a surname or a year.
 */
const optionalField = (max: number) =>
  text()
    .trim()
    .max(max, { error: 'too_long' })
    .optional()
    .transform((v) => (v ? v : undefined));

export const workstationSearchSchema = z.object({
  lastName: optionalField(60),
  firstName: optionalField(60),
  middleName: optionalField(60),
  birthDate: optionalField(10),
  documentType: z.enum(identityDocumentTypes, { error: 'document.type_unknown' }).optional(),
  documentSeries: optionalField(10),
  documentNumber: optionalField(20),
  phone: optionalField(30),
  email: optionalField(254),
  snils: optionalField(20),
});
export type WorkstationSearchInput = z.input<typeof workstationSearchSchema>;
export type WorkstationSearch = z.output<typeof workstationSearchSchema>;

export const searchKeyKinds = ['name_birth', 'document', 'phone', 'email', 'snils'] as const;
export type SearchKeyKind = (typeof searchKeyKinds)[number];
export const searchKeyLabels: Record<SearchKeyKind, string> = {
  name_birth: 'ФИО и дата рождения',
  document: 'документ, удостоверяющий личность',
  phone: 'мобильный телефон',
  email: 'электронная почта',
  snils: 'СНИЛС',
};

/** Why an operation is not offered on a found account. */
export const operationUnavailableReasons = ['account_state', 'service_not_offered', 'group'] as const;

export const workstationSearchResultSchema = z.object({
  accountId: z.string(),
  oid: z.string(),
  level: accountLevelSchema,
  confirmationMethod: confirmationMethodSchema.nullable(),
  /** «Иванов И. П.»: enough to tell people apart with the passport in hand, no more */
  name: z.string(),
  birthDate: z.string().nullable(),
  snils: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  document: z.string().nullable(),
  /** personal data: being checked, checked, or the checks failed */
  checks: z.enum(['none', 'in_progress', 'passed', 'failed']),
  matchedBy: z.array(z.enum(searchKeyKinds)),
  operations: z.array(
    z.object({
      operation: workstationOperationSchema,
      available: z.boolean(),
      reason: z.enum(operationUnavailableReasons).nullable(),
    }),
  ),
});
export type WorkstationSearchResult = z.infer<typeof workstationSearchResultSchema>;

export const workstationSearchAnswerSchema = z
  .object({
    searchedBy: z.array(z.enum(searchKeyKinds)),
    results: z.array(workstationSearchResultSchema),
    /** «Регистрация»: offered outright when nothing was found, with a written reason when something similar was */
    registration: z.enum(['offered', 'with_reason', 'not_offered']),
  })
  .meta({ id: 'WorkstationSearchAnswer' });
export type WorkstationSearchAnswer = z.infer<typeof workstationSearchAnswerSchema>;

// ---- operations ----

export const passwordDeliveries = ['sms', 'print'] as const;
export const passwordDeliveryLabels: Record<(typeof passwordDeliveries)[number], string> = {
  sms: 'SMS на мобильный телефон',
  print: 'Напечатать в расписке',
};
const passwordDelivery = z.enum(passwordDeliveries, { error: 'required' });

/** The citizen signed the application and the separate consent (152-ФЗ ст. 9): the operator ticks both. */
const signedPapers = {
  applicationSigned: z.literal(true, { error: 'workstation.application_not_signed' }),
  consentSigned: z.literal(true, { error: 'workstation.consent_not_signed' }),
};

const optionalPhone = text()
  .trim()
  .max(30, { error: 'too_long' })
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.union([z.undefined(), mobilePhone]));
const optionalEmailField = text()
  .trim()
  .max(254, { error: 'too_long' })
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.union([z.undefined(), email]));

const contacts = z.object({ phone: optionalPhone, email: optionalEmailField });

const personalData = {
  lastName: personName,
  firstName: personName,
  middleName: optionalPersonName,
  gender: z.enum(genders, { error: 'required' }),
  birthDate: isoDate,
  birthPlace: requiredText(250),
  citizenship: z.literal('RUS', { error: 'citizenship.unsupported' }),
  passport: passportRfSchema,
  snils,
};

export const workstationRegistrationSchema = z.object({
  ...personalData,
  contacts,
  passwordDelivery,
  /** required when the search found someone similar (seed 003, appendix 2) */
  similarReason: optionalText(500),
  ...signedPapers,
});
export type WorkstationRegistrationInput = z.input<typeof workstationRegistrationSchema>;
export type WorkstationRegistration = z.output<typeof workstationRegistrationSchema>;

/** A simplified account raised to confirmed: its personal data typed from the documents seen. */
export const workstationUpgradeSchema = z.object({ ...personalData, ...signedPapers });
export type WorkstationUpgrade = z.output<typeof workstationUpgradeSchema>;

/** The passport in the operator's hands: its series and number must be the checked ones. */
const documentSeen = z.object({
  documentSeries: requiredText(10),
  documentNumber: requiredText(20),
});

export const workstationConfirmationSchema = documentSeen.extend(signedPapers);
export type WorkstationConfirmation = z.output<typeof workstationConfirmationSchema>;

export const workstationRecoverySchema = documentSeen.extend({
  contacts,
  passwordDelivery,
  ...signedPapers,
});
export type WorkstationRecovery = z.output<typeof workstationRecoverySchema>;

export const workstationDeletionSchema = documentSeen.extend({
  /** «по письменному заявлению»: the request's reason, as the citizen wrote it */
  reason: requiredText(500),
  ...signedPapers,
});
export type WorkstationDeletion = z.output<typeof workstationDeletionSchema>;

export const birthCertificateSchema = z.object({
  series: requiredText(12),
  number: text({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .regex(/^\d{6}$/, { error: 'birth_certificate.number_format' }),
  issueDate: isoDate,
  issuedBy: requiredText(250),
});

export const workstationChildSchema = documentSeen.extend({
  child: z.object({
    lastName: personName,
    firstName: personName,
    middleName: optionalPersonName,
    gender: z.enum(genders, { error: 'required' }),
    birthDate: isoDate,
    birthCertificate: birthCertificateSchema,
    snils: text()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.union([z.undefined(), snils])),
  }),
  ...signedPapers,
});
export type WorkstationChild = z.output<typeof workstationChildSchema>;

export const workstationAccountParamsSchema = z.object({ accountId: uuid });
export const workstationOperationParamsSchema = z.object({ operationId: uuid });
export const workstationDocumentKinds = ['application', 'consent', 'receipt'] as const;
export const workstationDocumentParamsSchema = z.object({
  operationId: uuid,
  kind: z.enum(workstationDocumentKinds, { error: 'document.kind_unknown' }),
});

export const operationStates = ['done', 'awaiting_checks', 'checks_failed'] as const;
export const operationStateLabels: Record<(typeof operationStates)[number], string> = {
  done: 'Выполнено',
  awaiting_checks: 'Проверка данных в СФР и МВД',
  checks_failed: 'Проверка не пройдена',
};

export const workstationOperationResultSchema = z
  .object({
    operationId: z.string(),
    operation: workstationOperationSchema,
    accountId: z.string().nullable(),
    oid: z.string().nullable(),
    state: z.enum(operationStates),
    /** after the checks: the account's level now */
    level: accountLevelSchema.nullable(),
    failureReasons: z.array(z.string()),
    passwordDelivery: z.enum(passwordDeliveries).nullable(),
    /** the documents to print for the citizen's signature, and the receipt while it can be printed */
    documents: z.array(z.enum(workstationDocumentKinds)),
    performedAt: z.string(),
  })
  .meta({ id: 'WorkstationOperationResult' });
export type WorkstationOperationResult = z.infer<typeof workstationOperationResultSchema>;

// ---- the journal ----

export const journalActions = [
  'sign_in',
  'sign_in_refused',
  'choose_center',
  'accept_terms',
  'search',
  ...workstationOperations,
] as const;
export type JournalAction = (typeof journalActions)[number];
export const journalActionLabels: Record<JournalAction, string> = {
  sign_in: 'Вход в АРМ',
  sign_in_refused: 'Отказ во входе',
  choose_center: 'Выбор центра обслуживания',
  accept_terms: 'Принятие условий использования',
  search: 'Поиск',
  ...workstationOperationLabels,
};

export const journalOutcomes = ['done', 'refused', 'awaiting_checks', 'checks_failed'] as const;
export const journalOutcomeLabels: Record<(typeof journalOutcomes)[number], string> = {
  done: 'Выполнено',
  refused: 'Отказано',
  awaiting_checks: 'Ожидает проверки',
  checks_failed: 'Проверка не пройдена',
};

export const workstationJournalQuerySchema = z.object({
  centerId: uuid.optional(),
  operatorId: uuid.optional(),
  action: z.enum(journalActions, { error: 'journal.action_unknown' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  organizationId: uuid.optional(),
  regionCode: regionCodeSchema.optional(),
  page: z.coerce
    .number({ error: 'page.invalid' })
    .int({ error: 'page.invalid' })
    .min(1)
    .max(10_000)
    .default(1),
});
export type WorkstationJournalQuery = z.output<typeof workstationJournalQuerySchema>;

export const workstationJournalEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  operator: z.object({ accountId: z.string(), name: z.string() }),
  certificateThumbprint: z.string(),
  organization: z.object({ id: z.string(), shortName: z.string() }),
  center: z.object({ id: z.string(), name: z.string() }).nullable(),
  regionCode: z.string(),
  action: z.enum(journalActions),
  /** the account served: its oid, and masked data (none once the account was deleted) */
  target: z.object({ oid: z.string().nullable(), masked: z.string().nullable() }).nullable(),
  outcome: z.enum(journalOutcomes),
  refusal: z.string().nullable(),
});
export type WorkstationJournalEntry = z.infer<typeof workstationJournalEntrySchema>;

export const workstationJournalSchema = z
  .object({
    entries: z.array(workstationJournalEntrySchema),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  })
  .meta({ id: 'WorkstationJournal' });
export type WorkstationJournal = z.infer<typeof workstationJournalSchema>;

// ---- the citizen's children (visible in the parent's profile) ----

export const childViewSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  gender: z.enum(genders),
  birthDate: z.string(),
  birthCertificate: z.string(),
  snils: z.string().nullable(),
  addedAt: z.string(),
  /** the service center where an operator added the child */
  center: z.string().nullable(),
});
export const childrenSchema = z.object({ children: z.array(childViewSchema) }).meta({ id: 'Children' });
export type ChildView = z.infer<typeof childViewSchema>;
