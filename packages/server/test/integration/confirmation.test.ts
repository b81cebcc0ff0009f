import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, postLetters, simulatorOutbox } from '../../src/db/schema/index.js';
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
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';
import { systemActor } from '../../src/domain/policy/actor.js';

const env = { REGISTRY_RETRY_DELAY_SECONDS: '0', POST_TRACKING_INTERVAL_SECONDS: '1' };

const address = {
  postalCode: '160000',
  region: 'Вологодская область',
  city: 'Вологда',
  street: 'ул. Мира',
  house: '12',
  apartment: '34',
};

async function deliveredLetter(system: TestSystem, client: TestClient) {
  return eventually(async () => {
    const res = await client.get('/api/me/confirmation');
    return res.body.activeLetter?.state === 'delivered' ? res.body.activeLetter : undefined;
  });
}

/** The code as a person reads it from the delivered letter (the simulated post's outbox). */
async function codeFromLetter(system: TestSystem, trackingNumber: string): Promise<string> {
  const letter = await eventually(async () => {
    const [row] = await system.database.db
      .select()
      .from(simulatorOutbox)
      .where(eq(simulatorOutbox.subject, `Заказное письмо № ${trackingNumber}`));
    return row;
  });
  expect(letter.channel).toBe('post');
  const m = letter.body.match(/\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/);
  if (!m) throw new Error(`no code in the letter: ${letter.body}`);
  return m[1];
}

async function accountRow(system: TestSystem, id: string) {
  const [row] = await system.database.db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

function wrongCode(code: string): string {
  return code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
}

describe('identity confirmation by a code sent by letter (seed 000, section 1, step 3)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env });
  });
  afterAll(async () => sut?.stop());

  it('refuses a simplified account with account.level_too_low', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const state = await client.get('/api/me/confirmation');
    expect(state.body).toMatchObject({
      level: 'simplified',
      canConfirm: false,
      canOrderLetter: false,
      activeLetter: null,
    });
    const order = await client.post('/api/me/confirmation/post-letter', { address });
    expect(order.status).toBe(409);
    expect(order.body.error.code).toBe('account.level_too_low');
    const code = await client.post('/api/me/confirmation/post-letter/code', { code: 'ABCD-EFGH' });
    expect(code.body.error.code).toBe('account.level_too_low');
    expect(
      await sut.database.db.select().from(postLetters).where(eq(postLetters.accountId, citizen.id)),
    ).toHaveLength(0);
  });

  it('refuses a bad postal address field by field and writes nothing', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const res = await client.post('/api/me/confirmation/post-letter', {
      address: { ...address, postalCode: '16000', city: '', house: undefined },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'address.postalCode', code: 'address.postal_code_format' },
        { path: 'address.city', code: 'required' },
        { path: 'address.house', code: 'required' },
      ]),
    );
    expect(
      await sut.database.db.select().from(postLetters).where(eq(postLetters.accountId, citizen.id)),
    ).toHaveLength(0);
  });

  it('orders a letter, follows it to delivery, refuses a wrong code and confirms with the right one', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const ordered = await client.post('/api/me/confirmation/post-letter', { address });
    expect(ordered.status).toBe(200);
    expect(ordered.body.activeLetter).toMatchObject({ address: '160000, Вологда', attemptsLeft: 5 });
    expect(ordered.body.canOrderLetter).toBe(false);

    const letter = await deliveredLetter(sut, client);
    expect(letter.trackingNumber).toMatch(/^\d{14}$/);
    expect(letter.sentAt).not.toBeNull();
    expect(letter.deliveredAt).not.toBeNull();
    await waitForMessage(sut, citizen.phone!, new Date(0), /доставлено/);
    expect((await client.get('/api/me')).body.nextStep).toBe('enter_post_code');

    const code = await codeFromLetter(sut, letter.trackingNumber);
    const wrong = await client.post('/api/me/confirmation/post-letter/code', { code: wrongCode(code) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('code.invalid');
    expect((await client.get('/api/me/confirmation')).body.activeLetter.attemptsLeft).toBe(4);

    const right = await client.post('/api/me/confirmation/post-letter/code', { code: code.toLowerCase() });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({
      level: 'confirmed',
      confirmationMethod: 'post',
      activeLetter: null,
      canConfirm: false,
    });
    const row = await accountRow(sut, citizen.id);
    expect(row.level).toBe('confirmed');
    expect(row.confirmationMethod).toBe('post');
    expect(row.confirmedAt).not.toBeNull();
    const events = await sut.database.db.select().from(auditLog).where(eq(auditLog.subjectId, citizen.id));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining([
        'citizen.post_letter_ordered',
        'citizen.post_code_failed',
        'citizen.confirmed',
      ]),
    );
    await waitForMessage(sut, citizen.phone!, new Date(0), /учётная запись подтверждена/);
    const me = await client.get('/api/me');
    expect(me.body).toMatchObject({
      nextStep: 'none',
      account: { level: 'confirmed', confirmationMethod: 'post' },
    });

    // Single use: the code cannot confirm anything again.
    const again = await client.post('/api/me/confirmation/post-letter/code', { code });
    expect(again.body.error.code).toBe('account.already_confirmed');
    const order = await client.post('/api/me/confirmation/post-letter', { address });
    expect(order.body.error.code).toBe('account.already_confirmed');
  });

  it('does not confirm someone else’s data saved after the letter was ordered (identity switch)', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', { address });
    const letter = await deliveredLetter(sut, client);
    const code = await codeFromLetter(sut, letter.trackingNumber);

    // Another person's data: it passes the registries, so the account is standard again.
    const stranger = validPersonalData({ lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' });
    expect((await client.put('/api/me/personal-data', stranger)).status).toBe(200);
    await eventually(
      async () => (await client.get('/api/me/personal-data')).body.verification.state === 'passed',
    );
    expect((await accountRow(sut, citizen.id)).level).toBe('standard');

    const entered = await client.post('/api/me/confirmation/post-letter/code', { code });
    expect(entered.body.error.code).toBe('post_letter.not_found');
    expect((await accountRow(sut, citizen.id)).level).toBe('standard');
    const [row] = await sut.database.db
      .select()
      .from(postLetters)
      .where(eq(postLetters.accountId, citizen.id));
    expect(row.state).toBe('cancelled');
    const submitted = await sut.database.db
      .select()
      .from(auditLog)
      .where(
        sql`${auditLog.subjectId} = ${citizen.id} and ${auditLog.event} = 'citizen.personal_data_submitted'`,
      )
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(submitted[0].data).toMatchObject({ cancelledLetterId: row.id });
  });

  it('refuses a letter’s code when the personal data revision changed since it was ordered', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', { address });
    const letter = await deliveredLetter(sut, client);
    const code = await codeFromLetter(sut, letter.trackingNumber);
    const [ordered] = await sut.database.db
      .select()
      .from(postLetters)
      .where(eq(postLetters.accountId, citizen.id));
    expect(ordered.personalDataRevision).toBe(1);
    // A newer revision that left the letter active (any path that forgets to void it).
    await sut.database.db.execute(
      sql`update personal_data set revision = revision + 1 where account_id = ${citizen.id}`,
    );

    const entered = await client.post('/api/me/confirmation/post-letter/code', { code });
    expect(entered.status).toBe(409);
    expect(entered.body.error.code).toBe('post_letter.data_changed');
    expect((await accountRow(sut, citizen.id)).level).toBe('standard');
    const [row] = await sut.database.db.select().from(postLetters).where(eq(postLetters.id, ordered.id));
    expect(row.state).toBe('cancelled');
  });

  it('keeps one letter at a time with post_letter.active_exists', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    expect((await client.post('/api/me/confirmation/post-letter', { address })).status).toBe(200);
    const second = await client.post('/api/me/confirmation/post-letter', {
      address: { ...address, house: '1' },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('post_letter.active_exists');
    expect(
      await sut.database.db.select().from(postLetters).where(eq(postLetters.accountId, citizen.id)),
    ).toHaveLength(1);
  });

  it('voids the letter after five wrong codes and lets the person order a new one', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', { address });
    const letter = await deliveredLetter(sut, client);
    const code = await codeFromLetter(sut, letter.trackingNumber);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await client.post('/api/me/confirmation/post-letter/code', { code: wrongCode(code) })).body.error
          .code,
      );
    }
    expect(codes).toEqual([
      'code.invalid',
      'code.invalid',
      'code.invalid',
      'code.invalid',
      'code.attempts_exhausted',
    ]);
    const state = await client.get('/api/me/confirmation');
    expect(state.body).toMatchObject({
      activeLetter: null,
      canOrderLetter: true,
      lastEndedLetter: { state: 'cancelled', attemptsLeft: 0 },
    });
    const late = await client.post('/api/me/confirmation/post-letter/code', { code });
    expect(late.body.error.code).toBe('post_letter.not_found');
    expect((await accountRow(sut, citizen.id)).level).toBe('standard');
    expect((await client.post('/api/me/confirmation/post-letter', { address })).status).toBe(200);
  });

  it('refuses a code of the wrong shape with post_code.format', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    const res = await client.post('/api/me/confirmation/post-letter/code', { code: '12-34' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'code', code: 'post_code.format' }]);
  });

  it('keeps the postal address encrypted at rest', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', {
      address: { ...address, street: 'ул. Засекреченная' },
    });
    const raw = await sut.database.db.execute(
      sql`select * from post_letters where account_id = ${citizen.id}`,
    );
    expect(JSON.stringify((raw as any).rows[0])).not.toContain('Засекреченная');
  });

  it('sends changed passport data of a confirmed account through the checks and keeps it confirmed when they pass', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', { address });
    const letter = await deliveredLetter(sut, client);
    await client.post('/api/me/confirmation/post-letter/code', {
      code: await codeFromLetter(sut, letter.trackingNumber),
    });
    expect((await accountRow(sut, citizen.id)).level).toBe('confirmed');

    const locked = await client.put('/api/me/personal-data', {
      ...citizen.personalData,
      snils: uniqueSnils(),
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toMatchObject({
      code: 'personal_data.locked_confirmed',
      fields: [{ path: 'snils', code: 'personal_data.locked_confirmed' }],
    });

    const newPassport = {
      ...citizen.personalData.passport,
      series: '1920',
      number: uniquePassportNumber(),
      issueDate: '2024-05-01',
    };
    const saved = await client.put('/api/me/personal-data', {
      ...citizen.personalData,
      passport: newPassport,
    });
    expect(saved.status).toBe(200);
    await eventually(
      async () => (await client.get('/api/me/personal-data')).body.verification.state === 'passed',
    );
    const row = await accountRow(sut, citizen.id);
    expect(row).toMatchObject({ level: 'confirmed', confirmationMethod: 'post' });
  });
});

describe('letters over time (ManualClock)', () => {
  let sut: TestSystem;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    // A small delay factor: the post keeps the letter in transit for 40 s × 0.01 of clock time.
    sut = await startTestSystem({ clock, env: { ...env, SIMULATOR_DELAY_FACTOR: '0.01' } });
  });
  afterAll(async () => sut?.stop());

  it('keeps the letter sent until the post delivers it, then delivers it', async () => {
    const citizen = await createStandardCitizen(sut);
    const client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', { address });
    const sent = await eventually(async () => {
      const res = await client.get('/api/me/confirmation');
      return res.body.activeLetter?.state === 'sent' ? res.body.activeLetter : undefined;
    });
    expect(sent.trackingNumber).toMatch(/^\d{14}$/);
    // Tracking polls meanwhile; the clock has not moved, so the letter is still on its way.
    await eventually(async () => {
      const [row] = await sut.database.db
        .execute(
          sql`select count(*)::int as n from pgboss.job where name = 'post-letter.track' and data->>'letterId' = ${sent.id}`,
        )
        .then((r: any) => r.rows);
      return row.n >= 2;
    });
    expect((await client.get('/api/me/confirmation')).body.activeLetter.state).toBe('sent');
    clock.advance(60_000);
    const delivered = await deliveredLetter(sut, client);
    expect(delivered.deliveredAt).not.toBeNull();
  });

  it('refuses the code after the letter expired with code.expired and allows a new letter', async () => {
    const citizen = await createStandardCitizen(sut);
    let client = await signedInClient(sut, citizen);
    await client.post('/api/me/confirmation/post-letter', { address });
    await eventually(
      async () => (await client.get('/api/me/confirmation')).body.activeLetter?.state === 'sent',
    );
    clock.advance(60_000);
    const letter = await deliveredLetter(sut, client);
    const code = await codeFromLetter(sut, letter.trackingNumber);
    clock.advance(31 * 24 * 3600_000);
    client = await signedInClient(sut, citizen);
    const state = await client.get('/api/me/confirmation');
    expect(state.body).toMatchObject({
      activeLetter: null,
      canOrderLetter: true,
      lastEndedLetter: { state: 'expired' },
    });
    const res = await client.post('/api/me/confirmation/post-letter/code', { code });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('code.expired');
    const [row] = await sut.database.db.select().from(postLetters).where(eq(postLetters.id, letter.id));
    expect(row.state).toBe('expired');
    expect((await accountRow(sut, citizen.id)).level).toBe('standard');
    expect((await client.post('/api/me/confirmation/post-letter', { address })).status).toBe(200);
    const letters = await sut.database.db
      .select()
      .from(postLetters)
      .where(eq(postLetters.accountId, citizen.id))
      .orderBy(desc(postLetters.createdAt));
    expect(letters.map((l) => l.state)).toEqual([expect.stringMatching(/created|sent|delivered/), 'expired']);
  });
});

describe('a letter not yet handed to the post', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env: { ...env, JOBS_ENABLED: 'false' } });
  });
  afterAll(async () => sut?.stop());

  it('refuses a code with post_letter.not_delivered without spending an attempt', async () => {
    const citizen = await createSimplifiedCitizen(sut);
    // No workers here: make the account standard through the service and run its checks by hand.
    const { validPersonalData } = await import('../support/factories.js');
    const { personalDataInputSchema } = await import('@openesia/contracts');
    await sut.services.personalData.submit(
      systemActor('test'),
      citizen.id,
      personalDataInputSchema.parse(validPersonalData()),
    );
    await sut.services.personalData.runCheck(
      'snils',
      { accountId: citizen.id, revision: 1 },
      { attempt: 1, retryLimit: 1 },
    );
    await sut.services.personalData.runCheck(
      'passport',
      { accountId: citizen.id, revision: 1 },
      { attempt: 1, retryLimit: 1 },
    );
    expect((await accountRow(sut, citizen.id)).level).toBe('standard');
    const client = await signedInClient(sut, citizen);
    const ordered = await client.post('/api/me/confirmation/post-letter', { address });
    expect(ordered.body.activeLetter.state).toBe('created');
    const res = await client.post('/api/me/confirmation/post-letter/code', { code: 'ABCD-EFGH' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('post_letter.not_delivered');
    expect((await client.get('/api/me/confirmation')).body.activeLetter.attemptsLeft).toBe(5);
  });
});

describe('demo data', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env });
  });
  afterAll(async () => sut?.stop());

  it('seeds a standard and a confirmed demo citizen with verified, encrypted personal data, idempotently', async () => {
    const { seedDemoData, demoPeople } = await import('../../src/db/seed.js');
    await seedDemoData(sut);
    await seedDemoData(sut);
    for (const level of ['standard', 'confirmed'] as const) {
      const person = demoPeople.find((p) => p.level === level)!;
      const rows = await sut.database.db.execute(
        sql`select a.id, a.level, p.verification_state from accounts a join account_contacts c on c.account_id = a.id left join personal_data p on p.account_id = a.id where c.value = ${person.contact.value}`,
      );
      expect((rows as any).rows).toEqual([expect.objectContaining({ level, verification_state: 'passed' })]);
      const view = await sut.services.personalData.view(systemActor('test'), (rows as any).rows[0].id);
      expect(view.data?.lastName).toBe(person.lastName);
    }
  });
});
