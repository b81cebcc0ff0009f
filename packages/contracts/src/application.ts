import { z } from 'zod';
import { email, mobilePhone, optionalPersonName, personName, requiredText, text } from './fields.js';
import { isValidOgrn } from './identifiers.js';
import { organizationTypeSchema } from './organization.js';

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
  lastName: personName,
  firstName: personName,
  middleName: optionalPersonName,
  position: requiredText(255),
  workPhone: phone,
  mobilePhone,
  email,
});
export type ResponsiblePerson = z.infer<typeof responsiblePersonSchema>;

/** The form's fields, as appendix 1 lists them (the same for З and И). */
export const applicationContentSchema = z
  .object({
    organizationFullName: requiredText(1000),
    ogrn,
    organizationType: organizationTypeSchema,
    responsible: responsiblePersonSchema,
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
