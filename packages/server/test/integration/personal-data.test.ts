import { personalDataInputSchema, registrySimulatorRules, type PersonalDataInput } from '@openesia/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, personalData, simulatorOutbox } from '../../src/db/schema/index.js';
import {
  createSimplifiedCitizen,
  createStandardCitizen,
  uniquePassportNumber,
  uniqueSnils,
  validPersonalData,
  signedInClient,
  waitForMessage,
} from '../support/factories.js';
import { eventually, TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { systemActor } from '../../src/domain/policy/actor.js';

/** Retries at once (no backoff) so "retried then passing" and "retries exhausted" take milliseconds. */
const env = { REGISTRY_RETRY_DELAY_SECONDS: '0', REGISTRY_RETRY_LIMIT: '3' };

async function level(system: TestSystem, id: string) {
  const [row] = await system.database.db
    .select({ level: accounts.level })
    .from(accounts)
    .where(eq(accounts.id, id));
  return row.level;
}

async function finishedView(client: TestClient) {
  return eventually(async () => {
    const res = await client.get('/api/me/personal-data');
    return res.body.verification.state === 'passed' || res.body.verification.state === 'failed'
      ? res.body
      : undefined;
  });
}

async function auditEvents(system: TestSystem, subjectId: string) {
  const rows = await system.database.db
    .select({ event: auditLog.event, data: auditLog.data })
    .from(auditLog)
    .where(eq(auditLog.subjectId, subjectId));
  return rows;
}

function rule(registry: 'pension_fund' | 'migration_service', outcome: string) {
  const found = registrySimulatorRules.find((r) => r.registry === registry && r.outcome === outcome);
  if (!found) throw new Error(`no simulator rule ${registry}/${outcome}`);
  return found;
}

describe('personal data and the automatic checks (seed 000, section 1, step 2)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env });
  });
  afterAll(async () => sut?.stop());

  it('refuses a visitor who is not signed in with auth.required', async () => {
    const client = new TestClient(sut.app);
    expect((await client.get('/api/me/personal-data')).body.error.code).toBe('auth.required');
    expect((await client.put('/api/me/personal-data', validPersonalData())).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('shows an empty, editable form and the next step to a new simplified account', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const view = await client.get('/api/me/personal-data');
    expect(view.status).toBe(200);
    expect(view.body.data).toBeNull();
    expect(view.body.verification.state).toBe('not_started');
    expect(view.body.editable).toBe(true);
    const me = await client.get('/api/me');
    expect(me.body.account.level).toBe('simplified');
    expect(me.body.nextStep).toBe('fill_personal_data');
  });

  const years = (n: number) => new Date(Date.now() - n * 365.25 * 24 * 3600_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10);
  const badFields: Array<[string, (d: PersonalDataInput) => void, string, string]> = [
    ['a СНИЛС with a wrong checksum', (d) => (d.snils = '112-233-445 96'), 'snils', 'snils.checksum'],
    ['a СНИЛС of 10 digits', (d) => (d.snils = '112-233-445 9'), 'snils', 'snils.format'],
    ['an empty surname', (d) => (d.lastName = ''), 'lastName', 'required'],
    ['digits in the first name', (d) => (d.firstName = 'Ив4н'), 'firstName', 'name.invalid_chars'],
    ['no gender', (d) => delete (d as any).gender, 'gender', 'required'],
    [
      'a citizenship other than RUS',
      (d) => ((d as any).citizenship = 'USA'),
      'citizenship',
      'citizenship.unsupported',
    ],
    ['a date that does not exist', (d) => (d.birthDate = '1985-02-30'), 'birthDate', 'date.invalid'],
    ['a birth date in the future', (d) => (d.birthDate = tomorrow), 'birthDate', 'date.in_future'],
    ['an absurd birth date', (d) => (d.birthDate = '1850-01-01'), 'birthDate', 'birth_date.too_old'],
    ['a person younger than 14', (d) => (d.birthDate = years(10)), 'birthDate', 'birth_date.too_young'],
    [
      'a passport series of 3 digits',
      (d) => (d.passport.series = '190'),
      'passport.series',
      'passport.series_format',
    ],
    [
      'a passport number of 5 digits',
      (d) => (d.passport.number = '12345'),
      'passport.number',
      'passport.number_format',
    ],
    [
      'an issuer code without the dash',
      (d) => (d.passport.issuerCode = '350001'),
      'passport.issuerCode',
      'passport.issuer_code_format',
    ],
    ['no issuer', (d) => (d.passport.issuedBy = ' '), 'passport.issuedBy', 'required'],
    [
      'a passport issued in the future',
      (d) => (d.passport.issueDate = tomorrow),
      'passport.issueDate',
      'date.in_future',
    ],
    [
      'a passport issued before the 14th birthday',
      (d) => (d.passport.issueDate = '1998-01-01'),
      'passport.issueDate',
      'passport.issue_before_14',
    ],
    [
      'a passport not replaced at 20',
      (d) => {
        d.birthDate = '1990-05-01';
        d.passport.issueDate = '2005-06-01';
      },
      'passport.issueDate',
      'passport.expired_by_age',
    ],
  ];

  for (const [what, spoil, path, code] of badFields) {
    it(`refuses ${what} with ${code} at ${path} and writes nothing`, async () => {
      const citizen = await createSimplifiedCitizen(sut);
      const client = await signedInClient(sut, citizen);
      const data = validPersonalData();
      spoil(data);
      const res = await client.put('/api/me/personal-data', data);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation.failed');
      expect(res.body.error.fields).toContainEqual({ path, code });
      const rows = await sut.database.db
        .select()
        .from(personalData)
        .where(eq(personalData.accountId, citizen.id));
      expect(rows).toHaveLength(0);
      expect(await level(sut, citizen.id)).toBe('simplified');
      expect((await auditEvents(sut, citizen.id)).map((e) => e.event)).not.toContain(
        'citizen.personal_data_submitted',
      );
    });
  }

  it('makes the account standard when both registries confirm, and tells the person by SMS', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const data = validPersonalData({
      lastName: 'Петрова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      gender: 'F',
    });
    const saved = await client.put('/api/me/personal-data', data);
    expect(saved.status).toBe(200);
    expect(saved.body.editable).toBe(false);
    expect(saved.body.data.lastName).toBe('Петрова');
    const view = await finishedView(client);
    expect(view.verification).toMatchObject({
      state: 'passed',
      snils: 'passed',
      passport: 'passed',
      failureReasons: [],
    });
    expect(view.data.snils).toBe(data.snils.replace(/\D/g, ''));
    expect(view.data.passport.number).toBe(data.passport.number);
    expect(await level(sut, citizen.id)).toBe('standard');
    const sms = await waitForMessage(
      sut,
      citizen.phone!,
      new Date(0),
      /Проверка личных данных завершена успешно/,
    );
    expect(sms.channel).toBe('sms');
    const events = (await auditEvents(sut, citizen.id)).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining(['citizen.personal_data_submitted', 'citizen.personal_data_verified']),
    );
    const me = await client.get('/api/me');
    expect(me.body.account).toMatchObject({
      level: 'standard',
      lastName: 'Петрова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
    });
    expect(me.body.nextStep).toBe('confirm_identity');
  });

  it('tells a person with an e-mail only by e-mail', async () => {
    const citizen = await createSimplifiedCitizen(sut, { email: `anna${Date.now()}@example.ru` });
    const client = await signedInClient(sut, citizen);
    await client.put('/api/me/personal-data', validPersonalData());
    await finishedView(client);
    const mail = await waitForMessage(sut, citizen.email!, new Date(0), /завершена успешно/);
    expect(mail.channel).toBe('email');
    expect(mail.subject).toBe('Результат проверки личных данных');
  });

  const failures: Array<[string, (d: PersonalDataInput) => void, string]> = [
    [
      'the pension fund does not know the СНИЛС',
      (d) => (d.snils = uniqueSnils(rule('pension_fund', 'not_found').prefix)),
      'snils.not_found',
    ],
    [
      'the pension fund has other data for the СНИЛС',
      (d) => (d.snils = uniqueSnils(rule('pension_fund', 'data_mismatch').prefix)),
      'snils.data_mismatch',
    ],
    [
      'the migration service does not know the passport',
      (d) => (d.passport.number = uniquePassportNumber(rule('migration_service', 'not_found').prefix)),
      'passport.not_found',
    ],
    [
      'the passport is invalid',
      (d) => (d.passport.number = uniquePassportNumber(rule('migration_service', 'passport_invalid').prefix)),
      'passport.invalid',
    ],
    [
      'the passport data does not match',
      (d) => (d.passport.number = uniquePassportNumber(rule('migration_service', 'data_mismatch').prefix)),
      'passport.data_mismatch',
    ],
  ];

  for (const [what, spoil, reason] of failures) {
    it(`fails the check with ${reason} when ${what}, keeps the account simplified and says why`, async () => {
      const citizen = await createSimplifiedCitizen(sut);
      const client = await signedInClient(sut, citizen);
      const data = validPersonalData();
      spoil(data);
      expect((await client.put('/api/me/personal-data', data)).status).toBe(200);
      const view = await finishedView(client);
      expect(view.verification.state).toBe('failed');
      expect(view.verification.failureReasons).toEqual([reason]);
      expect(view.editable).toBe(true);
      expect(await level(sut, citizen.id)).toBe('simplified');
      const sms = await waitForMessage(sut, citizen.phone!, new Date(0), /не пройдена/);
      expect(sms.body).toMatch(/Личные данные/);
      const events = await auditEvents(sut, citizen.id);
      expect(events.find((e) => e.event === 'citizen.personal_data_rejected')?.data).toMatchObject({
        reasons: [reason],
      });
      expect((await client.get('/api/me')).body.nextStep).toBe('fix_personal_data');
    });
  }

  it('reports both reasons when both registries refuse', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const data = validPersonalData({
      snils: uniqueSnils('900'),
      passport: { number: uniquePassportNumber('901') },
    });
    await client.put('/api/me/personal-data', data);
    const view = await finishedView(client);
    expect(view.verification.failureReasons).toEqual(['snils.not_found', 'passport.invalid']);
  });

  it('lets the person correct failed data and pass on the next submission', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const data = validPersonalData({ passport: { number: uniquePassportNumber('902') } });
    await client.put('/api/me/personal-data', data);
    expect((await finishedView(client)).verification.state).toBe('failed');
    data.passport.number = uniquePassportNumber();
    expect((await client.put('/api/me/personal-data', data)).status).toBe(200);
    const view = await finishedView(client);
    expect(view.verification.state).toBe('passed');
    expect(await level(sut, citizen.id)).toBe('standard');
    const [row] = await sut.database.db
      .select({ revision: personalData.revision })
      .from(personalData)
      .where(eq(personalData.accountId, citizen.id));
    expect(row.revision).toBe(2);
  });

  it('retries a registry that fails transiently and then passes', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const data = validPersonalData({
      snils: uniqueSnils(rule('pension_fund', 'busy_twice').prefix),
      passport: { number: uniquePassportNumber(rule('migration_service', 'busy_twice').prefix) },
    });
    await client.put('/api/me/personal-data', data);
    const view = await finishedView(client);
    expect(view.verification.state).toBe('passed');
    expect(await level(sut, citizen.id)).toBe('standard');
    const jobs = await sut.database.db.execute(
      sql`select name, retry_count from pgboss.job where data->>'accountId' = ${citizen.id} and name like 'personal-data.check-%' order by name`,
    );
    expect((jobs as any).rows.map((r: any) => [r.name, Number(r.retry_count)])).toEqual([
      ['personal-data.check-passport', 2],
      ['personal-data.check-snils', 2],
    ]);
  });

  it('ends the check with registry.unavailable when every retry fails, and asks to try again later', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.put(
      '/api/me/personal-data',
      validPersonalData({ snils: uniqueSnils(rule('pension_fund', 'unavailable').prefix) }),
    );
    const view = await finishedView(client);
    expect(view.verification).toMatchObject({
      state: 'failed',
      snils: 'failed',
      passport: 'passed',
      failureReasons: ['registry.unavailable'],
    });
    const sms = await waitForMessage(sut, citizen.phone!, new Date(0), /не пройдена/);
    expect(sms.body).toMatch(/повторите отправку позже/);
    const jobs = await sut.database.db.execute(
      sql`select retry_count from pgboss.job where data->>'accountId' = ${citizen.id} and name = 'personal-data.check-snils'`,
    );
    expect(Number((jobs as any).rows[0].retry_count)).toBe(3);
  });

  it('refuses a СНИЛС that belongs to another standard account with snils.taken', async () => {
    const owner = await createStandardCitizen(sut);
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const res = await client.put(
      '/api/me/personal-data',
      validPersonalData({ snils: owner.personalData.snils }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'snils.taken',
      fields: [{ path: 'snils', code: 'snils.taken' }],
    });
    const rows = await sut.database.db
      .select()
      .from(personalData)
      .where(eq(personalData.accountId, citizen.id));
    expect(rows).toHaveLength(0);
  });

  it('records each snils.taken refusal, tells the holder, and limits submissions to 5 an hour', async () => {
    const owner = await createStandardCitizen(sut);
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const since = sut.clock.now();
    const first = await client.put(
      '/api/me/personal-data',
      validPersonalData({ snils: owner.personalData.snils }),
    );
    expect(first.body.error.code).toBe('snils.taken');
    const refusals = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, citizen.id), eq(auditLog.event, 'citizen.snils_taken_refused')));
    expect(refusals).toHaveLength(1);
    expect(refusals[0].data).toMatchObject({ holderId: owner.id });
    const notice = await waitForMessage(sut, owner.phone!, since, /Кто-то пытался указать ваш СНИЛС/);
    expect(notice.body).not.toContain(owner.personalData.snils);

    // Probing other numbers one after another: four more tries this hour, then rate.limited.
    for (let i = 0; i < 4; i++) {
      const other = await createStandardCitizen(sut);
      const res = await client.put(
        '/api/me/personal-data',
        validPersonalData({ snils: other.personalData.snils }),
      );
      expect(res.body.error.code).toBe('snils.taken');
    }
    const limited = await client.put('/api/me/personal-data', validPersonalData());
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate.limited');
    expect(limited.body.error.retryAfterSeconds).toBeGreaterThan(0);
    const rows = await sut.database.db
      .select()
      .from(personalData)
      .where(eq(personalData.accountId, citizen.id));
    expect(rows).toHaveLength(0);
  });

  it('maps a concurrent claim of the same СНИЛС (the unique index) to snils.taken', async () => {
    const a = await createSimplifiedCitizen(sut);
    const b = await createSimplifiedCitizen(sut);
    const snils = uniqueSnils();
    const results = await Promise.allSettled([
      sut.services.personalData.submit(systemActor('test'), a.id, parse(validPersonalData({ snils }))),
      sut.services.personalData.submit(systemActor('test'), b.id, parse(validPersonalData({ snils }))),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('snils.taken');
  });

  it('frees the СНИЛС of a failed check for its real owner', async () => {
    const impostor = await createSimplifiedCitizen(sut);
    const snils = uniqueSnils();
    const impostorClient = await signedInClient(sut, impostor);
    await impostorClient.put(
      '/api/me/personal-data',
      validPersonalData({ snils, passport: { number: uniquePassportNumber('900') } }),
    );
    expect((await finishedView(impostorClient)).verification.state).toBe('failed');
    const owner = await createStandardCitizen(sut, { personalData: { snils } });
    expect(await level(sut, owner.id)).toBe('standard');
  });

  it('keeps passport and СНИЛС encrypted at rest, with no plaintext in the row or the job queue', async () => {
    const citizen = await createStandardCitizen(sut);
    const snilsDigits = citizen.snils;
    const number = citizen.personalData.passport.number;
    const raw = await sut.database.db.execute(
      sql`select * from personal_data where account_id = ${citizen.id}`,
    );
    const row = (raw as any).rows[0];
    const dump = JSON.stringify(row, (_k, v) =>
      v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
    );
    const rawBytes = Buffer.concat([
      Buffer.from(row.passport_encrypted),
      Buffer.from(row.snils_encrypted),
    ]).toString('latin1');
    for (const secret of [snilsDigits, number, citizen.personalData.passport.issuedBy]) {
      expect(dump).not.toContain(secret);
      expect(rawBytes).not.toContain(secret);
    }
    expect(row.snils_lookup).toMatch(/^[0-9a-f]{64}$/);
    const jobs = await sut.database.db.execute(
      sql`select data::text as data from pgboss.job where data->>'accountId' = ${citizen.id}`,
    );
    for (const job of (jobs as any).rows) {
      expect(job.data).not.toContain(snilsDigits);
      expect(job.data).not.toContain(number);
    }
    // Bound to its account: the ciphertext does not decrypt as another account's data.
    const stolen = {
      ...(await sut.database.db.select().from(personalData).where(eq(personalData.accountId, citizen.id)))[0],
      accountId: crypto.randomUUID(),
    };
    expect(() => sut.services.personalData.decrypt(stolen)).toThrow();
  });

  it('keeps the level when the same verified data is saved again', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const res = await client.put('/api/me/personal-data', citizen.personalData);
    expect(res.status).toBe(200);
    expect(res.body.verification.state).toBe('passed');
    expect(await level(sut, citizen.id)).toBe('standard');
  });

  it('sends changed data of a standard account back through the checks', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const changed = {
      ...citizen.personalData,
      passport: { ...citizen.personalData.passport, number: uniquePassportNumber('902') },
    };
    expect((await client.put('/api/me/personal-data', changed)).status).toBe(200);
    const view = await finishedView(client);
    expect(view.verification.failureReasons).toEqual(['passport.data_mismatch']);
    expect(await level(sut, citizen.id)).toBe('simplified');
  });

  it('ignores an answer about an older submission', async () => {
    const citizen = await createStandardCitizen(sut);
    const before = await sut.services.personalData.view(systemActor('test'), citizen.id);
    await sut.services.personalData.runCheck(
      'snils',
      { accountId: citizen.id, revision: 99 },
      { attempt: 1, retryLimit: 3 },
    );
    await sut.services.personalData.runCheck(
      'passport',
      { accountId: citizen.id, revision: 1 },
      { attempt: 1, retryLimit: 3 },
    );
    expect(await sut.services.personalData.view(systemActor('test'), citizen.id)).toEqual(before);
    expect(await level(sut, citizen.id)).toBe('standard');
  });
});

describe('personal data while the checks run', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    // No workers: the checks stay queued, as while the registries are thinking.
    sut = await startTestSystem({ env: { ...env, JOBS_ENABLED: 'false' } });
  });
  afterAll(async () => sut?.stop());

  it('queues both checks in the same transaction and refuses editing with personal_data.checks_in_progress', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const data = validPersonalData();
    expect((await client.put('/api/me/personal-data', data)).status).toBe(200);
    const jobs = await sut.database.db.execute(
      sql`select name from pgboss.job where data->>'accountId' = ${citizen.id} order by name`,
    );
    expect((jobs as any).rows.map((r: any) => r.name)).toEqual([
      'personal-data.check-passport',
      'personal-data.check-snils',
    ]);
    const view = await client.get('/api/me/personal-data');
    expect(view.body.verification).toMatchObject({
      state: 'in_progress',
      snils: 'in_progress',
      passport: 'in_progress',
    });
    expect(view.body.editable).toBe(false);
    expect((await client.get('/api/me')).body.nextStep).toBe('wait_for_checks');

    const again = await client.put('/api/me/personal-data', { ...data, birthPlace: 'г. Череповец' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('personal_data.checks_in_progress');
    const [row] = await sut.database.db
      .select()
      .from(personalData)
      .where(eq(personalData.accountId, citizen.id));
    expect(row.birthPlace).toBe('г. Вологда');
    expect(row.revision).toBe(1);
  });

  it('writes no job and no row when the data is refused', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.put('/api/me/personal-data', validPersonalData({ snils: '112-233-445 96' }));
    const jobs = await sut.database.db.execute(
      sql`select 1 from pgboss.job where data->>'accountId' = ${citizen.id}`,
    );
    expect((jobs as any).rows).toHaveLength(0);
    const outbox = await sut.database.db
      .select()
      .from(simulatorOutbox)
      .where(and(eq(simulatorOutbox.recipient, citizen.phone!)));
    expect(outbox).toHaveLength(0);
  });
});

function parse(data: PersonalDataInput) {
  return personalDataInputSchema.parse(data);
}
