import { z } from 'zod';
import { normalizeEmail, normalizeMobilePhone } from './identifiers.js';
import {
  isoDate,
  loginIdentifier,
  oneTimeCode,
  optionalPersonName,
  password,
  personName,
  requiredText,
  snils,
  text,
} from './fields.js';
import { actingForSummarySchema } from './organization.js';
import { staffSummarySchema } from './staff.js';

/** Account levels of seed 000, section 1. They only move up, except by deletion or re-checking. */
export const accountLevels = ['simplified', 'standard', 'confirmed'] as const;
export const accountLevelSchema = z.enum(accountLevels);
export type AccountLevel = z.infer<typeof accountLevelSchema>;

/** The demo accounts and their passwords, on the home page in demo mode only. */
export const demoAccountsSchema = z
  .object({
    accounts: z.array(
      z.object({
        title: z.string(),
        login: z.string(),
        password: z.string(),
        level: accountLevelSchema,
        /** a demo organization's employee: its short name */
        organization: z.string().optional(),
        /**
         * the head of a demo organization: the legal entity's test certificate (PKCS#12) at
         * GET /api/demo/head-certificates/{ogrn}, opened with this PIN
         */
        headCertificate: z.object({ ogrn: z.string(), pin: z.string() }).optional(),
        /**
         * an operator of АРМ «Центр обслуживания»: the service certificate (PKCS#12) at
         * GET /api/demo/service-certificates/{key}, opened with this PIN
         */
        serviceCertificate: z.object({ ogrn: z.string(), pin: z.string(), key: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'DemoAccounts' });

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
    /** signed in with a temporary password issued at a service center: a new one first */
    passwordChangeRequired: z.boolean(),
  })
  .meta({ id: 'AccountSummary' });
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const sessionStateSchema = z.object({
  account: accountSummarySchema.nullable(),
  /** «Частное лицо» (null) or the organization the person acts for in this session */
  actingFor: actingForSummarySchema.nullable(),
  /** the staff roles the person holds in this session (the header's links); null when signed out */
  staff: staffSummarySchema.nullable(),
  csrfToken: z.string(),
  demoMode: z.boolean(),
});

// ---- Registration (seed 000, section 1, step 1) ----

/**
 * Step 1 of seed 000: surname, first name and a mobile phone *or* an e-mail. The contact is
 * checked against its type and normalized (+79XXXXXXXXX, lower-case e-mail), so the server and
 * the form agree on what "the same contact" means.
 */
export const registrationStartSchema = z
  .object({
    lastName: personName,
    firstName: personName,
    contactType: z.enum(['phone', 'email'], { error: 'required' }),
    contact: requiredText(254),
  })
  .superRefine((v, ctx) => {
    if (
      typeof v.contact !== 'string' ||
      v.contact === '' ||
      (v.contactType !== 'phone' && v.contactType !== 'email')
    )
      return;
    if (!normalizeContact(v.contactType, v.contact)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contact'],
        message: v.contactType === 'phone' ? 'phone.invalid' : 'email.invalid',
      });
    }
  })
  .transform((v) => ({ ...v, contact: normalizeContact(v.contactType, v.contact)! }));
export type RegistrationStart = z.input<typeof registrationStartSchema>;

function normalizeContact(type: 'phone' | 'email', value: string): string | null {
  return type === 'phone' ? normalizeMobilePhone(value) : normalizeEmail(value);
}

/**
 * The same answer whether or not the contact is already registered (no account enumeration):
 * the owner of a taken contact learns it from the message itself, nobody else does.
 */
export const registrationStartedSchema = z
  .object({
    registrationId: z.string(),
    channel: z.enum(['phone', 'email']),
    maskedDestination: z.string(),
    expiresAt: z.string(),
    resendAvailableAt: z.string(),
  })
  .meta({ id: 'RegistrationStarted' });
export type RegistrationStarted = z.infer<typeof registrationStartedSchema>;

/**
 * Wrong entries one SMS or e-mail code allows (seed 000); the server's CODE_RULES.maxAttempts
 * (domain/citizen/one-time-code.ts) is the same number. The form counts down from it, since the
 * refusal `code.invalid` does not say how many tries are left.
 */
export const ONE_TIME_CODE_MAX_ATTEMPTS = 3;

export const registrationIdParamsSchema = z.object({ registrationId: z.uuid({ error: 'invalid' }) });
export const registrationVerifyCodeSchema = z.object({ code: oneTimeCode });
export const registrationVerifyLinkSchema = z.object({
  token: text({ error: 'required' }).min(10, { error: 'code.invalid' }).max(200, { error: 'code.invalid' }),
});
export const registrationVerifiedSchema = z.object({
  completionToken: z.string(),
  channel: z.enum(['phone', 'email']),
  maskedDestination: z.string(),
});
export type RegistrationVerified = z.infer<typeof registrationVerifiedSchema>;

/** A new password is typed twice (seed 000); the policy itself is the server's (password-policy.ts). */
export const passwordPairSchema = z.object({
  password,
  passwordRepeat: text({ error: 'required' })
    .min(1, { error: 'required' })
    .max(128, { error: 'password.too_long' }),
});

export const registrationCompleteSchema = passwordPairSchema.extend({
  completionToken: text({ error: 'registration.not_found' })
    .min(10, { error: 'registration.not_found' })
    .max(200, { error: 'registration.not_found' }),
});
export type RegistrationComplete = z.input<typeof registrationCompleteSchema>;

/** What a successful registration, sign-in or recovery answers: the account now signed in. */
export const signedInSchema = z.object({ account: accountSummarySchema });
export type SignedIn = z.infer<typeof signedInSchema>;

// ---- Sign-in and recovery ----

/** «Войти»: the login is a phone, an e-mail or a СНИЛС, in any usual formatting. */
export const loginSchema = z.object({ login: loginIdentifier, password });
export type LoginInput = z.input<typeof loginSchema>;

export const recoveryStartSchema = z.object({ login: loginIdentifier });
export type RecoveryStart = z.input<typeof recoveryStartSchema>;
/** Deliberately says nothing about where the code went: the same answer for unknown logins. */
export const recoveryStartedSchema = z
  .object({
    recoveryId: z.string(),
    expiresAt: z.string(),
    resendAvailableAt: z.string(),
  })
  .meta({ id: 'RecoveryStarted' });
export type RecoveryStarted = z.infer<typeof recoveryStartedSchema>;
export const recoveryIdParamsSchema = z.object({ recoveryId: z.uuid({ error: 'invalid' }) });
export const recoveryCompleteSchema = passwordPairSchema.extend({ code: oneTimeCode });
export type RecoveryComplete = z.input<typeof recoveryCompleteSchema>;

// ---- Personal data (seed 000, section 1, step 2) ----

export const genders = ['M', 'F'] as const;

export const passportRfSchema = z.object({
  series: text({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .regex(/^\d{2}\s?\d{2}$/, { error: 'passport.series_format' })
    .transform((v) => v.replace(/\s/g, '')),
  number: text({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .regex(/^\d{6}$/, { error: 'passport.number_format' }),
  issueDate: isoDate,
  issuedBy: requiredText(250),
  issuerCode: text({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .regex(/^\d{3}-\d{3}$/, { error: 'passport.issuer_code_format' }),
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
  postalCode: text({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .regex(/^\d{6}$/, { error: 'address.postal_code_format' }),
  region: requiredText(120),
  city: requiredText(120),
  street: requiredText(160),
  house: requiredText(20),
  apartment: text().trim().max(20, { error: 'too_long' }).optional(),
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
  code: text({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{8}$/, { error: 'post_code.format' })),
});

export const confirmationStateSchema = z
  .object({
    level: accountLevelSchema,
    confirmationMethod: confirmationMethodSchema.nullable(),
    canConfirm: z.boolean(),
    /** the letter being sent or waiting for its code, else null */
    activeLetter: postLetterSchema.nullable(),
    /** the last letter that ended without confirming (wrong codes, expired), to explain why */
    lastEndedLetter: postLetterSchema.nullable(),
    /** a new letter can be ordered now */
    canOrderLetter: z.boolean(),
    maxCodeAttempts: z.number().int(),
    letterValidDays: z.number().int(),
    methods: z.array(z.object({ method: confirmationMethodSchema, available: z.boolean() })),
  })
  .meta({ id: 'ConfirmationState' });
export type ConfirmationState = z.infer<typeof confirmationStateSchema>;

export const postLetterOrderSchema = z.object({ address: postalAddressSchema });
export type PostLetterOrder = z.input<typeof postLetterOrderSchema>;

// ---- The personal page (seed 000, section 1: what each level opens and the next step) ----

export const meSchema = z
  .object({
    account: accountSummarySchema,
    verification: z.object({
      state: checkStateSchema,
      failureReasons: z.array(checkFailureReasonSchema),
      completedAt: z.string().nullable(),
    }),
    activeLetter: postLetterSchema.nullable(),
    /** what the person should do next to reach a higher level */
    nextStep: z.enum([
      'fill_personal_data',
      'wait_for_checks',
      'fix_personal_data',
      'confirm_identity',
      'enter_post_code',
      'none',
    ]),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

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
