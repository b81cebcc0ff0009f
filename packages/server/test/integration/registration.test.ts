import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountContacts,
  accounts,
  auditLog,
  codeSends,
  loginThrottles,
  oneTimeCodes,
  signatureChallenges,
  simulatorOutbox,
} from '../../src/db/schema/index.js';
import { newId } from '../../src/lib/crypto.js';
import { CODE_RULES } from '../../src/domain/citizen/one-time-code.js';
import {
  createSimplifiedCitizen,
  extractCode,
  uniqueEmail,
  uniquePhone,
  waitForMessage,
} from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';

const PASSWORD = 'Весенний-ветер-2026';

describe('citizen registration (seed 000, section 1, step 1)', () => {
  let sut: TestSystem;
  const clock = new ManualClock();
  beforeAll(async () => {
    sut = await startTestSystem({ clock, env: { RATE_LIMITS: 'false' } });
  });
  afterAll(async () => sut?.stop());

  const db = () => sut.database.db;
  const client = () => new TestClient(sut.app);
  const startByPhone = async (c: TestClient, phone = uniquePhone()) => {
    const since = clock.now();
    const res = await c.post('/api/registration', {
      lastName: 'Смирнова',
      firstName: 'Ольга',
      contactType: 'phone',
      contact: phone,
    });
    expect(res.status).toBe(200);
    return { phone, id: res.body.registrationId as string, res, since };
  };
  const smsCode = async (phone: string, since: Date) =>
    extractCode((await waitForMessage(sut, phone, since, /Код для регистрации/)).body);
  const counts = async () => ({
    accounts: (await db().select({ n: count() }).from(accounts))[0].n,
    codes: (await db().select({ n: count() }).from(oneTimeCodes))[0].n,
    audit: (await db().select({ n: count() }).from(auditLog))[0].n,
  });

  it('registers by phone: code by SMS, password twice, then signed in to a simplified account', async () => {
    const c = client();
    const { phone, id, res, since } = await startByPhone(c);
    expect(res.body).toMatchObject({
      channel: 'phone',
      maskedDestination: expect.stringContaining('+7 (912)'),
    });
    expect(new Date(res.body.expiresAt).getTime() - clock.now().getTime()).toBe(CODE_RULES.ttlMs);
    expect(new Date(res.body.resendAvailableAt).getTime() - clock.now().getTime()).toBe(
      CODE_RULES.resendAfterMs,
    );
    const code = await smsCode(phone, since);

    const verified = await c.post(`/api/registration/${id}/verify-code`, { code });
    expect(verified.status).toBe(200);
    const done = await c.post('/api/registration/complete', {
      completionToken: verified.body.completionToken,
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(done.body.account).toMatchObject({
      lastName: 'Смирнова',
      firstName: 'Ольга',
      level: 'simplified',
      contacts: [{ type: 'phone', value: phone, verified: true }],
    });

    const session = await c.get('/api/session');
    expect(session.body.account.id).toBe(done.body.account.id);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.subjectId, done.body.account.id));
    expect(audit.event).toBe('citizen.registered');
    // Only a hash of the code was ever stored.
    const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id));
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it('registers by e-mail through the link in the letter', async () => {
    const c = client();
    const email = uniqueEmail();
    const since = clock.now();
    const res = await c.post('/api/registration', {
      lastName: 'Кузнецов',
      firstName: 'Пётр',
      contactType: 'email',
      contact: `  ${email.toUpperCase()} `,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ channel: 'email', maskedDestination: email });
    const letter = await waitForMessage(sut, email, since);
    expect(letter.subject).toBe('Регистрация в ЕСИА');
    // The token travels in the fragment, which browsers never send to the server (nor to its logs).
    const link = new URL(letter.body.match(/https?:\/\/\S+\/register\/confirm#token=\S+/)![0]);
    expect(link.search).toBe('');
    const token = new URLSearchParams(link.hash.slice(1)).get('token')!;

    const verified = await c.post('/api/registration/verify-link', { token });
    expect(verified.status).toBe(200);
    // Opening the link again before the password is set still works (mail scanners open links too).
    const again = await c.post('/api/registration/verify-link', { token });
    expect(again.status).toBe(200);
    const stale = await c.post('/api/registration/complete', {
      completionToken: verified.body.completionToken,
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    expect(stale.body.error.code).toBe('registration.not_found');
    const done = await c.post('/api/registration/complete', {
      completionToken: again.body.completionToken,
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(done.body.account.contacts).toEqual([{ type: 'email', value: email, verified: true }]);
    const used = await c.post('/api/registration/verify-link', { token });
    expect(used.body.error.code).toBe('registration.completed');
  });

  it('refuses a wrong code with code.invalid and creates nothing', async () => {
    const c = client();
    const { phone, id, since } = await startByPhone(c);
    const code = await smsCode(phone, since);
    const wrong = code === '000000' ? '000001' : '000000';
    const before = await counts();
    const res = await c.post(`/api/registration/${id}/verify-code`, { code: wrong });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('code.invalid');
    expect((await counts()).accounts).toBe(before.accounts);
  });

  it('refuses a code after five minutes with code.expired', async () => {
    const c = client();
    const { phone, id, since } = await startByPhone(c);
    const code = await smsCode(phone, since);
    clock.advance(CODE_RULES.ttlMs);
    const res = await c.post(`/api/registration/${id}/verify-code`, { code });
    expect(res.body.error.code).toBe('code.expired');
  });

  it('refuses the third wrong code with code.attempts_exhausted, and then even the right one', async () => {
    const c = client();
    const { phone, id, since } = await startByPhone(c);
    const code = await smsCode(phone, since);
    const wrong = code === '111111' ? '222222' : '111111';
    expect((await c.post(`/api/registration/${id}/verify-code`, { code: wrong })).body.error.code).toBe(
      'code.invalid',
    );
    expect((await c.post(`/api/registration/${id}/verify-code`, { code: wrong })).body.error.code).toBe(
      'code.invalid',
    );
    expect((await c.post(`/api/registration/${id}/verify-code`, { code: wrong })).body.error.code).toBe(
      'code.attempts_exhausted',
    );
    expect((await c.post(`/api/registration/${id}/verify-code`, { code })).body.error.code).toBe(
      'code.attempts_exhausted',
    );
  });

  it('uses a code once only', async () => {
    const c = client();
    const { phone, id, since } = await startByPhone(c);
    const code = await smsCode(phone, since);
    expect((await c.post(`/api/registration/${id}/verify-code`, { code })).status).toBe(200);
    expect((await c.post(`/api/registration/${id}/verify-code`, { code })).body.error.code).toBe(
      'code.invalid',
    );
  });

  it('refuses a resend within 60 seconds, then sends a new code that replaces the old one', async () => {
    const c = client();
    const { phone, id, since } = await startByPhone(c);
    const oldCode = await smsCode(phone, since);
    clock.advance(30_000);
    const early = await c.post(`/api/registration/${id}/resend`);
    expect(early.status).toBe(429);
    expect(early.body.error).toMatchObject({ code: 'code.resend_too_early', retryAfterSeconds: 30 });
    clock.advance(30_000);
    const since2 = clock.now();
    const resent = await c.post(`/api/registration/${id}/resend`);
    expect(resent.status).toBe(200);
    const newCode = await smsCode(phone, since2);
    if (newCode !== oldCode)
      expect((await c.post(`/api/registration/${id}/verify-code`, { code: oldCode })).body.error.code).toBe(
        'code.invalid',
      );
    expect((await c.post(`/api/registration/${id}/verify-code`, { code: newCode })).status).toBe(200);
  });

  it('caps messages to one destination at 5 an hour with code.hourly_limit', async () => {
    const c = client();
    const phone = uniquePhone();
    for (let i = 0; i < CODE_RULES.maxSendsPerDestination; i++) await startByPhone(c, phone);
    const res = await c.post('/api/registration', {
      lastName: 'Смирнова',
      firstName: 'Ольга',
      contactType: 'phone',
      contact: phone,
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('code.hourly_limit');
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(0);
    clock.advance(CODE_RULES.windowMs);
    expect(
      (
        await c.post('/api/registration', {
          lastName: 'Смирнова',
          firstName: 'Ольга',
          contactType: 'phone',
          contact: phone,
        })
      ).status,
    ).toBe(200);
  });

  it('answers a taken phone exactly like a new one; only the owner learns it, and no code works', async () => {
    const owner = await createSimplifiedCitizen(sut);
    const c = client();
    const fresh = await startByPhone(c);
    const taken = await startByPhone(c, owner.phone!);
    expect(taken.res.status).toBe(fresh.res.status);
    expect(Object.keys(taken.res.body).sort()).toEqual(Object.keys(fresh.res.body).sort());
    expect(taken.res.body.expiresAt).toBe(fresh.res.body.expiresAt);
    const message = await waitForMessage(sut, owner.phone!, taken.since);
    expect(message.body).toContain('уже зарегистрирован');
    expect(message.body).not.toMatch(/\b\d{6}\b/);
    for (const code of ['123456', '000000', '999999']) {
      const res = await c.post(`/api/registration/${taken.id}/verify-code`, { code });
      expect(res.body.error.code).toMatch(/^code\.(invalid|attempts_exhausted)$/);
    }
  });

  it('answers a taken e-mail like a new one, with a letter that carries no link', async () => {
    const email = uniqueEmail();
    await createSimplifiedCitizen(sut, { email });
    const since = clock.now();
    const res = await client().post('/api/registration', {
      lastName: 'Кузнецов',
      firstName: 'Пётр',
      contactType: 'email',
      contact: email,
    });
    expect(res.status).toBe(200);
    const letter = await waitForMessage(sut, email, since);
    expect(letter.body).toContain('уже указан в учётной записи');
    expect(letter.body).not.toContain('token=');
  });

  it('maps two registrations of one phone racing to the end to contact.taken for the second', async () => {
    const phone = uniquePhone();
    const a = client();
    const b = client();
    const first = await startByPhone(a, phone);
    const codeA = await smsCode(phone, first.since);
    clock.advance(1000);
    const second = await startByPhone(b, phone);
    const codeB = extractCode((await waitForMessage(sut, phone, second.since, /Код для регистрации/)).body);
    const tokenA = (await a.post(`/api/registration/${first.id}/verify-code`, { code: codeA })).body
      .completionToken;
    const tokenB = (await b.post(`/api/registration/${second.id}/verify-code`, { code: codeB })).body
      .completionToken;
    const results = await Promise.all([
      a.post('/api/registration/complete', {
        completionToken: tokenA,
        password: PASSWORD,
        passwordRepeat: PASSWORD,
      }),
      b.post('/api/registration/complete', {
        completionToken: tokenB,
        password: PASSWORD,
        passwordRepeat: PASSWORD,
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('contact.taken');
    const owners = await db().select().from(accountContacts).where(eq(accountContacts.value, phone));
    expect(owners).toHaveLength(1);
  });

  describe('refuses an unacceptable password at its field and writes nothing', () => {
    const cases: [
      string,
      (
        | { password: string; passwordRepeat: string }
        | ((phone: string) => { password: string; passwordRepeat: string })
      ),
      { path: string; code: string },
    ][] = [
      [
        'too short',
        { password: 'Кот-42!', passwordRepeat: 'Кот-42!' },
        { path: 'password', code: 'password.too_short' },
      ],
      [
        'common',
        { password: 'qwerty123', passwordRepeat: 'qwerty123' },
        { path: 'password', code: 'password.common' },
      ],
      [
        'Russian keyboard walk',
        { password: 'йцукенгшщз', passwordRepeat: 'йцукенгшщз' },
        { path: 'password', code: 'password.common' },
      ],
      [
        'the phone itself',
        (phone) => ({ password: `8${phone.slice(2)}`, passwordRepeat: `8${phone.slice(2)}` }),
        { path: 'password', code: 'password.same_as_login' },
      ],
      [
        'typed differently twice',
        { password: PASSWORD, passwordRepeat: `${PASSWORD}!` },
        { path: 'passwordRepeat', code: 'password.mismatch' },
      ],
      [
        'repeat missing',
        { password: PASSWORD, passwordRepeat: '' },
        { path: 'passwordRepeat', code: 'required' },
      ],
      [
        'password missing',
        { password: '', passwordRepeat: PASSWORD },
        { path: 'password', code: 'required' },
      ],
    ];
    it.each(cases)('%s', async (_name, pair, expected) => {
      const c = client();
      const { phone, id, since } = await startByPhone(c);
      const { completionToken } = (
        await c.post(`/api/registration/${id}/verify-code`, { code: await smsCode(phone, since) })
      ).body;
      const before = await counts();
      const body = typeof pair === 'function' ? pair(phone) : pair;
      const res = await c.post('/api/registration/complete', { completionToken, ...body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation.failed');
      expect(res.body.error.fields).toContainEqual(expected);
      expect(await counts()).toEqual(before);
      // The step stays open: a good password still completes it.
      expect(
        (
          await c.post('/api/registration/complete', {
            completionToken,
            password: PASSWORD,
            passwordRepeat: PASSWORD,
          })
        ).status,
      ).toBe(200);
    });
  });

  it('refuses the password step before the code with registration.not_found for an unknown token', async () => {
    const res = await client().post('/api/registration/complete', {
      completionToken: 'x'.repeat(43),
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('registration.not_found');
  });

  it('refuses every change without the CSRF token', async () => {
    const res = await client().post(
      '/api/registration',
      { lastName: 'Смирнова', firstName: 'Ольга', contactType: 'phone', contact: uniquePhone() },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf.invalid');
  });

  describe('reports every bad field with its code and writes nothing', () => {
    const valid = {
      lastName: 'Смирнова',
      firstName: 'Ольга',
      contactType: 'phone',
      contact: '+7 912 000-11-22',
    };
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['surname missing', { lastName: '' }, 'lastName', 'required'],
      ['surname with digits', { lastName: 'Смирнова2' }, 'lastName', 'name.invalid_chars'],
      ['surname too long', { lastName: 'Я'.repeat(61) }, 'lastName', 'too_long'],
      ['first name missing', { firstName: undefined }, 'firstName', 'required'],
      ['first name with symbols', { firstName: 'Оля!' }, 'firstName', 'name.invalid_chars'],
      ['contact type missing', { contactType: undefined }, 'contactType', 'required'],
      ['contact type unknown', { contactType: 'fax' }, 'contactType', 'required'],
      ['contact missing', { contact: '' }, 'contact', 'required'],
      ['phone not mobile', { contact: '+7 495 123-45-67' }, 'contact', 'phone.invalid'],
      ['e-mail malformed', { contactType: 'email', contact: 'ivan@' }, 'contact', 'email.invalid'],
    ];
    it.each(cases)('%s', async (_name, change, path, code) => {
      const before = await counts();
      const outboxBefore = (await db().select({ n: count() }).from(simulatorOutbox))[0].n;
      const res = await client().post('/api/registration', { ...valid, ...change });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation.failed');
      expect(res.body.error.fields).toContainEqual({ path, code });
      expect(await counts()).toEqual(before);
      expect((await db().select({ n: count() }).from(simulatorOutbox))[0].n).toBe(outboxBefore);
    });

    it.each([
      ['', 'required'],
      ['12345', 'code.format'],
      ['12a456', 'code.format'],
    ])('code %j', async (code, expected) => {
      const c = client();
      const { id } = await startByPhone(c);
      const res = await c.post(`/api/registration/${id}/verify-code`, { code });
      expect(res.body.error.fields).toEqual([{ path: 'code', code: expected }]);
      const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id));
      expect(row.attempts).toBe(0);
    });

    it('an unknown registration', async () => {
      const res = await client().post('/api/registration/6f1c1a56-3c52-4a8e-9d2b-2f9a1f7f1c11/verify-code', {
        code: '123456',
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('registration.not_found');
    });

    it('a link token that matches nothing', async () => {
      const res = await client().post('/api/registration/verify-link', { token: 'n'.repeat(43) });
      expect(res.body.error.code).toBe('code.invalid');
    });
  });
});

describe('the hourly purge of spent codes, send counts, lockouts and challenges (152-ФЗ, ст. 5 ч. 7)', () => {
  let sut: TestSystem;
  const clock = new ManualClock();
  beforeAll(async () => {
    sut = await startTestSystem({ clock, env: { RATE_LIMITS: 'false' } });
  });
  afterAll(async () => sut?.stop());

  it('deletes only what has served its purpose and queues exactly one next run', async () => {
    const db = sut.database.db;
    const c = new TestClient(sut.app);
    const start = async () => {
      const res = await c.post('/api/registration', {
        lastName: 'Смирнова',
        firstName: 'Ольга',
        contactType: 'phone',
        contact: uniquePhone(),
      });
      expect(res.status).toBe(200);
      return res.body.registrationId as string;
    };
    const old = await start(); // expired and a day old by the purge
    const at = clock.now();
    await db.insert(loginThrottles).values([
      { key: 'throttle-passed', failures: 5, lockedUntil: new Date(at.getTime() + 60_000), updatedAt: at },
      { key: 'throttle-counting', failures: 2, lockedUntil: null, updatedAt: at },
    ]);
    clock.advance(25 * 60 * 60_000);
    const now = clock.now();
    const fresh = await start();
    await db.insert(loginThrottles).values({
      key: 'throttle-locked',
      failures: 5,
      lockedUntil: new Date(now.getTime() + 60_000),
      updatedAt: now,
    });
    const challenge = (id: string, expiresAt: Date, usedAt: Date | null) => ({
      id,
      purpose: 'login' as const,
      data: Buffer.from('statement'),
      createdAt: now,
      expiresAt,
      usedAt,
    });
    const [used, expired, live] = [newId(), newId(), newId()];
    await db
      .insert(signatureChallenges)
      .values([
        challenge(used, new Date(now.getTime() + 60_000), now),
        challenge(expired, new Date(now.getTime() - 1), null),
        challenge(live, new Date(now.getTime() + 60_000), null),
      ]);
    const sendsBefore = (await db.select({ n: count() }).from(codeSends))[0].n;
    expect(sendsBefore).toBe(2);

    const report = await sut.services.retention.purge();
    await sut.services.retention.purge();

    expect(report).toMatchObject({
      oneTimeCodes: 1,
      codeSends: 1,
      loginThrottles: 1,
      signatureChallenges: 2,
    });
    const codeIds = (await db.select({ id: oneTimeCodes.id }).from(oneTimeCodes)).map((r) => r.id);
    expect(codeIds).toContain(fresh);
    expect(codeIds).not.toContain(old);
    expect((await db.select({ n: count() }).from(codeSends))[0].n).toBe(1);
    expect(
      (await db.select({ key: loginThrottles.key }).from(loginThrottles)).map((r) => r.key).sort(),
    ).toEqual(['throttle-counting', 'throttle-locked']);
    expect(
      (await db.select({ id: signatureChallenges.id }).from(signatureChallenges)).map((r) => r.id),
    ).toEqual([live]);
    // Self-rescheduling: however many runs and starts, one waiting run (queue policy 'stately').
    const waiting = await db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'retention.purge' and state = 'created'`,
    );
    expect((waiting as any).rows[0].n).toBe(1);
  });
});
