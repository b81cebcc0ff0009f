import type { AccountSummary, RegistrationStarted, RegistrationVerified } from '@openesia/contracts';
import { formatPhone } from '@openesia/contracts';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { CODE_RULES, completionOpen, resendAvailableAt } from '../../domain/citizen/one-time-code.js';
import { maskDestination } from '../../domain/citizen/login.js';
import { checkNewPassword } from '../../domain/citizen/password-policy.js';
import type { Clock } from '../../lib/clock.js';
import { newId, randomToken, sha256Hex } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import {
  findAccountByVerifiedContact,
  insertAccount,
  insertContact,
} from '../../repositories/citizen/accounts.js';
import {
  findOneTimeCodeByCompletionToken,
  findOneTimeCodeByLinkToken,
  findOneTimeCodeForUpdate,
  insertOneTimeCode,
  updateOneTimeCode,
  type OneTimeCodeRow,
} from '../../repositories/citizen/one-time-codes.js';
import type { NotificationService } from '../platform/notifications.js';
import type { OneTimeCodes } from './one-time-codes.js';
import { isUniqueViolation } from '../../repositories/platform/constraint-violation.js';
import type { RequestMeta, SessionService } from '../platform/sessions.js';

export interface RegistrationRequest {
  lastName: string;
  firstName: string;
  contactType: 'phone' | 'email';
  /** normalized by the contract: +79XXXXXXXXX or a lower-case e-mail */
  contact: string;
}

interface RegistrationPayload {
  lastName: string;
  firstName: string;
}

export interface NewAccountInput {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  contactType: 'phone' | 'email';
  contact: string;
  passwordHash: string;
}

/**
 * Self-registration of a simplified account (seed 000, section 1, step 1): names and a contact,
 * then a code by SMS or a link by e-mail, then a password typed twice. The answers never tell
 * whether the contact already belongs to an account: only the message to that contact does.
 */
export class RegistrationService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly config: Config;
  private readonly codes: OneTimeCodes;
  private readonly notifications: NotificationService;
  private readonly sessions: SessionService;
  private readonly commonPasswords: () => ReadonlySet<string>;

  constructor(deps: {
    db: Db;
    clock: Clock;
    config: Config;
    codes: OneTimeCodes;
    notifications: NotificationService;
    sessions: SessionService;
    commonPasswords: () => ReadonlySet<string>;
  }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.codes = deps.codes;
    this.notifications = deps.notifications;
    this.sessions = deps.sessions;
    this.commonPasswords = deps.commonPasswords;
  }

  async start(input: RegistrationRequest, meta: RequestMeta): Promise<RegistrationStarted> {
    const now = this.clock.now();
    const id = newId();
    await this.db.transaction(async (tx) => {
      await this.codes.checkQuota(tx, input.contact, meta.ip ?? null, now);
      const taken = await findAccountByVerifiedContact(tx, input.contactType, input.contact);
      const secret = this.issue(id, input.contactType);
      await insertOneTimeCode(tx, {
        id,
        purpose: 'registration',
        channel: input.contactType,
        destination: input.contact,
        codeHash: secret.codeHash,
        linkTokenHash: secret.linkTokenHash,
        payload: { lastName: input.lastName, firstName: input.firstName } satisfies RegistrationPayload,
        deliverable: taken ? 0 : 1,
        attempts: 0,
        sends: 1,
        lastSentAt: now,
        expiresAt: this.expiry(input.contactType, now),
        createdAt: now,
      });
      await this.codes.recordSend(tx, 'registration', input.contact, meta.ip ?? null, now);
      await this.notifications.enqueue(
        tx,
        this.message(input.contactType, input.contact, taken ? null : secret.plain),
      );
    });
    return this.started(id, input.contactType, input.contact, now);
  }

  /** «Отправить код ещё раз»: a new code (or link), the old one stops working. */
  async resend(registrationId: string, meta: RequestMeta): Promise<RegistrationStarted> {
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeForUpdate(tx, registrationId, 'registration');
      if (!row) throw new AppError('registration.not_found');
      if (row.completedAt) throw new AppError('registration.completed');
      if (row.verifiedAt) throw new AppError('code.invalid');
      this.codes.checkResend(row.lastSentAt, now);
      await this.codes.checkQuota(tx, row.destination, meta.ip ?? null, now);
      const secret = this.issue(row.id, row.channel);
      await updateOneTimeCode(tx, row.id, {
        codeHash: secret.codeHash,
        linkTokenHash: secret.linkTokenHash,
        attempts: 0,
        sends: row.sends + 1,
        lastSentAt: now,
        expiresAt: this.expiry(row.channel, now),
      });
      await this.codes.recordSend(tx, 'registration', row.destination, meta.ip ?? null, now);
      await this.notifications.enqueue(
        tx,
        this.message(row.channel, row.destination, row.deliverable === 1 ? secret.plain : null),
      );
      return row;
    });
    return this.started(row.id, row.channel, row.destination, now);
  }

  /** «Код» + «Продолжить»: the SMS code is right, the person may now set a password. */
  async verifyCode(registrationId: string, code: string): Promise<RegistrationVerified> {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeForUpdate(tx, registrationId, 'registration');
      if (!row) throw new AppError('registration.not_found');
      if (row.completedAt) throw new AppError('registration.completed');
      // An e-mail registration is confirmed by its link, never by a code.
      const verdict =
        row.channel === 'phone'
          ? this.codes.evaluate(row, code, now)
          : ({ accepted: false, code: 'code.invalid', attempts: row.attempts } as const);
      if (!verdict.accepted) {
        if (verdict.attempts !== row.attempts)
          await updateOneTimeCode(tx, row.id, { attempts: verdict.attempts });
        return { refused: verdict.code };
      }
      return { verified: await this.markVerified(tx, row, now) };
    });
    if ('refused' in outcome) throw new AppError(outcome.refused!);
    return outcome.verified;
  }

  /**
   * The link from the e-mail (/register/confirm#token=…; in the fragment, which browsers never
   * send, so the token reaches neither our request log nor a proxy's). Opening it again before the password
   * is set gives a fresh password step: mail scanners and a second click must not lock people out.
   */
  async verifyLink(token: string): Promise<RegistrationVerified> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await findOneTimeCodeByLinkToken(tx, sha256Hex(token));
      if (!row || row.purpose !== 'registration' || row.deliverable !== 1) throw new AppError('code.invalid');
      if (row.completedAt) throw new AppError('registration.completed');
      if (now.getTime() >= row.expiresAt.getTime()) throw new AppError('code.expired');
      return this.markVerified(tx, row, now);
    });
  }

  /** «Пароль» twice: creates the simplified account with its verified contact and signs the person in. */
  async complete(
    input: { completionToken: string; password: string; passwordRepeat: string },
    meta: RequestMeta,
  ): Promise<{ sessionToken: string; account: AccountSummary }> {
    const tokenHash = sha256Hex(input.completionToken);
    const row = await findOneTimeCodeByCompletionToken(this.db, tokenHash);
    this.assertCompletable(row, this.clock.now());
    const problems = checkNewPassword({ ...input, logins: [row!.destination] }, this.commonPasswords());
    if (problems.length) throw new AppError('validation.failed', { fields: problems });
    // Hashing takes a few milliseconds of CPU: done before the transaction, which stays short.
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const locked = await findOneTimeCodeByCompletionToken(tx, tokenHash, true);
        this.assertCompletable(locked, now);
        const payload = locked!.payload as unknown as RegistrationPayload;
        if (await findAccountByVerifiedContact(tx, locked!.channel, locked!.destination))
          throw new AppError('contact.taken');
        const account = await this.createAccount(
          tx,
          { ...payload, contactType: locked!.channel, contact: locked!.destination, passwordHash },
          now,
        );
        await updateOneTimeCode(tx, locked!.id, { completedAt: now, accountId: account.id });
        await appendAudit(
          tx,
          {
            event: 'citizen.registered',
            actorType: 'citizen',
            actorId: account.id,
            subjectId: account.id,
            ip: meta.ip,
            data: { channel: locked!.channel, level: 'simplified' },
          },
          now,
        );
        const sessionToken = await this.sessions.open(tx, account.id, 'password', meta);
        return { sessionToken, account: await this.sessions.summary(tx, account, 'password') };
      });
    } catch (err) {
      // Two registrations of the same contact raced: the partial unique index let one win.
      if (isUniqueViolation(err, 'account_contacts_verified_unique')) throw new AppError('contact.taken');
      throw err;
    }
  }

  /**
   * Creates a simplified account with one verified contact. Shared with the demo seed, so demo
   * people are made exactly as registered people are.
   */
  async createAccount(tx: DbOrTx, input: NewAccountInput, now: Date) {
    const account = await insertAccount(tx, {
      id: newId(),
      level: 'simplified',
      lastName: input.lastName,
      firstName: input.firstName,
      middleName: input.middleName ?? null,
      passwordHash: input.passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await insertContact(tx, {
      id: newId(),
      accountId: account.id,
      type: input.contactType,
      value: input.contact,
      verifiedAt: now,
      createdAt: now,
    });
    return account;
  }

  private assertCompletable(row: OneTimeCodeRow | undefined, now: Date): void {
    if (!row || row.purpose !== 'registration') throw new AppError('registration.not_found');
    const state = completionOpen(row.verifiedAt, row.completedAt, now);
    if (state === 'completed') throw new AppError('registration.completed');
    if (state === 'not_verified') throw new AppError('registration.not_verified');
    if (state === 'expired') throw new AppError('registration.not_found');
  }

  private async markVerified(tx: DbOrTx, row: OneTimeCodeRow, now: Date): Promise<RegistrationVerified> {
    const completionToken = randomToken();
    await updateOneTimeCode(tx, row.id, {
      verifiedAt: now,
      completionTokenHash: sha256Hex(completionToken),
      codeHash: null,
    });
    return {
      completionToken,
      channel: row.channel,
      maskedDestination: maskDestination(row.channel, row.destination),
    };
  }

  /** A 6-digit code for a phone, a link token for an e-mail; only their hashes are kept. */
  private issue(rowId: string, channel: 'phone' | 'email') {
    if (channel === 'phone') {
      const plain = this.codes.newCode();
      return { plain, codeHash: this.codes.hash(rowId, plain), linkTokenHash: null };
    }
    const plain = randomToken();
    return { plain, codeHash: null, linkTokenHash: sha256Hex(plain) };
  }

  private expiry(channel: 'phone' | 'email', now: Date): Date {
    return new Date(now.getTime() + (channel === 'phone' ? CODE_RULES.ttlMs : CODE_RULES.linkTtlMs));
  }

  /** `secret` null: the contact is already registered; the message says so and carries nothing usable. */
  private message(channel: 'phone' | 'email', to: string, secret: string | null) {
    const recover = `${this.config.publicUrl}/recover`;
    if (channel === 'phone') {
      return secret
        ? {
            channel: 'sms' as const,
            to,
            text: `Код для регистрации в ЕСИА: ${secret}. Действует 5 минут. Никому его не сообщайте.`,
          }
        : {
            channel: 'sms' as const,
            to,
            text: `Этот номер уже зарегистрирован в ЕСИА. Войдите с паролем или восстановите доступ: ${recover}. Если регистрацию начали не вы, ничего не делайте.`,
          };
    }
    const subject = 'Регистрация в ЕСИА';
    return secret
      ? {
          channel: 'email' as const,
          to,
          subject,
          text: `Здравствуйте!\n\nЧтобы подтвердить адрес электронной почты и задать пароль, перейдите по ссылке:\n${this.config.publicUrl}/register/confirm#token=${secret}\n\nСсылка действует 24 часа. Если вы не регистрировались в ЕСИА, просто удалите это письмо.`,
        }
      : {
          channel: 'email' as const,
          to,
          subject,
          text: `Здравствуйте!\n\nКто-то начал регистрацию в ЕСИА с адресом ${to}, но этот адрес уже указан в учётной записи. Если это ваша учётная запись, войдите с паролем или восстановите доступ: ${recover}\n\nЕсли регистрацию начали не вы, ничего не делайте.`,
        };
  }

  private started(
    id: string,
    channel: 'phone' | 'email',
    destination: string,
    sentAt: Date,
  ): RegistrationStarted {
    return {
      registrationId: id,
      channel,
      // The person typed it a moment ago: shown whole and formatted, so a typo is visible.
      maskedDestination: channel === 'phone' ? formatPhone(destination) : destination,
      expiresAt: this.expiry(channel, sentAt).toISOString(),
      resendAvailableAt: resendAvailableAt(sentAt).toISOString(),
    };
  }
}
