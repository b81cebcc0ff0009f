import { z } from 'zod';
import {
  email,
  mobilePhone,
  optionalPersonName,
  personName,
  personNameView,
  requiredText,
  text,
} from './fields.js';
import { isValidOgrn } from './identifiers.js';
import { base64Der, organizationTypeSchema } from './organization.js';
import { base64Schema } from './signature.js';

/**
 * Applications Форма З and Форма И (seed 000, section 4; seed 001; seed 003, appendix 1; seed 004,
 * steps 3-4; DOMAIN.md "Applications and approvals"): the vocabulary the server and the web app
 * share, and the content of a form as seed 003's appendix 1 lists it — every field mandatory.
 */

/** Форма З (status of an authorized organization) and Форма И (АРМ «Центр обслуживания» 2.0). */
export const applicationForms = ['form_z', 'form_i'] as const;
export const applicationFormSchema = z.enum(applicationForms);
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

export const applicationFormLabels: Record<ApplicationForm, string> = {
  form_z: 'Заявка по форме З: статус уполномоченной организации на выдачу ПЭП',
  form_i: 'Заявка по форме И: право использования веб-приложения «Центр обслуживания»',
};

/**
 * The route of an application: the organization → the regional operator (checks; forwards, or
 * returns with remarks) → the federal operator (approves or rejects).
 */
export const applicationStatuses = [
  'draft',
  /** signed and sent: in the regional operator's queue */
  'submitted',
  /** returned by the regional operator with remarks: the organization edits and resubmits */
  'returned',
  /** forwarded by the regional operator: in the federal operator's queue */
  'forwarded',
  'approved',
  'rejected',
] as const;
export const applicationStatusSchema = z.enum(applicationStatuses);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  draft: 'Черновик',
  submitted: 'На проверке у регионального оператора',
  returned: 'Возвращена на доработку',
  forwarded: 'На согласовании у оператора ЕСИА',
  approved: 'Согласована',
  rejected: 'Отклонена',
};

/** How the signed form reaches the operators: a qualified e-signature, or a scan of the paper. */
export const applicationSigningMethods = ['qualified_signature', 'scan'] as const;
export type ApplicationSigningMethod = (typeof applicationSigningMethods)[number];

const accountId = z.uuid({ error: 'id.invalid' });
const phone = requiredText(32).regex(/^\+?[\d\s()-]{10,}$/, { error: 'phone.invalid' });
const ogrn = text({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .regex(/^\d{13}$/, { error: 'ogrn.format' })
  .refine((v) => isValidOgrn(v), { error: 'ogrn.checksum' });

/**
 * «Данные об УЛ» — the responsible person («уполномоченное лицо»), who answers for the operations
 * of the organization's service centers and for complaints about them (seed 003, appendix 1).
 */
export const responsiblePersonSchema = z.object({
  /** the employee picked («выбрать из сотрудников»): who answers complaints in the profile */
  accountId,
  lastName: personName,
  firstName: personName,
  middleName: optionalPersonName,
  position: requiredText(255),
  workPhone: phone,
  mobilePhone,
  email,
});
export type ResponsiblePerson = z.infer<typeof responsiblePersonSchema>;

/**
 * Who signs the form (seed 003, appendix 1: «руководитель органа (организации) или заместитель
 * руководителя, курирующий вопросы информатизации»): the head, or the deputy for informatization
 * named here, an employee of the organization. Only that person's qualified certificate signs.
 */
export const applicationSignatoryRoles = ['head', 'deputy'] as const;
export const applicationSignatoryRoleLabels: Record<(typeof applicationSignatoryRoles)[number], string> = {
  head: 'Руководитель',
  deputy: 'Заместитель руководителя по вопросам информатизации',
};
export const applicationSignatorySchema = z.object({
  role: z.enum(applicationSignatoryRoles, { error: 'required' }),
  accountId,
  lastName: personName,
  firstName: personName,
  middleName: optionalPersonName,
  position: requiredText(255),
});
export type ApplicationSignatory = z.infer<typeof applicationSignatorySchema>;

/** The form's fields, as appendix 1 lists them (the same for З and И). */
export const applicationContentSchema = z
  .object({
    organizationFullName: requiredText(1000),
    ogrn,
    organizationType: organizationTypeSchema,
    responsible: responsiblePersonSchema,
    signatory: applicationSignatorySchema,
  })
  .meta({ id: 'ApplicationContent' });
export type ApplicationContent = z.infer<typeof applicationContentSchema>;

/** The regional operator's answer: forward to the federal operator, or return with remarks. */
export const regionalReviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('forward') }),
  z.object({ decision: z.literal('return'), remarks: requiredText(4000) }),
]);
export type RegionalReview = z.infer<typeof regionalReviewSchema>;

/** The federal operator's decision: approve, or reject with a reason. */
export const federalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('reject'), reason: requiredText(4000) }),
]);
export type FederalDecision = z.infer<typeof federalDecisionSchema>;

/** The services a service center offers (DOMAIN.md; seed 003: «Услуги»). */
export const centerServices = ['registration', 'confirmation', 'recovery', 'deletion'] as const;
export const centerServiceSchema = z.enum(centerServices);
export type CenterService = z.infer<typeof centerServiceSchema>;

export const centerServiceLabels: Record<CenterService, string> = {
  registration: 'Регистрация',
  confirmation: 'Подтверждение',
  recovery: 'Восстановление',
  deletion: 'Удаление',
};

// ---- the draft ----

/**
 * A draft as typed so far: every field may be missing (the form is saved between sittings) but
 * what is there is text the database can hold, of the length the form allows. Completeness and
 * formats are checked when it is signed or printed (applicationContentSchema).
 */
const draftText = (max: number) => text().max(max, { error: 'too_long' }).optional();
export const applicationDraftSchema = z
  .object({
    organizationFullName: draftText(1000),
    ogrn: draftText(13),
    organizationType: organizationTypeSchema.optional(),
    responsible: z
      .object({
        accountId: accountId.optional(),
        lastName: draftText(60),
        firstName: draftText(60),
        middleName: draftText(60),
        position: draftText(255),
        workPhone: draftText(32),
        mobilePhone: draftText(32),
        email: draftText(255),
      })
      .optional(),
    signatory: z
      .object({
        role: z.enum(applicationSignatoryRoles).optional(),
        accountId: accountId.optional(),
        lastName: draftText(60),
        firstName: draftText(60),
        middleName: draftText(60),
        position: draftText(255),
      })
      .optional(),
  })
  .meta({ id: 'ApplicationDraft' });
export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;

// ---- API: the organization's «Заявки» ----

const revision = z.number({ error: 'required' }).int().min(0);

/** POST /api/organization/applications: a new draft of `form`, prefilled from the organization. */
export const createApplicationSchema = z.object({ form: applicationFormSchema });

/** PUT /api/organization/applications/:id: «Сохранить черновик» at the revision the page shows. */
export const saveApplicationSchema = z.object({ revision, content: applicationDraftSchema });
export type SaveApplication = z.input<typeof saveApplicationSchema>;

/** POST …/:id/challenge: the canonical form to sign with the signatory's certificate. */
export const applicationChallengeRequestSchema = z.object({ revision, certificate: base64Der });

/** POST …/:id/submit-signed: the detached CAdES signature over the challenge's bytes. */
export const applicationSubmitSignedSchema = z.object({
  revision,
  challengeId: text({ error: 'required' }).min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  signature: base64Schema,
});

/** A scan is at most 10 MiB: base64 makes it 4/3 larger. */
export const MAX_SCAN_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 4;

/** POST …/:id/submit-scan: the printed form signed by hand and stamped, scanned (PDF, JPEG, PNG). */
export const applicationSubmitScanSchema = z.object({
  revision,
  fileName: requiredText(255),
  scan: text({ error: 'required' })
    .min(1, { error: 'required' })
    .max(MAX_SCAN_BASE64, { error: 'application.scan_too_large' })
    .regex(/^[A-Za-z0-9+/=]+$/, { error: 'application.scan_type' }),
});

export const applicationIdParamsSchema = z.object({ id: accountId });
export const applicationVersionParamsSchema = z.object({
  id: accountId,
  version: z.coerce.number({ error: 'id.invalid' }).int().min(1).max(10_000),
});

/** The operators' moves carry the revision they saw: a stale page cannot decide. */
export const regionalReviewRequestSchema = z.intersection(regionalReviewSchema, z.object({ revision }));
export const federalDecisionRequestSchema = z.intersection(federalDecisionSchema, z.object({ revision }));

export const applicationQueueQuerySchema = z.object({
  cursor: text().max(200, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Who acted on a step of the route: the organization, or one of the two operators. */
export const applicationActorSides = ['organization', 'regional_operator', 'federal_operator'] as const;

/** The route's events (domain/application/route.ts), and the creation of the draft. */
export const applicationEventKinds = [
  'create',
  'submit',
  'regional_forward',
  'regional_return',
  'resubmit',
  'federal_approve',
  'federal_reject',
] as const;
export type ApplicationEventKind = (typeof applicationEventKinds)[number];

export const applicationEventViewSchema = z.object({
  event: z.enum(applicationEventKinds),
  fromStatus: applicationStatusSchema.nullable(),
  toStatus: applicationStatusSchema,
  side: z.enum(applicationActorSides),
  actor: personNameView.nullable(),
  comment: z.string().nullable(),
  version: z.number().int().nullable(),
  at: z.string(),
});
export type ApplicationEventView = z.infer<typeof applicationEventViewSchema>;

/** One signed and sent version: what the operators checked, and how it was signed. */
export const applicationVersionViewSchema = z.object({
  version: z.number().int(),
  /** complete, as sent (the draft's shape: a response carries no normalizing transforms) */
  content: applicationDraftSchema,
  signingMethod: z.enum(applicationSigningMethods),
  digest: z.string(),
  submittedAt: z.string(),
  submittedBy: personNameView.nullable(),
  /** the qualified signature's signer, as the certificate names it */
  signer: z
    .object({ name: z.string(), serialNumber: z.string(), issuer: z.string(), verifiedAt: z.string() })
    .nullable(),
  scan: z.object({ contentType: z.string(), fileName: z.string(), size: z.number().int() }).nullable(),
});
export type ApplicationVersionView = z.infer<typeof applicationVersionViewSchema>;

export const applicationOrganizationSchema = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  ogrn: z.string(),
  regionCode: z.string(),
});

/** A row of a list: the organization's «Заявки» or an operator's queue. */
export const applicationSummarySchema = z
  .object({
    id: z.string(),
    form: applicationFormSchema,
    status: applicationStatusSchema,
    organization: applicationOrganizationSchema,
    version: z.number().int(),
    revision: z.number().int(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    forwardedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    /** when the operator now holding it should have decided (null when no operator holds it) */
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

export const applicationViewSchema = applicationSummarySchema
  .extend({
    content: applicationDraftSchema,
    signingMethod: z.enum(applicationSigningMethods).nullable(),
    remarks: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    events: z.array(applicationEventViewSchema),
    versions: z.array(applicationVersionViewSchema),
  })
  .meta({ id: 'Application' });
export type ApplicationView = z.infer<typeof applicationViewSchema>;

/** Whether a form may be started now, and if not the refusal's code (route.ts assertMayApply). */
export const applicationFormAvailabilitySchema = z.object({
  form: applicationFormSchema,
  available: z.boolean(),
  refusal: z.string().nullable(),
});

export const organizationApplicationsSchema = z.object({
  applications: z.array(applicationSummarySchema),
  forms: z.array(applicationFormAvailabilitySchema),
});
export type OrganizationApplications = z.infer<typeof organizationApplicationsSchema>;

export const applicationQueueSchema = z.object({
  applications: z.array(applicationSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ApplicationQueue = z.infer<typeof applicationQueueSchema>;

/** The employees the responsible person and the deputy are picked from, with their contacts. */
export const applicationCandidateSchema = z.object({
  accountId: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  isHead: z.boolean(),
  email: z.string().nullable(),
  mobilePhone: z.string().nullable(),
});
export const applicationCandidatesSchema = z.object({ candidates: z.array(applicationCandidateSchema) });
export const applicationCandidatesQuerySchema = z.object({
  q: text().max(100, { error: 'too_long' }).optional(),
});
export type ApplicationCandidate = z.infer<typeof applicationCandidateSchema>;
