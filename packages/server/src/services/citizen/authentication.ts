import type { AccountSummary, RecoveryStarted } from '@openesia/contracts';
import type { z } from 'zod';
import { appendAudit, auditAppendCall } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  LOCKOUT_RULES,
  lockWhenSpent,
  lockedFor,
  loginKey,
  readLogin,
  takeSlot,
  type LoginReading,
  type LockoutState,
} from '../../domain/citizen/login.js';
import { CODE_RULES, codeUsable, resendAvailableAt } from '../../domain/citizen/one-time-code.js';
import { checkNewPassword } from '../../domain/citizen/password-policy.js';
import { moscowDateTime } from '../../domain/shared/moscow-time.js';
import type { Clock } from '../../lib/clock.js';
import { newId, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import type { JobPort } from '../../jobs/ports.js';
import { deliverRecoveryJob } from '../../jobs/specs.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords.js';
import {
  findAccountById,
  findAccountByVerifiedContact,
  getAccountForUpdate,
  updateAccount,
  type AccountRow,
} from '../../repositories/citizen/accounts.js';
import {
  findAccountBySnilsLookup,
  findLoginThrottle,
  getLoginThrottleForUpdate,
  findAccountAndTakeSlot,
  recordPasswordSignIn,
  prepareSignInStatements,
  type SignInStatements,
  listVerifiedContacts,
  updateLoginThrottle,
} from '../../repositories/citizen/credentials.js';
import {
  findOneTimeCodeForUpdate,
  insertOneTimeCode,
  updateOneTimeCode,
} from '../../repositories/citizen/one-time-codes.js';
import { revokeAccountSessions, revokeSession } from '../../repositories/platform/sessions.js';
import { dropReceiptsOf } from '../../repositories/workstation/operations.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { NotificationService } from '../platform/notifications.js';
import type { OneTimeCodes } from './one-time-codes.js';
import type { Authenticated, RequestMeta, SessionService } from '../platform/sessions.js';

export interface SignInResult {
  sessionToken: string;
  account: AccountSummary;
}

type Destination = { channel: 'phone' | 'email'; value: string };

const RECOVERY_SEAL_CONTEXT = 'recovery.delivery';

/** What a recovery row keeps besides its columns. */
type RecoveryRowPayload = {
  quotaKey: string;
  /** set by the delivery job: the login led to a contact, or to nowhere (an unknown СНИЛС) */
  resolved?: 'contact' | 'nowhere';
  /** the last send whose message was queued: a job run twice sends once */
  deliveredSend?: number;
};
/** Where one login's wrong-password count lives: the account row, or an unknown login's throttle row. */
interface AttemptCounter {
  /** names the counter for waking attempts that wait for a slot */
  key: string;
  /** takes a slot; the count after it, or undefined when none was taken */
  take(now: Date): Promise<number | undefined>;
  read(db: DbOrTx): Promise<LockoutState | undefined>;
  lockWhenSpent(tx: DbOrTx, now: Date): Promise<LockoutState & { lockedNow: boolean }>;
}

/**
 * Attempts of this process waiting for a slot, woken when an attempt on the same counter settles.
 * Another process's attempts are seen by the timeout (a poll), so nothing depends on the wake.
 */
class SlotWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  wait(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiting.get(key) ?? new Set<() => void>();
      this.waiting.set(key, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.waiting.delete(key);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  wake(key: string): void {
    for (const done of [...(this.waiting.get(key) ?? [])]) done();
  }
}

/**
 * «Войти», «Выйти» and «Восстановить пароль» (seed 000). Every refusal a stranger can provoke
 * answers the same for existing and unknown logins: same code, same shape, the same password
 * hashing work (OWASP Authentication Cheat Sheet, "Authentication and Error Messages").
 */
export class AuthenticationService {
  private readonly slotWaiters = new SlotWaiters();
  private readonly prepared: SignInStatements;

  private readonly db: Db;
  private readonly clock: Clock;
  private readonly config: Config;
  private readonly lookup: LookupHasher;
  private readonly codes: OneTimeCodes;
  private readonly notifications: NotificationService;
  private readonly sessions: SessionService;
  private readonly commonPasswords: () => ReadonlySet<string>;
  private readonly queue: JobPort;
  private readonly cipher: FieldCipher;

  constructor(deps: {
    db: Db;
    clock: Clock;
    config: Config;
    lookup: LookupHasher;
    codes: OneTimeCodes;
    notifications: NotificationService;
    sessions: SessionService;
    commonPasswords: () => ReadonlySet<string>;
    queue: JobPort;
    cipher: FieldCipher;
  }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.lookup = deps.lookup;
    this.codes = deps.codes;
    this.notifications = deps.notifications;
    this.sessions = deps.sessions;
    this.commonPasswords = deps.commonPasswords;
    this.queue = deps.queue;
    this.cipher = deps.cipher;
    this.prepared = prepareSignInStatements(deps.db);
    // Computed once up front, so the first unknown login is not slower than the others.
    void dummyPasswordHash().catch(() => undefined);
  }

  async login(
    input: { login: string; password: string },
    meta: RequestMeta,
    current: Authenticated | null,
  ): Promise<SignInResult> {
    const readings = readLogin(input.login);
    if (!readings.length) throw fieldError('login', 'login.invalid');
    const now = this.clock.now();
    const throttleKey = this.lookup.hash('login-throttle', loginKey(input.login));
    // A phone or an e-mail (most sign-ins): the account and its attempt slot in one round trip.
    const [only] = readings;
    const first =
      readings.length === 1 && only.kind !== 'snils'
        ? await findAccountAndTakeSlot(this.db, {
            type: only.kind,
            value: only.value,
            throttleKey,
            now,
            maxFailures: LOCKOUT_RULES.maxFailures,
          })
        : { account: await this.findAccount(readings), slot: undefined };
    const { account } = first;
    // Accounts keep their count on the row; a login that matches no account on its throttle row,
    // by the same rule and the same steps, so the answers never tell the two apart.
    const counter = account ? this.accountCounter(account) : this.throttleCounter(throttleKey);

    // The attempt is counted BEFORE its password is checked (domain/citizen/login.ts, takeSlot).
    const slot =
      first.slot !== undefined
        ? { kind: 'taken' as const, failures: first.slot }
        : await this.takeSlot(counter, now);
    if (slot.kind === 'locked')
      throw new AppError('auth.locked', { retryAfterSeconds: slot.retryAfterSeconds });
    try {
      return await this.checkPassword(
        input,
        meta,
        current,
        account,
        counter,
        slot.failures,
        readings[0].kind,
        now,
      );
    } finally {
      // The slot is settled (released by a success, spent by a failure): attempts waiting for one look again.
      this.slotWaiters.wake(counter.key);
    }
  }

  private async checkPassword(
    input: { login: string; password: string },
    meta: RequestMeta,
    current: Authenticated | null,
    account: AccountRow | undefined,
    counter: AttemptCounter,
    failures: number,
    loginKind: LoginReading['kind'],
    now: Date,
  ): Promise<SignInResult> {
    // An unknown login (or an account without a password) is checked against a dummy hash: the same work, the same "no".
    const passwordOk =
      (await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password)) &&
      !!account?.passwordHash;

    if (account && passwordOk) {
      // One statement (repositories/credentials.ts): the reset re-checks the lockout under the row
      // lock — if other guesses locked the account while this password was being checked, this right
      // password came too late — then the previous session is replaced (session fixation), the new
      // one opened and the audit entry appended, or nothing at all.
      const { token, row } = this.sessions.newSession(account.id, 'password', meta);
      const signedInNow = await recordPasswordSignIn(this.db, {
        session: row,
        now,
        replacedSessionHash: current?.tokenHash ?? null,
        audit: auditAppendCall(
          {
            event: 'citizen.login_succeeded',
            actorType: 'citizen',
            actorId: account.id,
            subjectId: account.id,
            ip: meta.ip,
            data: { method: 'password', loginKind },
          },
          now,
        ),
      });
      const sessionToken = signedInNow ? token : null;
      if (sessionToken === null) {
        const state = (await counter.read(this.db)) ?? { failures: 0, lockedUntil: null };
        throw new AppError('auth.locked', { retryAfterSeconds: Math.max(1, lockedFor(state, now)) });
      }
      const signedIn = { ...account, failedLogins: 0, lockedUntil: null };
      return { sessionToken, account: await this.sessions.summary(this.db, signedIn, 'password') };
    }

    // The failure was counted when the slot was taken; what remains is the lockout and the audit.
    const outcome = await this.db.transaction(async (tx) => {
      const next = await counter.lockWhenSpent(tx, now);
      const actor = account
        ? { actorType: 'citizen' as const, actorId: account.id, subjectId: account.id }
        : { actorType: 'anonymous' as const };
      await appendAudit(
        tx,
        {
          event: 'citizen.login_failed',
          ...actor,
          ip: meta.ip,
          data: { reason: account ? 'wrong_password' : 'unknown_login', loginKind, failures },
        },
        now,
      );
      if (next.lockedNow) {
        await appendAudit(
          tx,
          {
            event: 'citizen.locked_out',
            ...actor,
            ip: meta.ip,
            data: { loginKind, until: next.lockedUntil!.toISOString() },
          },
          now,
        );
      }
      return next;
    });
    const wait = lockedFor(outcome, now);
    if (wait > 0) throw new AppError('auth.locked', { retryAfterSeconds: wait });
    throw new AppError('auth.invalid_credentials');
  }

  /**
   * Takes a slot for one attempt in one UPDATE. While every slot is held by attempts still being
   * checked it waits for one to settle (woken in this process, polled across processes); slots
   * held past LOCKOUT_RULES.slotWaitMs count as spent and lock, as wrong passwords would.
   */
  private async takeSlot(
    counter: AttemptCounter,
    now: Date,
  ): Promise<{ kind: 'taken'; failures: number } | { kind: 'locked'; retryAfterSeconds: number }> {
    const deadline = performance.now() + LOCKOUT_RULES.slotWaitMs;
    for (;;) {
      const failures = await counter.take(now);
      if (failures !== undefined) return { kind: 'taken', failures };
      const decision = takeSlot((await counter.read(this.db)) ?? { failures: 0, lockedUntil: null }, now);
      if (decision.kind === 'locked') return decision;
      if (decision.kind === 'busy') {
        const left = deadline - performance.now();
        if (left <= 0) {
          const locked = await this.db.transaction((tx) => counter.lockWhenSpent(tx, now));
          return { kind: 'locked', retryAfterSeconds: Math.max(1, lockedFor(locked, now)) };
        }
        await this.slotWaiters.wait(counter.key, Math.min(left, LOCKOUT_RULES.slotPollMs));
      }
    }
  }

  private accountCounter(account: AccountRow): AttemptCounter {
    return {
      key: `account:${account.id}`,
      take: (now) => this.prepared.takeAccountSlot(account.id, now, LOCKOUT_RULES.maxFailures),
      async read(db) {
        const row = await findAccountById(db, account.id);
        return row && { failures: row.failedLogins, lockedUntil: row.lockedUntil };
      },
      async lockWhenSpent(tx, now) {
        const row = await getAccountForUpdate(tx, account.id);
        const next = lockWhenSpent({ failures: row.failedLogins, lockedUntil: row.lockedUntil }, now);
        if (next.lockedNow) await updateAccount(tx, account.id, { lockedUntil: next.lockedUntil });
        return next;
      },
    };
  }

  private throttleCounter(key: string): AttemptCounter {
    return {
      key: `login:${key}`,
      take: (now) => this.prepared.takeThrottleSlot(key, now, LOCKOUT_RULES.maxFailures),
      async read(db) {
        const row = await findLoginThrottle(db, key);
        return row && { failures: row.failures, lockedUntil: row.lockedUntil };
      },
      async lockWhenSpent(tx, now) {
        const row = await getLoginThrottleForUpdate(tx, key, now);
        const next = lockWhenSpent({ failures: row.failures, lockedUntil: row.lockedUntil }, now);
        if (next.lockedNow)
          await updateLoginThrottle(tx, key, {
            failures: next.failures,
            lockedUntil: next.lockedUntil,
            updatedAt: now,
          });
        return next;
      },
    };
  }

  /**
   * «Смена временного пароля»: the first sign-in after an operator issued a temporary password at a
   * service center (АРМ) sets the citizen's own; until then the session can do nothing else
   * (http/app.ts). The receipts that printed the temporary password are dropped with it.
   */
  async changeTemporaryPassword(
    actor: Actor,
    current: Authenticated,
    input: { password: string; passwordRepeat: string },
    meta: RequestMeta,
  ): Promise<AccountSummary> {
    assertAllowed(actor, 'citizen.change_temporary_password', { accountId: current.account.id });
    const accountId = current.account.id;
    const contacts = await listVerifiedContacts(this.db, accountId);
    const problems = checkNewPassword(
      { ...input, logins: contacts.map((c) => c.value) },
      this.commonPasswords(),
    );
    if (problems.length) throw new AppError('validation.failed', { fields: problems });
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const account = await getAccountForUpdate(tx, accountId);
      if (!account.passwordMustChange) throw new AppError('conflict.stale');
      if (account.passwordHash && (await verifyPassword(account.passwordHash, input.password)))
        throw new AppError('validation.failed', {
          fields: [{ path: 'password', code: 'password.same_as_temporary' }],
        });
      await updateAccount(tx, accountId, { passwordHash, passwordMustChange: false, updatedAt: now });
      await dropReceiptsOf(tx, accountId);
      await appendAudit(
        tx,
        {
          event: 'citizen.temporary_password_changed',
          actorType: 'citizen',
          actorId: accountId,
          subjectId: accountId,
          ip: meta.ip,
          data: {},
        },
        now,
      );
      return this.sessions.summary(tx, { ...account, passwordMustChange: false }, current.session.authMethod);
    });
  }

  /** «Выйти»: the session ends on the server, not only in the browser. */
  async logout(current: Authenticated | null, meta: RequestMeta): Promise<void> {
    if (!current) return;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await revokeSession(tx, current.tokenHash, now);
      await appendAudit(
        tx,
        {
          event: 'citizen.logged_out',
          actorType: 'citizen',
          actorId: current.account.id,
          subjectId: current.account.id,
          ip: meta.ip,
        },
        now,
      );
    });
  }

  /**
   * «Восстановить пароль»: a 6-digit code to a verified phone or e-mail of the account. The answer
   * is the same for a login that matches nothing; a phone or e-mail without an account gets a
   * message saying so (its owner may have forgotten which contact they registered with).
   *
   * The request never looks the login up: it does the same fixed work for every login (a quota
   * check, a code row, a queued delivery) and the delivery job finds the account and sends or
   * drops. Looking up a СНИЛС and its contacts here made known СНИЛС answer measurably slower
   * (issue 7 §8), which told which СНИЛС are registered.
   */
  async startRecovery(login: string, meta: RequestMeta): Promise<RecoveryStarted> {
    const readings = readLogin(login);
    if (!readings.length) throw fieldError('login', 'login.invalid');
    const now = this.clock.now();
    const id = newId();
    await this.db.transaction(async (tx) => {
      // The visible quota counts what was typed (and the address): counted on the resolved phone,
      // shared with registration, a refusal would tell that a typed СНИЛС belongs to that phone.
      const quotaKey = `login:${this.lookup.hash('recovery-login', loginKey(login))}`;
      await this.codes.checkQuota(tx, quotaKey, meta.ip ?? null, now);
      const code = this.codes.newCode();
      // Undeliverable and addressed to nobody until the delivery job has resolved the login.
      await insertOneTimeCode(tx, {
        id,
        purpose: 'recovery',
        channel: readings[0].kind === 'email' ? 'email' : 'phone',
        destination: quotaKey,
        payload: { quotaKey } satisfies RecoveryRowPayload,
        accountId: null,
        codeHash: this.codes.hash(id, code),
        deliverable: 0,
        attempts: 0,
        sends: 1,
        lastSentAt: now,
        expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs),
        createdAt: now,
      });
      await this.codes.recordSend(tx, 'recovery', quotaKey, meta.ip ?? null, now);
      await this.queueRecoveryDelivery(tx, id, 1, { login, code });
    });
    return {
      recoveryId: id,
      expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs).toISOString(),
      resendAvailableAt: resendAvailableAt(now).toISOString(),
    };
  }

  async resendRecovery(recoveryId: string, meta: RequestMeta): Promise<RecoveryStarted> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeForUpdate(tx, recoveryId, 'recovery');
      if (!row) throw new AppError('recovery.not_found');
      if (row.completedAt) throw new AppError('code.invalid');
      this.codes.checkResend(row.lastSentAt, now);
      const quotaKey = typeof row.payload?.quotaKey === 'string' ? row.payload.quotaKey : row.destination;
      await this.codes.checkQuota(tx, quotaKey, meta.ip ?? null, now);
      const code = this.codes.newCode();
      await updateOneTimeCode(tx, row.id, {
        codeHash: this.codes.hash(row.id, code),
        attempts: 0,
        sends: row.sends + 1,
        lastSentAt: now,
        expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs),
      });
      await this.codes.recordSend(tx, 'recovery', quotaKey, meta.ip ?? null, now);
      // The same fixed work whether the row found an account: the job knows where it goes.
      await this.queueRecoveryDelivery(tx, row.id, row.sends + 1, { code });
    });
    return {
      recoveryId,
      expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs).toISOString(),
      resendAvailableAt: resendAvailableAt(now).toISOString(),
    };
  }

  /** The login (first send only) and the code travel sealed, bound to their row. */
  private async queueRecoveryDelivery(
    tx: DbOrTx,
    recoveryId: string,
    send: number,
    secret: { login?: string; code: string },
  ): Promise<void> {
    const sealed = this.cipher
      .encryptJson(secret, `${RECOVERY_SEAL_CONTEXT}:${recoveryId}`)
      .toString('base64');
    await this.queue.enqueue(tx, deliverRecoveryJob, { recoveryId, send, sealed });
  }

  /**
   * The job behind «Восстановить пароль»: resolves the typed login to an account and its contact
   * (once, on the first send), then sends the code, or the "no account" notice to a typed contact,
   * or nothing. Idempotent: a send already delivered, or replaced by a newer one, is skipped.
   */
  async deliverRecovery({
    recoveryId,
    send,
    sealed,
  }: z.output<typeof deliverRecoveryJob.payload>): Promise<void> {
    const secret = this.cipher.decryptJson<{ login?: string; code: string }>(
      Buffer.from(sealed, 'base64'),
      `${RECOVERY_SEAL_CONTEXT}:${recoveryId}`,
    );
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeForUpdate(tx, recoveryId, 'recovery');
      if (!row) return;
      let payload = (row.payload ?? {}) as unknown as RecoveryRowPayload;
      let target: { destination: Destination | null; deliverable: boolean } = {
        destination: payload.resolved === 'nowhere' ? null : { channel: row.channel, value: row.destination },
        deliverable: row.deliverable === 1,
      };
      if (!payload.resolved) {
        // Only the first send carries the login; a resend that overtook it waits for it (a retry).
        if (secret.login === undefined) throw new Error('recovery login not resolved yet');
        const { account, destination } = await this.recoveryTarget(tx, readLogin(secret.login));
        payload = { ...payload, resolved: destination ? 'contact' : 'nowhere' };
        target = { destination, deliverable: !!account };
        await updateOneTimeCode(tx, row.id, {
          accountId: account?.id ?? null,
          deliverable: account ? 1 : 0,
          channel: destination?.channel ?? row.channel,
          destination: destination?.value ?? row.destination,
          payload,
        });
      }
      const stale = row.sends !== send || (payload.deliveredSend ?? 0) >= send || !!row.completedAt;
      if (stale) return;
      await updateOneTimeCode(tx, row.id, { payload: { ...payload, deliveredSend: send } });
      await this.deliverRecoveryMessage(tx, target.destination, target.deliverable ? secret.code : null, now);
    });
  }

  /**
   * The code and the new password (twice). A right code with an unacceptable password is not
   * used up; a success sets the password, ends every session of the account (whoever held the
   * old password is signed out) and signs the person in.
   */
  async completeRecovery(
    recoveryId: string,
    input: { code: string; password: string; passwordRepeat: string },
    meta: RequestMeta,
  ): Promise<SignInResult> {
    const checked = await this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeForUpdate(tx, recoveryId, 'recovery');
      if (!row) throw new AppError('recovery.not_found');
      const verdict = this.codes.evaluate(row, input.code, this.clock.now());
      if (!verdict.accepted) {
        if (verdict.attempts !== row.attempts)
          await updateOneTimeCode(tx, row.id, { attempts: verdict.attempts });
        return { refused: verdict.code };
      }
      const contacts = await listVerifiedContacts(tx, row.accountId!);
      return { logins: contacts.map((c) => c.value) };
    });
    if ('refused' in checked) throw new AppError(checked.refused!);
    const problems = checkNewPassword({ ...input, logins: checked.logins }, this.commonPasswords());
    if (problems.length) throw new AppError('validation.failed', { fields: problems });
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeForUpdate(tx, recoveryId, 'recovery');
      // The same code may have been used meanwhile in another tab: check again under the lock.
      if (!row || !codeUsable(row, now).ok || !this.codes.matches(row, input.code))
        throw new AppError('code.invalid');
      await updateOneTimeCode(tx, row.id, { verifiedAt: now, completedAt: now, codeHash: null });
      const account = await getAccountForUpdate(tx, row.accountId!);
      await updateAccount(tx, account.id, {
        passwordHash,
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: now,
      });
      await revokeAccountSessions(tx, account.id, now);
      await this.notifyPasswordChanged(tx, account.id, now);
      await appendAudit(
        tx,
        {
          event: 'citizen.password_recovered',
          actorType: 'citizen',
          actorId: account.id,
          subjectId: account.id,
          ip: meta.ip,
          data: { channel: row.channel },
        },
        now,
      );
      const sessionToken = await this.sessions.open(tx, account.id, 'password', meta);
      return {
        sessionToken,
        account: await this.sessions.summary(tx, { ...account, passwordHash }, 'password'),
      };
    });
  }

  /**
   * A completed recovery is told to every verified contact: whoever recovered with one of them,
   * the owner of the others learns of it and can act (OWASP Forgot Password Cheat Sheet).
   */
  private async notifyPasswordChanged(tx: DbOrTx, accountId: string, now: Date): Promise<void> {
    const when = moscowDateTime(now);
    for (const contact of await listVerifiedContacts(tx, accountId)) {
      const sms = contact.type === 'phone';
      await this.notifications.enqueue(tx, {
        channel: sms ? 'sms' : 'email',
        to: contact.value,
        subject: sms ? undefined : 'Пароль учётной записи ЕСИА изменён',
        text: sms
          ? `Пароль вашей учётной записи ЕСИА изменён ${when}. Если это были не вы, восстановите доступ: ${this.config.publicUrl}/recover`
          : `Здравствуйте!\n\nПароль вашей учётной записи ЕСИА изменён ${when} через восстановление доступа. Если это были не вы, немедленно восстановите доступ: ${this.config.publicUrl}/recover — и обратитесь в центр обслуживания.`,
      });
    }
  }

  private async findAccount(readings: LoginReading[]): Promise<AccountRow | undefined> {
    for (const r of readings) {
      const account =
        r.kind === 'snils'
          ? await findAccountBySnilsLookup(this.db, this.lookup.hash('snils', r.value))
          : await this.prepared.findAccountByVerifiedContact(r.kind, r.value);
      if (account) return account;
    }
    return undefined;
  }

  /** Where a recovery code goes: the contact typed, or for a СНИЛС the account's phone (else e-mail). */
  private async recoveryTarget(
    tx: DbOrTx,
    readings: LoginReading[],
  ): Promise<{ account?: AccountRow; destination: Destination | null }> {
    for (const r of readings) {
      if (r.kind !== 'snils') {
        const account = await findAccountByVerifiedContact(tx, r.kind, r.value);
        if (account) return { account, destination: { channel: r.kind, value: r.value } };
        continue;
      }
      const account = await findAccountBySnilsLookup(tx, this.lookup.hash('snils', r.value));
      if (!account) continue;
      const contacts = await listVerifiedContacts(tx, account.id);
      const contact = contacts.find((c) => c.type === 'phone') ?? contacts.find((c) => c.type === 'email');
      if (contact) return { account, destination: { channel: contact.type, value: contact.value } };
    }
    const typed = readings.find((r): r is Destination & { kind: 'phone' | 'email' } => r.kind !== 'snils');
    return { destination: typed ? { channel: typed.kind, value: typed.value } : null };
  }

  /**
   * Queues the recovery message unless its destination has had its hourly share (from any flow):
   * then the message is dropped silently, and the requester gets the same answer as always.
   */
  private async deliverRecoveryMessage(
    tx: DbOrTx,
    destination: Destination | null,
    code: string | null,
    now: Date,
  ): Promise<void> {
    if (!destination) return;
    if (!(await this.codes.destinationHasRoom(tx, destination.value, now))) return;
    await this.codes.recordSend(tx, 'recovery', destination.value, null, now);
    const channel = destination.channel === 'phone' ? ('sms' as const) : ('email' as const);
    const subject = 'Восстановление доступа к ЕСИА';
    const text = code
      ? channel === 'sms'
        ? `Код для восстановления доступа к ЕСИА: ${code}. Действует 5 минут. Никому его не сообщайте.`
        : `Здравствуйте!\n\nКод для восстановления доступа к учётной записи ЕСИА: ${code}\n\nКод действует 5 минут. Если вы не восстанавливали доступ, смените пароль: кто-то знает ваш логин.`
      : channel === 'sms'
        ? `Запрошено восстановление доступа к ЕСИА, но учётной записи с этим номером нет. Зарегистрироваться: ${this.config.publicUrl}/register`
        : `Здравствуйте!\n\nЗапрошено восстановление доступа к ЕСИА, но учётной записи с адресом ${destination.value} нет. Если вы хотите зарегистрироваться: ${this.config.publicUrl}/register\n\nЕсли это были не вы, ничего не делайте.`;
    await this.notifications.enqueue(tx, {
      channel,
      to: destination.value,
      subject: channel === 'email' ? subject : undefined,
      text,
    });
  }
}
