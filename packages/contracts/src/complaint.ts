import { z } from 'zod';
import { optionalEmail, optionalText, personNameView, requiredText, text } from './fields.js';
import {
  organizationApprovals,
  organizationBlockingSchema,
  organizationStatusSchema,
  organizationTypeSchema,
  regionCodeSchema,
} from './organization.js';

/**
 * Complaints about service centers, and the blocking of an organization as an issuer of simple
 * signatures (issue 10, item 5; seed 003, appendix 1: «При наличии жалоб на Центры обслуживания
 * данной организации и в отсутствие реагирования Ответственного … Минкомсвязь России оставляет за
 * собой право блокировать данного Оператора выдачи ключа ПЭП»; seed 004, step 2.1: the officer
 * «получение жалоб»). Anyone complains; the organization's responsible person, head or
 * administrators answer by the deadline; both operators watch the unanswered and the overdue.
 */

export const complaintCategories = [
  'refused_service',
  'staff_conduct',
  'waiting_time',
  'account_errors',
  'wrong_center_information',
  'personal_data',
  'other',
] as const;
/** Missing or not chosen: required; anything else that is no category of the list: unknown. */
const chosenOrUnknown = (unknown: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === '' ? 'required' : unknown;

export const complaintCategorySchema = z.enum(complaintCategories, {
  error: chosenOrUnknown('complaint.category_unknown'),
});
export type ComplaintCategory = z.infer<typeof complaintCategorySchema>;

export const complaintCategoryLabels: Record<ComplaintCategory, string> = {
  refused_service: 'Отказ в обслуживании',
  staff_conduct: 'Некорректное поведение сотрудника',
  waiting_time: 'Долгое ожидание приёма',
  account_errors: 'Ошибки при регистрации, подтверждении или восстановлении учётной записи',
  wrong_center_information: 'Неверные сведения о центре: адрес, часы работы, телефон',
  personal_data: 'Нарушение при обработке персональных данных',
  other: 'Другое',
};

/** Awaiting the organization's answer, or answered. Overdue is computed: awaiting and past due. */
export const complaintStatuses = ['awaiting_answer', 'answered'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const complaintStatusLabels: Record<ComplaintStatus, string> = {
  awaiting_answer: 'Ожидает ответа',
  answered: 'Ответ дан',
};

/** The shortest description that says what happened (a complaint «плохо» tells nobody anything). */
export const COMPLAINT_TEXT_MIN = 10;

const uuid = z.uuid({ error: 'id.invalid' });

// ---- API: the public form «Пожаловаться на центр обслуживания» ----

/**
 * POST /api/complaints. The service center is named by its organization (picked from the
 * uniquely named list of authorized organizations), by a free-text place, and by `centerId` when
 * the person came from the center's card on the map («Пожаловаться на центр обслуживания»).
 */
export const complaintRequestSchema = z
  .object({
    organizationId: z.uuid({ error: chosenOrUnknown('id.invalid') }),
    category: complaintCategorySchema,
    text: requiredText(4000).min(COMPLAINT_TEXT_MIN, { error: 'complaint.text_too_short' }),
    /** the center's address or name, as the person remembers it */
    place: optionalText(500),
    /** where the answer is sent; anonymous complaints are allowed */
    email: optionalEmail,
    /** the center of the map's card: an active center of that organization (the service checks) */
    centerId: uuid.optional(),
  })
  .meta({ id: 'ComplaintRequest' });
export type ComplaintRequest = z.input<typeof complaintRequestSchema>;

export const complaintAcceptedSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    organization: z.object({ shortName: z.string() }),
    answerDueAt: z.string(),
    answerByEmail: z.boolean(),
  })
  .meta({ id: 'ComplaintAccepted' });
export type ComplaintAccepted = z.infer<typeof complaintAcceptedSchema>;

/** GET /api/complaints/organizations?q=&regionCode=: the organizations a complaint may name. */
export const complaintOrganizationsQuerySchema = z.object({
  q: text().trim().max(200, { error: 'too_long' }).optional(),
  regionCode: regionCodeSchema.optional(),
});
export const complaintOrganizationSchema = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  regionCode: z.string(),
});
export type ComplaintOrganization = z.infer<typeof complaintOrganizationSchema>;
export const complaintOrganizationsSchema = z.object({
  organizations: z.array(complaintOrganizationSchema),
});

// ---- API: the organization's «Жалобы» and the operators' lists ----

export const complaintFilters = ['all', 'awaiting_answer', 'overdue'] as const;
export type ComplaintFilter = (typeof complaintFilters)[number];
export const complaintFilterLabels: Record<ComplaintFilter, string> = {
  all: 'Все',
  awaiting_answer: 'Без ответа',
  overdue: 'Просроченные',
};

/**
 * A page of complaints: every one newest first, or those awaiting an answer (or overdue) by their
 * due date, the most urgent first.
 */
export const complaintsQuerySchema = z.object({
  filter: z.enum(complaintFilters, { error: 'filter.unknown' }).default('all'),
  cursor: text().max(200, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ComplaintsQuery = z.input<typeof complaintsQuerySchema>;

export const complaintPathSchema = z.object({ complaintId: uuid });

/** POST /api/organization/complaints/:complaintId/answer. */
export const complaintAnswerSchema = z
  .object({ answer: requiredText(4000).min(COMPLAINT_TEXT_MIN, { error: 'complaint.text_too_short' }) })
  .meta({ id: 'ComplaintAnswer' });
export type ComplaintAnswer = z.input<typeof complaintAnswerSchema>;

export const complaintViewSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    organization: complaintOrganizationSchema,
    category: complaintCategorySchema,
    text: z.string(),
    place: z.string().nullable(),
    status: z.enum(complaintStatuses),
    createdAt: z.string(),
    answerDueAt: z.string(),
    /** awaiting an answer past its due time */
    overdue: z.boolean(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredBy: personNameView.nullable(),
    /** the complainant left an e-mail: the answer is sent there (the address itself is not shown) */
    answerByEmail: z.boolean(),
    /** filed by a signed-in person (its account is recorded), not anonymously */
    signedIn: z.boolean(),
  })
  .meta({ id: 'Complaint' });
export type ComplaintView = z.infer<typeof complaintViewSchema>;

export const complaintCountsSchema = z.object({
  awaitingAnswer: z.number().int(),
  overdue: z.number().int(),
});
export type ComplaintCounts = z.infer<typeof complaintCountsSchema>;

export const complaintsPageSchema = z
  .object({
    complaints: z.array(complaintViewSchema),
    /** of the whole list (the organization's, the region's or all), not of this page */
    counts: complaintCountsSchema,
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ComplaintsPage' });
export type ComplaintsPage = z.infer<typeof complaintsPageSchema>;

// ---- API: the federal operator's organizations and their blocking ----

export const federalOrganizationFilters = ['all', 'blocked'] as const;
export const federalOrganizationsQuerySchema = z.object({
  q: text().trim().max(200, { error: 'too_long' }).optional(),
  filter: z.enum(federalOrganizationFilters, { error: 'filter.unknown' }).default('all'),
  cursor: text().max(200, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const federalOrganizationSchema = z
  .object({
    id: z.string(),
    shortName: z.string(),
    fullName: z.string(),
    ogrn: z.string(),
    inn: z.string(),
    type: organizationTypeSchema,
    regionCode: z.string(),
    status: organizationStatusSchema,
    approvals: z.array(z.enum(organizationApprovals)),
    blocking: organizationBlockingSchema.extend({ blockedBy: personNameView.nullable() }).nullable(),
    complaints: complaintCountsSchema,
  })
  .meta({ id: 'FederalOrganization' });
export type FederalOrganization = z.infer<typeof federalOrganizationSchema>;
export const federalOrganizationsSchema = z.object({
  organizations: z.array(federalOrganizationSchema),
  nextCursor: z.string().nullable(),
});

/** POST /api/federal-operator/organizations/:organizationId/block. */
export const blockOrganizationSchema = z
  .object({ reason: requiredText(2000) })
  .meta({ id: 'BlockOrganization' });
export type BlockOrganization = z.input<typeof blockOrganizationSchema>;

/**
 * POST /api/federal-operator/organizations/:organizationId/approvals/:approval/revoke: the status
 * the approval gave is taken back, with a reason (Форма И's with Форма З's, which it follows).
 */
export const approvalPathSchema = z.object({
  organizationId: z.uuid({ error: 'id.invalid' }),
  approval: z.enum(organizationApprovals, { error: 'approval.unknown' }),
});
export const revokeApprovalSchema = z.object({ reason: requiredText(2000) });
