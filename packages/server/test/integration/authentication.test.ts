import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, codeSends, oneTimeCodes, personalData } from '../../src/db/schema/index.js';
import { CODE_RULES } from '../../src/domain/citizen/one-time-code.js';
import { LOCKOUT_RULES } from '../../src/domain/citizen/login.js';
import { FieldCipher, LookupHasher } from '../../src/lib/crypto.js';
import {
  createSimplifiedCitizen,
  extractCode,
  uniqueEmail,
  uniquePhone,
  uniqueSnils,
  waitForMessage,
} from '../support/factories.js';
import { eventually, TestClient } from '../support/http.js';
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';

const NEW_PASSWORD = 'Осенний-дождь-2027';

/** Password checks held until the test releases them: the order of a burst, decided by the test. */
const heldChecks = vi.hoisted(() => new Map<string, { entered: () => void; released: Promise<void> }>());
vi.mock('../../src/lib/passwords.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/lib/passwords.js')>();
  return {
    ...original,
    async verifyPassword(phc: string, password: string) {
      const held = heldChecks.get(password);
      if (held) {
        heldChecks.delete(password);
        held.entered();
        await held.released;
      }
      return original.verifyPassword(phc, password);
    },
  };
});

/** The next check of `password` waits for `release()`; `checking` resolves once it has begun (its slot taken). */
function holdPasswordCheck(password: string): { checking: Promise<void>; release: () => void } {
  let entered!: () => void;
  let release!: () => void;
  const checking = new Promise<void>((resolve) => (entered = resolve));
  heldChecks.set(password, { entered, released: new Promise<void>((resolve) => (release = resolve)) });
  return { checking, release };
}

describe('citizen sign-in, sign-out and password recovery (seed 000)', () => {
  let sut: TestSystem;
  const clock = new ManualClock();
  beforeAll(async () => {
    sut = await startTestSystem({ clock, env: { RATE_LIMITS: 'false' } });
  });
  afterAll(async () => sut?.stop());

  const db = () => sut.database.db;
  const client = () => new TestClient(sut.app);
  const events = async (subjectId: string) =>
    (await db().select().from(auditLog).where(eq(auditLog.subjectId, subjectId))).map((e) => e.event);

  /** Personal data whose checks passed, as the data services leave them: СНИЛС becomes a login. */
  async function givePassedPersonalData(accountId: string, snils: string) {
    const cipher = new FieldCipher(sut.config.dataEncryptionKey);
    const lookup = new LookupHasher(sut.config.lookupHashKey);
    const now = clock.now();
    await db()
      .insert(personalData)
      .values({
        accountId,
        gender: 'F',
        birthDate: '1990-05-17',
        birthPlace: 'г. Вологда',
        citizenship: 'RUS',
        passportEncrypted: cipher.encryptJson({ series: '1914', number: '123456' }, `passport:${accountId}`),
        passportLookup: lookup.hash('passport', '1914123456'),
        snilsEncrypted: cipher.encrypt(snils, `snils:${accountId}`),
        snilsLookup: lookup.hash('snils', snils),
        verificationState: 'passed',
        snilsCheck: 'passed',
        passportCheck: 'passed',
        submittedAt: now,
        completedAt: now,
      });
  }

  describe('«Войти»', () => {
    it('signs in by phone in any usual formatting and records it', async () => {
      const person = await createSimplifiedCitizen(sut);
      const national = person.phone!.slice(2);
      for (const login of [
        person.phone!,
        `8 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`,
      ]) {
        const c = client();
        const res = await c.post('/api/login', { login, password: person.password });
        expect(res.status).toBe(200);
        expect(res.body.account).toMatchObject({ id: person.id, authMethod: 'password' });
        expect((await c.get('/api/session')).body.account.id).toBe(person.id);
      }
      expect(await events(person.id)).toContain('citizen.login_succeeded');
    });

    it('signs in by e-mail, case-insensitively', async () => {
      const email = uniqueEmail();
      const person = await createSimplifiedCitizen(sut, { email });
      const res = await client().post('/api/login', {
        login: email.toUpperCase(),
        password: person.password,
      });
      expect(res.status).toBe(200);
    });

    it('signs in by СНИЛС once the personal data checks have passed', async () => {
      const person = await createSimplifiedCitizen(sut);
      const before = await client().post('/api/login', {
        login: '112-233-445 95',
        password: person.password,
      });
      expect(before.body.error.code).toBe('auth.invalid_credentials');
      await givePassedPersonalData(person.id, '11223344595');
      const res = await client().post('/api/login', { login: '112-233-445 95', password: person.password });
      expect(res.status).toBe(200);
      expect(res.body.account.id).toBe(person.id);
    });

    it('answers a wrong password and an unknown login identically', async () => {
      const person = await createSimplifiedCitizen(sut);
      const wrong = await client().post('/api/login', { login: person.phone, password: 'Не-тот-пароль-1' });
      const unknown = await client().post('/api/login', {
        login: uniquePhone(),
        password: 'Не-тот-пароль-1',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual({ error: { code: 'auth.invalid_credentials' } });
      expect(unknown.body).toEqual(wrong.body);
      expect(await events(person.id)).toContain('citizen.login_failed');
    });

    it('locks sign-in for 15 minutes after 5 wrong passwords, then a success resets the count', async () => {
      const person = await createSimplifiedCitizen(sut);
      const c = client();
      for (let i = 1; i < LOCKOUT_RULES.maxFailures; i++) {
        expect(
          (await c.post('/api/login', { login: person.phone, password: `wrong-password-${i}` })).body.error
            .code,
        ).toBe('auth.invalid_credentials');
      }
      const fifth = await c.post('/api/login', { login: person.phone, password: 'wrong-password-5' });
      expect(fifth.status).toBe(429);
      expect(fifth.body.error).toEqual({ code: 'auth.locked', retryAfterSeconds: 15 * 60 });
      // Even the right password waits out the lockout.
      clock.advance(10 * 60_000);
      const locked = await c.post('/api/login', { login: person.phone, password: person.password });
      expect(locked.body.error).toEqual({ code: 'auth.locked', retryAfterSeconds: 5 * 60 });
      clock.advance(5 * 60_000);
      expect((await c.post('/api/login', { login: person.phone, password: person.password })).status).toBe(
        200,
      );
      // The count started again from zero.
      for (let i = 1; i < LOCKOUT_RULES.maxFailures; i++) {
        expect(
          (await c.post('/api/login', { login: person.phone, password: `wrong-password-${i}` })).body.error
            .code,
        ).toBe('auth.invalid_credentials');
      }
      const audit = await events(person.id);
      expect(audit).toContain('citizen.locked_out');
    });

    /** The audit events of `person` written after the first `before` of them, in order. */
    async function eventsAfter(subjectId: string, before: number): Promise<string[]> {
      return (
        await db().select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(auditLog.seq)
      )
        .slice(before)
        .map((e) => e.event);
    }
    const eventCount = async (subjectId: string) =>
      (await db().select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, subjectId)))[0].n;

    /** Fails `failures` sign-ins of `person` one after another. */
    async function failSignIns(person: { phone?: string }, failures: number): Promise<void> {
      for (let i = 1; i <= failures; i++)
        await client().post('/api/login', { login: person.phone, password: `wrong-password-${i}` });
    }

    // The three orders a burst can take, each forced (a held password check) rather than left to
    // whichever request the scheduler runs first.
    it('checks one password of a burst of wrong guesses at the last slot: the lock answers all, the right one after too', async () => {
      const person = await createSimplifiedCitizen(sut);
      await failSignIns(person, LOCKOUT_RULES.maxFailures - 1);
      const before = await eventCount(person.id);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client().post('/api/login', { login: person.phone, password: `parallel-wrong-${i}` }),
        ),
      );
      const burst = await eventsAfter(person.id, before);
      // One slot was left: one password checked, then the lock decided the burst.
      expect(burst).toEqual(['citizen.login_failed', 'citizen.locked_out']);
      expect(answers.every((a) => a.body.error?.code === 'auth.locked')).toBe(true);
      const after = await client().post('/api/login', { login: person.phone, password: person.password });
      expect(after.body.error.code).toBe('auth.locked');
    });

    it('signs in the right password that took the last slot first, and counts the wrong ones after it from zero', async () => {
      const person = await createSimplifiedCitizen(sut);
      await failSignIns(person, LOCKOUT_RULES.maxFailures - 1);
      const before = await eventCount(person.id);
      const held = holdPasswordCheck(person.password);
      const right = client().post('/api/login', { login: person.phone, password: person.password });
      await held.checking; // its slot is taken: the wrong guesses now wait for it
      const wrong = Array.from({ length: 3 }, (_, i) =>
        client().post('/api/login', { login: person.phone, password: `parallel-wrong-${i}` }),
      );
      held.release();
      const answers = [await right, ...(await Promise.all(wrong))];
      expect(answers[0].status).toBe(200);
      expect(answers.slice(1).every((a) => a.body.error?.code === 'auth.invalid_credentials')).toBe(true);
      expect(await eventsAfter(person.id, before)).toEqual([
        'citizen.login_succeeded',
        'citizen.login_failed',
        'citizen.login_failed',
        'citizen.login_failed',
      ]);
    });

    it('does not sign in a right password whose check ended after a parallel wrong guess locked the account', async () => {
      const person = await createSimplifiedCitizen(sut);
      await failSignIns(person, LOCKOUT_RULES.maxFailures - 2);
      const before = await eventCount(person.id);
      const held = holdPasswordCheck(person.password);
      const right = client().post('/api/login', { login: person.phone, password: person.password });
      await held.checking; // the fourth slot: one is left for the wrong guess
      const wrong = await client().post('/api/login', { login: person.phone, password: 'parallel-wrong' });
      expect(wrong.body.error).toEqual({ code: 'auth.locked', retryAfterSeconds: 15 * 60 });
      held.release();
      const late = await right;
      expect(late.status).toBe(429);
      expect(late.body.error.code).toBe('auth.locked');
      expect(await eventsAfter(person.id, before)).toEqual(['citizen.login_failed', 'citizen.locked_out']);
    });

    it('locks an unknown login by the same rule, so a lockout reveals nothing', async () => {
      const c = client();
      const login = uniquePhone();
      const answers = [];
      for (let i = 0; i < LOCKOUT_RULES.maxFailures + 1; i++)
        answers.push((await c.post('/api/login', { login, password: `wrong-password-${i}` })).body.error);
      expect(answers.slice(0, 4).every((a) => a.code === 'auth.invalid_credentials')).toBe(true);
      expect(answers[4]).toEqual({ code: 'auth.locked', retryAfterSeconds: 15 * 60 });
      expect(answers[5].code).toBe('auth.locked');
    });

    it('gives a new session on sign-in, ending the one the browser had (session fixation)', async () => {
      const person = await createSimplifiedCitizen(sut);
      const c = client();
      await c.post('/api/login', { login: person.phone, password: person.password });
      const first = c['cookies'].get('oesia_session');
      await c.post('/api/login', { login: person.phone, password: person.password });
      const second = c['cookies'].get('oesia_session');
      expect(second).not.toBe(first);
      const stale = new TestClient(sut.app);
      stale['cookies'].set('oesia_session', first!);
      expect((await stale.get('/api/session')).body.account).toBeNull();
    });

    it.each([
      [{ login: '', password: 'x' }, 'login', 'required'],
      [{ password: 'x' }, 'login', 'required'],
      [{ login: 'не логин', password: 'Весенний-ветер-2026' }, 'login', 'login.invalid'],
      [{ login: '+79120000000', password: '' }, 'password', 'required'],
      [{ login: '+79120000000', password: 'я'.repeat(129) }, 'password', 'password.too_long'],
    ])('refuses the bad field of %j with its code and records nothing', async (body, path, code) => {
      const before = (await db().select({ n: count() }).from(auditLog))[0].n;
      const res = await client().post('/api/login', body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path, code }]);
      expect((await db().select({ n: count() }).from(auditLog))[0].n).toBe(before);
    });

    it('refuses sign-in without the CSRF token', async () => {
      const person = await createSimplifiedCitizen(sut);
      const res = await client().post(
        '/api/login',
        { login: person.phone, password: person.password },
        { csrf: false },
      );
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf.invalid');
    });
  });

  describe('«Выйти»', () => {
    it('ends the session on the server and records it', async () => {
      const person = await createSimplifiedCitizen(sut);
      const c = client();
      await c.post('/api/login', { login: person.phone, password: person.password });
      const token = c['cookies'].get('oesia_session')!;
      const res = await c.post('/api/logout');
      expect(res.status).toBe(204);
      expect((await c.get('/api/session')).body.account).toBeNull();
      const replay = new TestClient(sut.app);
      replay['cookies'].set('oesia_session', token);
      expect((await replay.get('/api/session')).body.account).toBeNull();
      expect(await events(person.id)).toContain('citizen.logged_out');
    });

    it('answers a sign-out without a session calmly', async () => {
      expect((await client().post('/api/logout')).status).toBe(204);
    });
  });

  describe('«Восстановить пароль»', () => {
    const recover = async (c: TestClient, login: string) => {
      const since = clock.now();
      const res = await c.post('/api/recovery', { login });
      expect(res.status).toBe(200);
      return { id: res.body.recoveryId as string, res, since };
    };
    /** The delivery job has handled the recovery's latest send (queued its message, or dropped it). */
    const delivered = (id: string) =>
      eventually(async () => {
        const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id));
        return Number(row?.payload?.deliveredSend ?? 0) >= (row?.sends ?? 1);
      });

    it('sets a new password by an SMS code, ends every other session and signs the person in', async () => {
      const person = await createSimplifiedCitizen(sut);
      const elsewhere = client();
      await elsewhere.post('/api/login', { login: person.phone, password: person.password });
      expect((await elsewhere.get('/api/session')).body.account).not.toBeNull();

      const c = client();
      const { id, since } = await recover(c, person.phone!);
      const code = extractCode((await waitForMessage(sut, person.phone!, since, /восстановления/)).body);
      const res = await c.post(`/api/recovery/${id}/complete`, {
        code,
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body.account.id).toBe(person.id);
      expect((await c.get('/api/session')).body.account.id).toBe(person.id);
      expect((await elsewhere.get('/api/session')).body.account).toBeNull();
      expect(
        (await client().post('/api/login', { login: person.phone, password: person.password })).body.error
          .code,
      ).toBe('auth.invalid_credentials');
      expect(
        (await client().post('/api/login', { login: person.phone, password: NEW_PASSWORD })).status,
      ).toBe(200);
      expect(await events(person.id)).toContain('citizen.password_recovered');
      // single use
      expect(
        (
          await c.post(`/api/recovery/${id}/complete`, {
            code,
            password: NEW_PASSWORD,
            passwordRepeat: NEW_PASSWORD,
          })
        ).body.error.code,
      ).toBe('code.invalid');
    });

    it('sends a 6-digit code to a confirmed e-mail', async () => {
      const email = uniqueEmail();
      const person = await createSimplifiedCitizen(sut, { email });
      const c = client();
      const { id, since } = await recover(c, email);
      const letter = await waitForMessage(sut, email, since);
      expect(letter.subject).toBe('Восстановление доступа к ЕСИА');
      const res = await c.post(`/api/recovery/${id}/complete`, {
        code: extractCode(letter.body),
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body.account.id).toBe(person.id);
    });

    it('sends the code of a СНИЛС login to the account’s phone', async () => {
      const person = await createSimplifiedCitizen(sut);
      await givePassedPersonalData(person.id, '12345678964');
      const c = client();
      const { id, since } = await recover(c, '123-456-789 64');
      const code = extractCode((await waitForMessage(sut, person.phone!, since, /восстановления/)).body);
      expect(
        (
          await c.post(`/api/recovery/${id}/complete`, {
            code,
            password: NEW_PASSWORD,
            passwordRepeat: NEW_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });

    it('tells every verified contact that the password was changed by a recovery', async () => {
      const email = uniqueEmail();
      const person = await createSimplifiedCitizen(sut, { phone: uniquePhone(), email });
      const c = client();
      const { id, since } = await recover(c, person.phone!);
      const code = extractCode((await waitForMessage(sut, person.phone!, since, /восстановления/)).body);
      const done = await c.post(`/api/recovery/${id}/complete`, {
        code,
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      });
      expect(done.status).toBe(200);
      const sms = await waitForMessage(sut, person.phone!, since, /Пароль вашей учётной записи ЕСИА изменён/);
      expect(sms.body).toContain('Если это были не вы');
      const letter = await waitForMessage(sut, email, since, /Пароль вашей учётной записи ЕСИА изменён/);
      expect(letter.subject).toBe('Пароль учётной записи ЕСИА изменён');
      expect(letter.body).not.toMatch(/\b\d{6}\b/);
    });

    it('answers a СНИЛС whose phone has used its hourly quota like any other, dropping the message silently', async () => {
      const person = await createSimplifiedCitizen(sut);
      const snils = uniqueSnils().replace(/\D/g, '');
      await givePassedPersonalData(person.id, snils);
      // The control: the СНИЛС is a working login of that account.
      expect((await client().post('/api/login', { login: snils, password: person.password })).status).toBe(
        200,
      );
      // The phone's own share of the hour, used up (by recovery here; registration counts the same).
      for (let i = 0; i < CODE_RULES.maxSendsPerDestination; i++)
        await delivered((await recover(client(), person.phone!)).id);
      expect((await client().post('/api/recovery', { login: person.phone })).body.error.code).toBe(
        'code.hourly_limit',
      );
      const lookup = new LookupHasher(sut.config.lookupHashKey);
      const sendsToPhone = async () =>
        (
          await db()
            .select({ n: count() })
            .from(codeSends)
            .where(eq(codeSends.destination, lookup.hash('code-send', person.phone!)))
        )[0].n;

      // The СНИЛС resolves to that phone: the answer must not say so.
      const bySnils = await client().post('/api/recovery', { login: snils });
      const unknownSnils = await client().post('/api/recovery', { login: uniqueSnils() });
      expect(bySnils.body.error).toBeUndefined();
      expect(bySnils.status).toBe(200);
      expect(unknownSnils.status).toBe(200);
      expect(Object.keys(bySnils.body).sort()).toEqual(Object.keys(unknownSnils.body).sort());
      await delivered(bySnils.body.recoveryId);
      expect(await sendsToPhone()).toBe(CODE_RULES.maxSendsPerDestination);
    });

    it('keeps no phone or e-mail in plaintext in the send counts or the queued message', async () => {
      const person = await createSimplifiedCitizen(sut);
      await recover(client(), person.phone!);
      const digits = person.phone!.slice(2);
      const sends = await db().execute(sql`select destination from code_sends`);
      expect(JSON.stringify((sends as any).rows)).not.toContain(digits);
      const jobs = await db().execute(sql`select data from pgboss.job where name = 'notification.send'`);
      expect((jobs as any).rows.length).toBeGreaterThan(0);
      expect(JSON.stringify((jobs as any).rows)).not.toContain(digits);
    });

    it('answers an unknown contact exactly like a known one, and no code works', async () => {
      const person = await createSimplifiedCitizen(sut);
      const stranger = uniquePhone();
      const known = await recover(client(), person.phone!);
      const unknown = await recover(client(), stranger);
      expect(Object.keys(unknown.res.body).sort()).toEqual(Object.keys(known.res.body).sort());
      expect(unknown.res.body.expiresAt).toBe(known.res.body.expiresAt);
      const notice = await waitForMessage(sut, stranger, unknown.since);
      expect(notice.body).toContain('учётной записи с этим номером нет');
      expect(notice.body).not.toMatch(/\b\d{6}\b/);
      const res = await client().post(`/api/recovery/${unknown.id}/complete`, {
        code: '123456',
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('code.invalid');
      const unknownSnils = await recover(client(), '112-233-445 95'.replace('95', '95'));
      expect(Object.keys(unknownSnils.res.body).sort()).toEqual(Object.keys(known.res.body).sort());
    });

    it('keeps a right code usable when the new password is refused', async () => {
      const person = await createSimplifiedCitizen(sut);
      const c = client();
      const { id, since } = await recover(c, person.phone!);
      const code = extractCode((await waitForMessage(sut, person.phone!, since, /восстановления/)).body);
      const weak = await c.post(`/api/recovery/${id}/complete`, {
        code,
        password: 'пароль2024',
        passwordRepeat: 'пароль2024',
      });
      expect(weak.body.error.fields).toEqual([{ path: 'password', code: 'password.common' }]);
      const same = await c.post(`/api/recovery/${id}/complete`, {
        code,
        password: person.phone,
        passwordRepeat: person.phone,
      });
      expect(same.body.error.fields).toEqual([{ path: 'password', code: 'password.same_as_login' }]);
      const mismatch = await c.post(`/api/recovery/${id}/complete`, {
        code,
        password: NEW_PASSWORD,
        passwordRepeat: 'Осенний-дождь-2028',
      });
      expect(mismatch.body.error.fields).toEqual([{ path: 'passwordRepeat', code: 'password.mismatch' }]);
      const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id));
      expect(row).toMatchObject({ attempts: 0, completedAt: null });
      expect(
        (
          await c.post(`/api/recovery/${id}/complete`, {
            code,
            password: NEW_PASSWORD,
            passwordRepeat: NEW_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });

    it('applies the code rules: wrong, exhausted, expired, resend interval', async () => {
      const person = await createSimplifiedCitizen(sut);
      const c = client();
      const { id, since } = await recover(c, person.phone!);
      const code = extractCode((await waitForMessage(sut, person.phone!, since, /восстановления/)).body);
      const wrong = code === '000000' ? '000001' : '000000';
      const body = (code: string) => ({ code, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
      expect((await c.post(`/api/recovery/${id}/complete`, body(wrong))).body.error.code).toBe(
        'code.invalid',
      );
      expect((await c.post(`/api/recovery/${id}/complete`, body(wrong))).body.error.code).toBe(
        'code.invalid',
      );
      expect((await c.post(`/api/recovery/${id}/complete`, body(wrong))).body.error.code).toBe(
        'code.attempts_exhausted',
      );
      expect((await c.post(`/api/recovery/${id}/resend`)).body.error.code).toBe('code.resend_too_early');
      clock.advance(CODE_RULES.resendAfterMs);
      const since2 = clock.now();
      expect((await c.post(`/api/recovery/${id}/resend`)).status).toBe(200);
      const fresh = extractCode((await waitForMessage(sut, person.phone!, since2, /восстановления/)).body);
      clock.advance(CODE_RULES.ttlMs);
      expect((await c.post(`/api/recovery/${id}/complete`, body(fresh))).body.error.code).toBe(
        'code.expired',
      );
    });

    it.each([
      ['/api/recovery', { login: '' }, 'login', 'required'],
      ['/api/recovery', { login: 'кто-то' }, 'login', 'login.invalid'],
    ])('refuses %s with %j at the field, sending nothing', async (path, body, field, code) => {
      const before = (await db().select({ n: count() }).from(oneTimeCodes))[0].n;
      const res = await client().post(path, body);
      expect(res.body.error.fields).toEqual([{ path: field, code }]);
      expect((await db().select({ n: count() }).from(oneTimeCodes))[0].n).toBe(before);
    });

    it.each([
      [{ code: '', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, 'code', 'required'],
      [{ code: '12 34', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, 'code', 'code.format'],
      [{ code: '123456', password: '', passwordRepeat: NEW_PASSWORD }, 'password', 'required'],
      [{ code: '123456', password: NEW_PASSWORD }, 'passwordRepeat', 'required'],
    ])('refuses the recovery step %j at its field without using a try', async (body, field, code) => {
      const person = await createSimplifiedCitizen(sut);
      const c = client();
      const { id } = await recover(c, person.phone!);
      const res = await c.post(`/api/recovery/${id}/complete`, body);
      expect(res.body.error.fields).toEqual([{ path: field, code }]);
      const [row] = await db()
        .select()
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.id, id)));
      expect(row.attempts).toBe(0);
    });

    it('answers an unknown recovery with recovery.not_found', async () => {
      const res = await client().post('/api/recovery/6f1c1a56-3c52-4a8e-9d2b-2f9a1f7f1c11/complete', {
        code: '123456',
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('recovery.not_found');
    });
  });
});

describe('per-address rate limits (config.rateLimits on)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env: { RATE_LIMITS: 'true' } });
  });
  afterAll(async () => sut?.stop());

  it('answers rate.limited once one address has made 20 sign-in attempts in a minute, other addresses unaffected', async () => {
    const c = new TestClient(sut.app, '203.0.113.7');
    const statuses: number[] = [];
    // Distinct unknown logins, so the lockout does not answer first.
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await c.post('/api/login', { login: uniquePhone(), password: 'wrong-password' })).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const limited = await c.post('/api/login', { login: uniquePhone(), password: 'wrong-password' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate.limited');
    const other = await new TestClient(sut.app, '203.0.113.8').post('/api/login', {
      login: uniquePhone(),
      password: 'wrong-password',
    });
    expect(other.status).toBe(401);
  });

  it('limits registration starts from one address to 10 a minute', async () => {
    const ip = '198.51.100.9';
    const start = () =>
      new TestClient(sut.app, ip).post('/api/registration', {
        lastName: 'Смирнова',
        firstName: 'Ольга',
        contactType: 'phone',
        contact: uniquePhone(),
      });
    for (let i = 0; i < 10; i++) expect((await start()).status).toBe(200);
    const over = await start();
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate.limited');
  });
});
