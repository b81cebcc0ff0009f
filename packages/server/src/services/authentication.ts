import type { AccountSummary, RecoveryStarted } from '@openesia/contracts';
import { appendAudit } from '../audit/log.js';
import type { Config } from '../config/index.js';
import type { Db, DbOrTx } from '../db/client.js';
import {
  afterFailedLogin,
  lockedFor,
  loginKey,
  readLogin,
  type LoginReading,
  type LockoutState,
} from '../domain/citizen/login.js';
import { CODE_RULES, codeUsable, resendAvailableAt } from '../domain/citizen/one-time-code.js';
import { checkNewPassword } from '../domain/citizen/password-policy.js';
import type { Clock } from '../lib/clock.js';
import { newId, type LookupHasher } from '../lib/crypto.js';
import { AppError, fieldError } from '../lib/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../lib/passwords.js';
import {
  findAccountByVerifiedContact,
  getAccountForUpdate,
  updateAccount,
  type AccountRow,
} from '../repositories/accounts.js';
import {
  findAccountBySnilsLookup,
  findLoginThrottle,
  getLoginThrottleForUpdate,
  listVerifiedContacts,
  updateLoginThrottle,
} from '../repositories/credentials.js';
import {
  findOneTimeCodeForUpdate,
  insertOneTimeCode,
  updateOneTimeCode,
} from '../repositories/one-time-codes.js';
import { revokeAccountSessions, revokeSession } from '../repositories/sessions.js';
import type { NotificationService } from './notifications.js';
import type { OneTimeCodes } from './one-time-codes.js';
import type { Authenticated, RequestMeta, SessionService } from './sessions.js';

export interface SignInResult {
  sessionToken: string;
  account: AccountSummary;
}

type Destination = { channel: 'phone' | 'email'; value: string };

/**
 * «Войти», «Выйти» and «Восстановить пароль» (seed 000). Every refusal a stranger can provoke
 * answers the same for existing and unknown logins: same code, same shape, the same password
 * hashing work (OWASP Authentication Cheat Sheet, "Authentication and Error Messages").
 */
export class AuthenticationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly lookup: LookupHasher,
    private readonly codes: OneTimeCodes,
    private readonly notifications: NotificationService,
    private readonly sessions: SessionService,
    private readonly commonPasswords: () => ReadonlySet<string>,
  ) {
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
    const account = await this.findAccount(this.db, readings);
    const throttleKey = account ? null : this.lookup.hash('login-throttle', loginKey(input.login));
    const now = this.clock.now();
    const state: LockoutState = account
      ? { failures: account.failedLogins, lockedUntil: account.lockedUntil }
      : ((await findLoginThrottle(this.db, throttleKey!)) ?? { failures: 0, lockedUntil: null });
    const wait = lockedFor(state, now);
    if (wait > 0) throw new AppError('auth.locked', { retryAfterSeconds: wait });

    // An unknown login (or an account without a password) is checked against a dummy hash: the same work, the same "no".
    const passwordOk =
      (await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password)) &&
      !!account?.passwordHash;
    const loginKind = readings[0].kind;

    if (account && passwordOk) {
      const sessionToken = await this.db.transaction(async (tx) => {
        // Counters are reset under a row lock only when there is something to reset: the common
        // sign-in stays three statements (session, audit), which is what keeps it near argon2's cost.
        if (account.failedLogins > 0 || account.lockedUntil) {
          const locked = await getAccountForUpdate(tx, account.id);
          await updateAccount(tx, locked.id, { failedLogins: 0, lockedUntil: null });
        }
        // A new session on every sign-in: a session id planted before sign-in is worthless (session fixation).
        if (current) await revokeSession(tx, current.tokenHash, now);
        const token = await this.sessions.open(tx, account.id, 'password', meta);
        await appendAudit(
          tx,
          {
            event: 'citizen.login_succeeded',
            actorType: 'citizen',
            actorId: account.id,
            subjectId: account.id,
            ip: meta.ip,
            data: { method: 'password', loginKind },
          },
          now,
        );
        return token;
      });
      const signedIn = { ...account, failedLogins: 0, lockedUntil: null };
      return { sessionToken, account: await this.sessions.summary(this.db, signedIn, 'password') };
    }

    const outcome = await this.db.transaction(async (tx) => {
      let next: ReturnType<typeof afterFailedLogin>;
      if (account) {
        const locked = await getAccountForUpdate(tx, account.id);
        next = afterFailedLogin({ failures: locked.failedLogins, lockedUntil: locked.lockedUntil }, now);
        await updateAccount(tx, locked.id, { failedLogins: next.failures, lockedUntil: next.lockedUntil });
      } else {
        const row = await getLoginThrottleForUpdate(tx, throttleKey!, now);
        next = afterFailedLogin({ failures: row.failures, lockedUntil: row.lockedUntil }, now);
        await updateLoginThrottle(tx, throttleKey!, {
          failures: next.failures,
          lockedUntil: next.lockedUntil,
          updatedAt: now,
        });
      }
      const actor = account
        ? { actorType: 'citizen' as const, actorId: account.id, subjectId: account.id }
        : { actorType: 'anonymous' as const };
      await appendAudit(
        tx,
        {
          event: 'citizen.login_failed',
          ...actor,
          ip: meta.ip,
          data: { reason: account ? 'wrong_password' : 'unknown_login', loginKind, failures: next.failures },
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
    if (outcome.lockedNow) throw new AppError('auth.locked', { retryAfterSeconds: lockedFor(outcome, now) });
    throw new AppError('auth.invalid_credentials');
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
   */
  async startRecovery(login: string, meta: RequestMeta): Promise<RecoveryStarted> {
    const readings = readLogin(login);
    if (!readings.length) throw fieldError('login', 'login.invalid');
    const now = this.clock.now();
    const id = newId();
    await this.db.transaction(async (tx) => {
      const { account, destination } = await this.recoveryTarget(tx, readings);
      // Quotas count sends to the real destination; a login that reaches nobody is counted by its own key.
      const quotaKey = destination?.value ?? `login:${this.lookup.hash('recovery-login', loginKey(login))}`;
      await this.codes.checkQuota(tx, quotaKey, meta.ip ?? null, now);
      const code = this.codes.newCode();
      await insertOneTimeCode(tx, {
        id,
        purpose: 'recovery',
        channel: destination?.channel ?? (readings[0].kind === 'email' ? 'email' : 'phone'),
        destination: quotaKey,
        accountId: account?.id ?? null,
        codeHash: this.codes.hash(id, code),
        deliverable: account ? 1 : 0,
        attempts: 0,
        sends: 1,
        lastSentAt: now,
        expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs),
        createdAt: now,
      });
      await this.codes.recordSend(tx, 'recovery', quotaKey, meta.ip ?? null, now);
      await this.sendRecoveryMessage(tx, destination, account ? code : null);
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
      await this.codes.checkQuota(tx, row.destination, meta.ip ?? null, now);
      const code = this.codes.newCode();
      await updateOneTimeCode(tx, row.id, {
        codeHash: this.codes.hash(row.id, code),
        attempts: 0,
        sends: row.sends + 1,
        lastSentAt: now,
        expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs),
      });
      await this.codes.recordSend(tx, 'recovery', row.destination, meta.ip ?? null, now);
      const destination = row.destination.startsWith('login:')
        ? null
        : { channel: row.channel, value: row.destination };
      await this.sendRecoveryMessage(tx, destination, row.deliverable === 1 ? code : null);
    });
    return {
      recoveryId,
      expiresAt: new Date(now.getTime() + CODE_RULES.ttlMs).toISOString(),
      resendAvailableAt: resendAvailableAt(now).toISOString(),
    };
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

  private async findAccount(db: DbOrTx, readings: LoginReading[]): Promise<AccountRow | undefined> {
    for (const r of readings) {
      const account =
        r.kind === 'snils'
          ? await findAccountBySnilsLookup(db, this.lookup.hash('snils', r.value))
          : await findAccountByVerifiedContact(db, r.kind, r.value);
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

  private async sendRecoveryMessage(
    tx: DbOrTx,
    destination: Destination | null,
    code: string | null,
  ): Promise<void> {
    if (!destination) return;
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
