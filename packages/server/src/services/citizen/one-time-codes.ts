import type { Config } from '../../config/index.js';
import type { DbOrTx } from '../../db/client.js';
import {
  CODE_RULES,
  checkResendInterval,
  checkSendQuota,
  enterCode,
  type CodeState,
} from '../../domain/citizen/one-time-code.js';
import { AppError } from '../../lib/errors.js';
import { randomDigits, safeEqualHex, type LookupHasher } from '../../lib/crypto.js';
import {
  listCodeSendTimes,
  recordCodeSend,
  type CodePurpose,
  type OneTimeCodeRow,
} from '../../repositories/citizen/one-time-codes.js';

/**
 * What registration and recovery share about codes: issuing, hashing, quotas, and checking an
 * entry. Only a keyed hash of a code is stored, bound to its row, so a leaked table yields neither
 * the codes nor a way to test guesses offline.
 */
export class OneTimeCodes {
  private readonly lookup: LookupHasher;
  private readonly config: Config;

  constructor(deps: { lookup: LookupHasher; config: Config }) {
    this.lookup = deps.lookup;
    this.config = deps.config;
  }

  newCode(): string {
    return randomDigits(CODE_RULES.length);
  }

  hash(rowId: string, code: string): string {
    return this.lookup.hash('one-time-code', `${rowId}:${code}`);
  }

  matches(row: Pick<OneTimeCodeRow, 'id' | 'codeHash' | 'deliverable'>, code: string): boolean {
    // A row whose message carried no code (taken or unknown contact) never matches.
    if (!row.codeHash) return false;
    const same = safeEqualHex(row.codeHash, this.hash(row.id, code));
    return same && row.deliverable === 1;
  }

  /**
   * What code_sends keeps instead of the phone or e-mail: a keyed hash, enough to count sends to
   * one destination and useless to whoever reads the table (152-ФЗ, ст. 19).
   */
  private sendKey(destination: string): string {
    return this.lookup.hash('code-send', destination);
  }

  /** Refuses with code.hourly_limit when the destination or the address has had its share this hour. */
  async checkQuota(tx: DbOrTx, destination: string, ip: string | null, now: Date): Promise<void> {
    const since = new Date(now.getTime() - CODE_RULES.windowMs);
    const byDestination = await listCodeSendTimes(tx, { destination: this.sendKey(destination) }, since);
    const byIp = this.config.rateLimits && ip ? await listCodeSendTimes(tx, { ip }, since) : null;
    const verdict = checkSendQuota(byDestination, byIp, now);
    if (!verdict.ok) throw new AppError(verdict.code, { retryAfterSeconds: verdict.retryAfterSeconds });
  }

  /** Whether the destination may get another message this hour; says nothing to the requester. */
  async destinationHasRoom(tx: DbOrTx, destination: string, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - CODE_RULES.windowMs);
    const byDestination = await listCodeSendTimes(tx, { destination: this.sendKey(destination) }, since);
    return checkSendQuota(byDestination, null, now).ok;
  }

  checkResend(lastSentAt: Date, now: Date): void {
    const verdict = checkResendInterval(lastSentAt, now);
    if (!verdict.ok) throw new AppError(verdict.code, { retryAfterSeconds: verdict.retryAfterSeconds });
  }

  async recordSend(
    tx: DbOrTx,
    purpose: CodePurpose,
    destination: string,
    ip: string | null,
    now: Date,
  ): Promise<void> {
    await recordCodeSend(tx, { purpose, destination: this.sendKey(destination), ip, sentAt: now });
  }

  /** Evaluates one entry of a code against the row (the caller persists attempts and acts on it). */
  evaluate(row: OneTimeCodeRow, code: string, now: Date) {
    const state: CodeState = {
      attempts: row.attempts,
      expiresAt: row.expiresAt,
      verifiedAt: row.verifiedAt,
      completedAt: row.completedAt,
    };
    return enterCode(state, this.matches(row, code), now);
  }
}
