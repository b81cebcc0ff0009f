import type { Db } from '../../db/client.js';
import { CODE_RULES } from '../../domain/citizen/one-time-code.js';
import type { JobPort } from '../../jobs/ports.js';
import { purgeJob } from '../../jobs/specs.js';
import type { Clock } from '../../lib/clock.js';
import { purgeExpiredOidcModels } from '../../oidc/adapter.js';
import { deleteExpiredSigningKeys } from '../../repositories/oidc/signing-keys.js';
import { deleteExpiredEsiaCodes } from '../../repositories/esia/codes.js';
import { deleteExpiredEsiaRequests } from '../../repositories/esia/requests.js';
import { deleteExpiredEsiaTokens } from '../../repositories/esia/tokens.js';
import {
  deleteCodeSendsBefore,
  deleteFinishedOneTimeCodes,
  deleteFinishedSignatureChallenges,
  deletePassedLoginThrottles,
} from '../../repositories/platform/retention.js';

/** How long a finished code row stays (for support questions about a sign-up of today). */
export const FINISHED_CODE_KEEP_MS = 24 * 60 * 60_000;
export const PURGE_INTERVAL_SECONDS = 60 * 60;

const PURGE_KEY = 'retention.purge';

export interface PurgeReport {
  oneTimeCodes: number;
  codeSends: number;
  loginThrottles: number;
  signatureChallenges: number;
  /** the OpenID Connect provider's expired sessions, codes, tokens and grants */
  oidcModels: number;
  /** signing keys retired long enough that no token they signed is still alive */
  oidcSigningKeys: number;
  /** the ESIA-compatible interface's pending requests, codes and tokens past their expiry */
  esia: number;
  /** a new OpenID Connect signing key was published (the current one had signed long enough) */
  oidcKeyRotated: boolean;
}

/**
 * Keeps the citizen-side working tables to what their purpose needs (152-ФЗ, ст. 5 ч. 7): codes
 * and their destinations, send counts past the quota window, spent lockouts, spent challenges,
 * the OpenID Connect provider's expired entries and keys no token needs any more.
 */
export class RetentionService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      queue: JobPort;
      /** the provider's keys: rotated here when due (services/oidc/keys.ts) */
      oidcKeys?: { rotateIfDue(now: Date): Promise<boolean> };
    },
  ) {}

  /** Deletes what is no longer needed; the next run is queued in the same transaction. */
  async purge(options: { reschedule?: boolean } = {}): Promise<PurgeReport> {
    const { db, clock, queue } = this.deps;
    const now = clock.now();
    const purged = await db.transaction(async (tx) => {
      const report = {
        oneTimeCodes: await deleteFinishedOneTimeCodes(
          tx,
          now,
          new Date(now.getTime() - FINISHED_CODE_KEEP_MS),
        ),
        codeSends: await deleteCodeSendsBefore(tx, new Date(now.getTime() - CODE_RULES.windowMs)),
        loginThrottles: await deletePassedLoginThrottles(tx, now),
        signatureChallenges: await deleteFinishedSignatureChallenges(tx, now),
        oidcModels: await purgeExpiredOidcModels(tx, now),
        oidcSigningKeys: await deleteExpiredSigningKeys(tx, now),
        esia:
          (await deleteExpiredEsiaRequests(tx, now)) +
          (await deleteExpiredEsiaCodes(tx, now)) +
          (await deleteExpiredEsiaTokens(tx, now)),
      };
      if (options.reschedule !== false)
        await queue.enqueue(
          tx,
          purgeJob,
          {},
          { singletonKey: PURGE_KEY, startAfterSeconds: PURGE_INTERVAL_SECONDS },
        );
      return report;
    });
    // Its own transaction, after the purge's (PGlite has one connection: never nest them).
    const oidcKeyRotated = (await this.deps.oidcKeys?.rotateIfDue(now)) ?? false;
    return { ...purged, oidcKeyRotated };
  }

  /** Queues the first run at start-up; a run already waiting makes this a no-op. */
  async schedule(): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      await this.deps.queue.enqueue(tx, purgeJob, {}, { singletonKey: PURGE_KEY, startAfterSeconds: 60 });
    });
  }
}
