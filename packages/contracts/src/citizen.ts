import { z } from 'zod';
import {
  email,
  isoDate,
  loginIdentifier,
  mobilePhone,
  oneTimeCode,
  optionalPersonName,
  password,
  personName,
  requiredText,
  snils,
} from './fields.js';

/** Account levels of seed 000, section 1. They only move up, except by deletion or re-checking. */
export const accountLevels = ['simplified', 'standard', 'confirmed'] as const;
export const accountLevelSchema = z.enum(accountLevels);
export type AccountLevel = z.infer<typeof accountLevelSchema>;

export const confirmationMethods = ['post', 'service_center', 'signature'] as const;
export const confirmationMethodSchema = z.enum(confirmationMethods);
export type ConfirmationMethod = z.infer<typeof confirmationMethodSchema>;

export const authMethodSchema = z.enum(['password', 'signature']);

export const contactSchema = z.object({
  type: z.enum(['phone', 'email']),
  value: z.string(),
  verified: z.boolean(),
});

export const accountSummarySchema = z
  .object({
    id: z.string(),
    oid: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    level: accountLevelSchema,
    confirmationMethod: confirmationMethodSchema.nullable(),
    contacts: z.array(contactSchema),
    authMethod: authMethodSchema,
  })
  .meta({ id: 'AccountSummary' });
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const sessionStateSchema = z.object({
  account: accountSummarySchema.nullable(),
  csrfToken: z.string(),
  demoMode: z.boolean(),
});

// ---- Registration (seed 000, section 1, step 1) ----

export const registrationStartSchema = z.object({
  lastName: personName,
  firstName: personName,
  contactType: z.enum(['phone', 'email'], { error: 'required' }),
  contact: z.string({ error: 'required' }),
});
export type RegistrationStart = z.input<typeof registrationStartSchema>;

export const registrationStartedSchema = z.object({
  registrationId: z.string(),
  channel: z.enum(['phone', 'email']),
  maskedDestination: z.string(),
  expiresAt: z.string(),
  resendAvailableAt: z.string(),
});
export type RegistrationStarted = z.infer<typeof registrationStartedSchema>;

export const registrationVerifyCodeSchema = z.object({ code: oneTimeCode });
export const registrationVerifyLinkSchema = z.object({ token: z.string().min(10).max(200) });
export const registrationVerifiedSchema = z.object({ completionToken: z.string() });

export const passwordPairSchema = z.object({
  password,
  passwordRepeat: z.string({ error: 'required' }).min(1, { error: 'required' }),
});

export const registrationCompleteSchema = passwordPairSchema.extend({
  completionToken: z.string().min(10).max(200),
});

// ---- Sign-in and recovery ----

export const loginSchema = z.object({ login: loginIdentifier, password });

export const recoveryStartSchema = z.object({ login: loginIdentifier });
export const recoveryStartedSchema = z.object({
  recoveryId: z.string(),
  resendAvailableAt: z.string(),
});
export const recoveryCompleteSchema = passwordPairSchema.extend({ code: oneTimeCode });

// ---- Personal data (seed 000, section 1, step 2) ----

export const genders = ['M', 'F'] as const;

export const passportRfSchema = z.object({
  series: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).regex(/^\d{2}\s?\d{2}$/, { error: 'passport.series_format' }).transform((v) => v.replace(/\s/g, '')),
  number: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).regex(/^\d{6}$/, { error: 'passport.number_format' }),
  issueDate: isoDate,
  issuedBy: requiredText(250),
  issuerCode: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).regex(/^\d{3}-\d{3}$/, { error: 'passport.issuer_code_format' }),
});

export const personalDataInputSchema = z.object({
  lastName: personName,
  firstName: personName,
  middleName: optionalPersonName,
  gender: z.enum(genders, { error: 'required' }),
  birthDate: isoDate,
  birthPlace: requiredText(250),
  citizenship: z.literal('RUS', { error: 'citizenship.unsupported' }),
  passport: passportRfSchema,
  snils,
});
export type PersonalDataInput = z.input<typeof personalDataInputSchema>;
export type PersonalData = z.output<typeof personalDataInputSchema>;

export const checkStates = ['not_started', 'in_progress', 'passed', 'failed'] as const;
export const checkStateSchema = z.enum(checkStates);

/** Reasons a registry check fails, with what the person should do (texts in ru.ts). */
export const checkFailureReasons = [
  'snils.not_found',
  'snils.data_mismatch',
  'passport.not_found',
  'passport.invalid',
  'passport.data_mismatch',
  'registry.unavailable',
] as const;
export const checkFailureReasonSchema = z.enum(checkFailureReasons);

export const personalDataViewSchema = z
  .object({
    data: z
      .object({
        lastName: z.string(),
        firstName: z.string(),
        middleName: z.string().nullable(),
        gender: z.enum(genders),
        birthDate: z.string(),
        birthPlace: z.string(),
        citizenship: z.string(),
        passport: z.object({
          series: z.string(),
          number: z.string(),
          issueDate: z.string(),
          issuedBy: z.string(),
          issuerCode: z.string(),
        }),
        snils: z.string(),
      })
      .nullable(),
    verification: z.object({
      state: checkStateSchema,
      snils: checkStateSchema,
      passport: checkStateSchema,
      failureReasons: z.array(checkFailureReasonSchema),
      submittedAt: z.string().nullable(),
      completedAt: z.string().nullable(),
    }),
    editable: z.boolean(),
  })
  .meta({ id: 'PersonalDataView' });
export type PersonalDataView = z.infer<typeof personalDataViewSchema>;

// ---- Confirmation (seed 000, section 1, step 3) ----

export const postalAddressSchema = z.object({
  postalCode: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).regex(/^\d{6}$/, { error: 'address.postal_code_format' }),
  region: requiredText(120),
  city: requiredText(120),
  street: requiredText(160),
  house: requiredText(20),
  apartment: z.string().trim().max(20, { error: 'too_long' }).optional(),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

export const postLetterStates = ['created', 'sent', 'delivered', 'used', 'expired', 'cancelled'] as const;
export const postLetterSchema = z
  .object({
    id: z.string(),
    state: z.enum(postLetterStates),
    trackingNumber: z.string().nullable(),
    address: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    expiresAt: z.string(),
    attemptsLeft: z.number().int(),
  })
  .meta({ id: 'PostLetter' });
export type PostLetter = z.infer<typeof postLetterSchema>;

export const postCodeSchema = z.object({
  code: z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{8}$/, { error: 'post_code.format' })),
});

export const confirmationStateSchema = z.object({
  level: accountLevelSchema,
  canConfirm: z.boolean(),
  activeLetter: postLetterSchema.nullable(),
  methods: z.array(z.object({ method: confirmationMethodSchema, available: z.boolean() })),
});

// ---- Development outbox (simulated SMS and e-mail) ----

export const outboxMessageSchema = z.object({
  id: z.string(),
  channel: z.enum(['sms', 'email', 'post']),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
