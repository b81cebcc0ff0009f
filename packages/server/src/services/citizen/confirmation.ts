import type { ConfirmationState, PostalAddress } from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditEventData } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  decideCodeEntry,
  effectiveLetterState,
  letterExpiresAt,
  POST_CODE_LENGTH,
  POST_CODE_MAX_ATTEMPTS,
  POST_LETTER_VALID_DAYS,
} from '../../domain/citizen/post-letter.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { moscowDate } from '../../domain/shared/moscow-time.js';
import type { Integrations } from '../../integrations/index.js';
import { sendPostLetterJob, trackPostLetterJob } from '../../jobs/specs.js';
import type { JobPort } from '../../jobs/ports.js';
import type { Clock } from '../../lib/clock.js';
import {
  newId,
  randomPaperCode,
  safeEqualHex,
  type FieldCipher,
  type LookupHasher,
} from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import {
  getAccountById,
  getAccountForUpdate,
  updateAccount,
  type AccountRow,
} from '../../repositories/citizen/accounts.js';
import { isUniqueViolation } from '../../repositories/platform/constraint-violation.js';
import { findPersonalData } from '../../repositories/citizen/personal-data.js';
import {
  findActivePostLetter,
  findLastEndedPostLetter,
  findPostLetter,
  insertPostLetter,
  updatePostLetterIfState,
} from '../../repositories/citizen/post-letters.js';
import type { NotificationService } from '../platform/notifications.js';
import { toPostLetterView } from './post-letter-view.js';

const LETTER_TEXT_CONTEXT = 'post_letter.text';
const ACTIVE_LETTER_CONSTRAINT = 'post_letters_active_unique';

/**
 * Confirming identity (seed 000, section 1, step 3): «Подтверждение вашей личности». This service
 * builds the second way, the code by letter through Почта России; the service-center way is an
 * operator's action (АРМ ЦО) and the signature way is the signature service's.
 */
export class ConfirmationService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      queue: JobPort;
      cipher: FieldCipher;
      lookup: LookupHasher;
      notifications: NotificationService;
      integrations: Integrations;
      config: Config;
      logger: FastifyBaseLogger;
    },
  ) {}

  async state(actor: Actor, accountId: string): Promise<ConfirmationState> {
    assertAllowed(actor, 'citizen.read_confirmation', { accountId });
    return this.stateOf(accountId);
  }

  private async stateOf(accountId: string): Promise<ConfirmationState> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const account = await getAccountById(db, accountId);
    const active = await findActivePostLetter(db, accountId);
    const activeExpired = active && effectiveLetterState(active, now) === 'expired';
    const ended = activeExpired ? active : await findLastEndedPostLetter(db, accountId);
    const canConfirm = account.level === 'standard';
    const activeLetter = active && !activeExpired ? toPostLetterView(active, now) : null;
    return {
      level: account.level,
      confirmationMethod: account.confirmationMethod,
      canConfirm,
      activeLetter,
      lastEndedLetter: ended && ended.state !== 'used' ? toPostLetterView(ended, now) : null,
      canOrderLetter: canConfirm && !activeLetter,
      maxCodeAttempts: POST_CODE_MAX_ATTEMPTS,
      letterValidDays: POST_LETTER_VALID_DAYS,
      methods: [
        { method: 'service_center', available: canConfirm },
        { method: 'post', available: canConfirm },
        { method: 'signature', available: canConfirm },
      ],
    };
  }

  /** Only a standard account confirms: its personal data has passed both registry checks. */
  private requireStandard(account: AccountRow): void {
    if (account.level === 'confirmed') throw new AppError('account.already_confirmed');
    if (account.level !== 'standard') throw new AppError('account.level_too_low');
  }

  /**
   * «Получить код подтверждения личности по почте»: one letter at a time, a code of 8 characters
   * that cannot be misread on paper, only its keyed hash kept, valid 30 days.
   */
  async orderLetter(
    actor: Actor,
    accountId: string,
    address: PostalAddress,
    meta: { ip?: string | null } = {},
  ): Promise<ConfirmationState> {
    assertAllowed(actor, 'citizen.order_post_letter', { accountId });
    const { db, clock, cipher, lookup, queue } = this.deps;
    try {
      await db.transaction(async (tx) => {
        const now = clock.now();
        const account = await getAccountForUpdate(tx, accountId);
        this.requireStandard(account);
        const active = await findActivePostLetter(tx, accountId, { forUpdate: true });
        if (active) {
          if (effectiveLetterState(active, now) !== 'expired')
            throw new AppError('post_letter.active_exists');
          await updatePostLetterIfState(tx, active.id, active.state, { state: 'expired' });
        }
        const personal = await findPersonalData(tx, accountId);
        const letterId = newId();
        const code = randomPaperCode(POST_CODE_LENGTH);
        const expiresAt = letterExpiresAt(now);
        const apartment = address.apartment ? address.apartment : undefined;
        const clean: PostalAddress = { ...address, apartment };
        await insertPostLetter(tx, {
          id: letterId,
          accountId,
          addressEncrypted: cipher.encryptJson(clean, accountId).toString('base64'),
          addressSummary: `${clean.postalCode}, ${clean.city}`,
          codeHash: lookup.hash('post_code', `${letterId}:${code}`),
          state: 'created',
          attempts: 0,
          personalDataRevision: personal?.revision ?? null,
          createdAt: now,
          expiresAt,
        });
        const text = this.letterText(account, code, expiresAt);
        const sealedText = cipher.encrypt(text, LETTER_TEXT_CONTEXT).toString('base64');
        await queue.enqueue(tx, sendPostLetterJob, { letterId, sealedText }, { singletonKey: letterId });
        await appendAudit(
          tx,
          {
            event: 'citizen.post_letter_ordered',
            actorType: 'citizen',
            actorId: accountId,
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: { letterId },
          },
          now,
        );
      });
    } catch (err) {
      if (isUniqueViolation(err, ACTIVE_LETTER_CONSTRAINT)) throw new AppError('post_letter.active_exists');
      throw err;
    }
    return this.stateOf(accountId);
  }

  private letterText(account: AccountRow, code: string, expiresAt: Date): string {
    const name = [account.firstName, account.middleName].filter(Boolean).join(' ');
    return [
      `${account.lastName} ${name}!`,
      '',
      'Код подтверждения личности в Единой системе идентификации и аутентификации (ЕСИА):',
      '',
      `    ${code.slice(0, 4)}-${code.slice(4)}`,
      '',
      'Войдите в личный кабинет, откройте «Подтверждение вашей личности» и введите код в поле «Код из письма».',
      `Код действует до ${moscowDate(expiresAt)} включительно; допускается не более ${POST_CODE_MAX_ATTEMPTS} попыток ввода.`,
      'Никому не сообщайте этот код. Если вы не заказывали письмо, обратитесь в центр обслуживания.',
    ].join('\n');
  }

  /**
   * The code from the letter. A wrong code costs an attempt (committed even though the request
   * is refused); the fifth wrong code voids the letter so a new one can be ordered.
   */
  async enterCode(
    actor: Actor,
    accountId: string,
    code: string,
    meta: { ip?: string | null } = {},
  ): Promise<ConfirmationState> {
    assertAllowed(actor, 'citizen.enter_post_code', { accountId });
    const { db, clock, lookup } = this.deps;
    const refusal = await db.transaction(async (tx): Promise<AppError | null> => {
      const now = clock.now();
      const account = await getAccountForUpdate(tx, accountId);
      this.requireStandard(account);
      const letter = await findActivePostLetter(tx, accountId, { forUpdate: true });
      if (!letter) return new AppError('post_letter.not_found');
      // The code confirms the person whose data was checked when the letter was ordered. Data
      // saved since (someone else's, even if it passed its checks) voids the letter: otherwise a
      // letter to oneself would confirm an identity typed in later.
      const personal = await findPersonalData(tx, accountId);
      if (
        !personal ||
        letter.personalDataRevision === null ||
        personal.revision !== letter.personalDataRevision
      ) {
        await updatePostLetterIfState(tx, letter.id, letter.state, { state: 'cancelled' });
        await appendAudit(
          tx,
          {
            event: 'citizen.post_letter_cancelled',
            actorType: 'citizen',
            actorId: accountId,
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: { letterId: letter.id, reason: 'personal_data_changed' },
          },
          now,
        );
        return new AppError('post_letter.data_changed');
      }
      const matches = safeEqualHex(lookup.hash('post_code', `${letter.id}:${code}`), letter.codeHash);
      const decision = decideCodeEntry(letter, matches, now);
      if (decision.kind === 'refuse') {
        if (decision.markState)
          await updatePostLetterIfState(tx, letter.id, letter.state, { state: decision.markState });
        return new AppError(decision.code);
      }
      if (decision.kind === 'wrong') {
        await updatePostLetterIfState(tx, letter.id, letter.state, {
          attempts: decision.attempts,
          ...(decision.markState ? { state: decision.markState } : {}),
        });
        await appendAudit(
          tx,
          {
            event: 'citizen.post_code_failed',
            actorType: 'citizen',
            actorId: accountId,
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: {
              letterId: letter.id,
              attempts: decision.attempts,
              voided: decision.markState === 'cancelled',
            },
          },
          now,
        );
        return new AppError(decision.code);
      }
      await updatePostLetterIfState(tx, letter.id, letter.state, { state: 'used', usedAt: now });
      await this.confirmIdentity(
        tx,
        account,
        'post',
        { actorType: 'citizen', actorId: accountId, ip: meta.ip ?? null, data: { letterId: letter.id } },
        now,
      );
      return null;
    });
    if (refusal) throw refusal;
    return this.stateOf(accountId);
  }

  /**
   * Raises a standard account to confirmed, inside the caller's transaction (the account row must
   * be locked by it). The one place that confirms, whatever the way: the letter here, an operator
   * at a service center, the demo seed.
   */
  async confirmIdentity(
    tx: DbOrTx,
    account: AccountRow,
    method: 'post' | 'service_center' | 'signature',
    actor: {
      actorType: 'citizen' | 'operator' | 'workstation_operator' | 'system';
      actorId?: string | null;
      ip?: string | null;
      /** what the way of confirming adds to the entry (audit/events.ts, citizen.confirmed) */
      data?: Omit<AuditEventData<'citizen.confirmed'>, 'method'>;
    },
    now: Date,
  ): Promise<void> {
    this.requireStandard(account);
    await updateAccount(tx, account.id, {
      level: 'confirmed',
      confirmationMethod: method,
      confirmedAt: now,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      {
        event: 'citizen.confirmed',
        actorType: actor.actorType,
        actorId: actor.actorId ?? null,
        subjectId: account.id,
        ip: actor.ip ?? null,
        data: { method, ...actor.data },
      },
      now,
    );
    await this.deps.notifications.notifyAccount(tx, account.id, {
      subject: 'Личность подтверждена',
      text: 'Ваша учётная запись подтверждена. Теперь вам доступны все электронные услуги.',
    });
  }

  // ---- jobs ----

  /** Hands the letter to the post. The letter id is the post's idempotency key: a retry never posts twice. */
  async sendLetter(
    payload: { letterId: string; sealedText: string },
    meta: { attempt: number; retryLimit: number },
  ): Promise<void> {
    const { db, clock, cipher, integrations, queue, logger } = this.deps;
    const letter = await findPostLetter(db, payload.letterId);
    if (!letter || letter.state !== 'created') return;
    if (effectiveLetterState(letter, clock.now()) === 'expired') {
      await updatePostLetterIfState(db, letter.id, 'created', { state: 'expired' });
      return;
    }
    const account = await getAccountById(db, letter.accountId);
    const address = cipher.decryptJson<PostalAddress>(
      Buffer.from(letter.addressEncrypted, 'base64'),
      letter.accountId,
    );
    const text = cipher.decrypt(Buffer.from(payload.sealedText, 'base64'), LETTER_TEXT_CONTEXT);
    let trackingNumber: string;
    try {
      ({ trackingNumber } = await integrations.russianPost.sendLetter({
        reference: letter.id,
        recipientName: [account.lastName, account.firstName, account.middleName].filter(Boolean).join(' '),
        address,
        text,
      }));
    } catch (err) {
      if (meta.attempt <= meta.retryLimit) throw err;
      // The post did not take the letter after every retry: void it so a new one can be ordered.
      logger.error({ err, letterId: letter.id }, 'the post did not accept a letter');
      await db.transaction(async (tx) => {
        if (await updatePostLetterIfState(tx, letter.id, 'created', { state: 'cancelled' })) {
          await this.deps.notifications.notifyAccount(tx, letter.accountId, {
            subject: 'Письмо не отправлено',
            text: 'Не удалось отправить письмо с кодом подтверждения: сервис Почты России недоступен. Закажите письмо повторно позже.',
          });
        }
      });
      return;
    }
    await db.transaction(async (tx) => {
      const sent = await updatePostLetterIfState(tx, letter.id, 'created', {
        state: 'sent',
        trackingNumber,
        sentAt: clock.now(),
      });
      if (sent)
        await queue.enqueue(
          tx,
          trackPostLetterJob,
          { letterId: letter.id, poll: 0 },
          { singletonKey: `${letter.id}:0` },
        );
    });
  }

  /**
   * Asks the post where the letter is; until it is delivered, asks again after
   * POST_TRACKING_INTERVAL_SECONDS. Stops when the letter is delivered, returned or expired.
   */
  async trackLetter(
    payload: { letterId: string; poll: number },
    meta: { attempt: number; retryLimit: number },
  ): Promise<void> {
    const { db, clock, integrations, queue, config, logger } = this.deps;
    const letter = await findPostLetter(db, payload.letterId);
    if (!letter || letter.state !== 'sent' || !letter.trackingNumber) return;
    if (effectiveLetterState(letter, clock.now()) === 'expired') {
      await updatePostLetterIfState(db, letter.id, 'sent', { state: 'expired' });
      return;
    }
    let status: Awaited<ReturnType<Integrations['russianPost']['track']>> | null = null;
    try {
      status = await integrations.russianPost.track(letter.trackingNumber);
    } catch (err) {
      if (meta.attempt <= meta.retryLimit) throw err;
      logger.warn({ err, letterId: letter.id }, 'tracking unavailable; asking again later');
    }
    await db.transaction(async (tx) => {
      if (status?.status === 'delivered') {
        if (
          await updatePostLetterIfState(tx, letter.id, 'sent', { state: 'delivered', deliveredAt: status.at })
        ) {
          await this.deps.notifications.notifyAccount(tx, letter.accountId, {
            subject: 'Письмо с кодом доставлено',
            text: `Письмо с кодом подтверждения личности доставлено (№ ${letter.trackingNumber}). Введите код из письма в личном кабинете.`,
          });
        }
        return;
      }
      if (status?.status === 'returned') {
        await updatePostLetterIfState(tx, letter.id, 'sent', { state: 'cancelled' });
        return;
      }
      const poll = payload.poll + 1;
      await queue.enqueue(
        tx,
        trackPostLetterJob,
        { letterId: letter.id, poll },
        { singletonKey: `${letter.id}:${poll}`, startAfterSeconds: config.post.trackingIntervalSeconds },
      );
    });
  }
}
