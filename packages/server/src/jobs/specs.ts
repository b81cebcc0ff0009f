import { z } from 'zod';
import { defineJob } from './ports.js';

/*
 * Every background job, declared once: its name, payload schema and retry policy. A service
 * enqueues one of these through the JobPort; the handler that runs it lives in jobs/<name>.ts and
 * calls a service. Payloads name rows and carry sealed (AES-GCM) secrets, never plaintext
 * personal data.
 */

// ---- platform ----

/**
 * The job payload keeps the recipient and the text sealed together (AES-256-GCM): a phone number
 * or an e-mail address is personal data (152-ФЗ, ст. 3), and codes must not sit in plaintext in
 * the queue table either. Only the channel and the subject stay readable.
 */
export const sendMessageJob = defineJob({
  name: 'notification.send',
  payload: z.union([
    z.object({
      channel: z.enum(['sms', 'email']),
      subject: z.string().optional(),
      sealed: z.string(),
    }),
    // Jobs queued before the recipient was sealed (the text alone was): still delivered after an
    // upgrade, never produced any more.
    z.object({
      channel: z.enum(['sms', 'email']),
      to: z.string(),
      subject: z.string().optional(),
      sealedText: z.string(),
    }),
  ]),
  retryLimit: 6,
  retryDelaySeconds: 1,
  retryBackoff: true,
  expireInSeconds: 60,
  // A code lives 5 minutes: a queue of recovery requests must not outlast it (issue 7 §8, 2 a
  // second before). Sending is waiting on a gateway (0.2-1.2 s for the simulated one), and a
  // batch ends with its slowest message, so 4 workers x 50 at a time per process: 1,000 messages
  // in about 2 s with no gateway delay and about 7 s with the realistic one
  // (bench/notifications.ts).
  batchSize: 50,
  workers: 4,
});

/**
 * The hourly purge. pg-boss's cron is off in our queue (schedule: false, it needs its own
 * supervisor on PGlite), so each run queues the next with startAfter; the 'stately' queue policy
 * and a fixed key keep at most one waiting run however many processes start.
 */
export const purgeJob = defineJob({
  name: 'retention.purge',
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 300,
  policy: 'stately',
});

// ---- citizen ----

/**
 * Delivery of a recovery code, off the request (see startRecovery). The payload names the row and
 * the send; the typed login and the code are sealed (AES-256-GCM), as notification jobs are.
 */
export const deliverRecoveryJob = defineJob({
  name: 'recovery.deliver',
  payload: z.object({ recoveryId: z.string().uuid(), send: z.number().int().positive(), sealed: z.string() }),
  retryLimit: 5,
  retryDelaySeconds: 1,
  retryBackoff: true,
  expireInSeconds: 60,
  // Each delivery queues its message (notification.send): at one job per poll, 200 recovery
  // requests held the next code back 98 s (issue 7 §8). The handler is one short transaction.
  batchSize: 25,
  workers: 2,
});

/**
 * The two automatic checks of seed 000, section 1, step 2. The payload names the submission
 * (account + revision) and nothing personal: the handler reads the encrypted data itself.
 * Retries come from configuration (REGISTRY_RETRY_*), passed when the job is enqueued.
 */
const checkPayload = z.object({ accountId: z.string().uuid(), revision: z.number().int().positive() });

export const checkSnilsJob = defineJob({
  name: 'personal-data.check-snils',
  payload: checkPayload,
  expireInSeconds: 120,
});
export const checkPassportJob = defineJob({
  name: 'personal-data.check-passport',
  payload: checkPayload,
  expireInSeconds: 120,
});

/**
 * The person's ИНН from the tax service, asked once both checks of a submission passed
 * (services/citizen/inn-lookup.ts), as ESIA does. Same payload and retries as the checks.
 */
export const findInnJob = defineJob({
  name: 'personal-data.find-inn',
  payload: checkPayload,
  expireInSeconds: 120,
});

/**
 * Letters with a confirmation code (seed 000, section 1, step 3, way 2). Sending hands the letter
 * to Почта России; tracking asks for its state until it is delivered (or its validity ends).
 * The letter text travels sealed (AES-GCM), never as plaintext in the queue table.
 */
export const sendPostLetterJob = defineJob({
  name: 'post-letter.send',
  payload: z.object({ letterId: z.string().uuid(), sealedText: z.string() }),
  retryLimit: 8,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 120,
});

export const trackPostLetterJob = defineJob({
  name: 'post-letter.track',
  payload: z.object({ letterId: z.string().uuid(), poll: z.number().int().min(0) }),
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 60,
});

// ---- organizations ----

/**
 * The tax register (ЕГРЮЛ) check of an organization's registration (seed 000, section 2). The
 * payload names the organization and the round (its revision when queued); retries come from
 * configuration (REGISTRY_RETRY_*), passed when the job is enqueued.
 */
export const checkOrganizationJob = defineJob({
  name: 'organization.check-tax-register',
  payload: z.object({ organizationId: z.string().uuid(), round: z.number().int().positive() }),
  expireInSeconds: 120,
});
