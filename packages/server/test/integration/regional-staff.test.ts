import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, regionalOperatorStaff } from '../../src/db/schema/index.js';
import { demoAccounts, demoPeople, seedDemoData } from '../../src/db/seed.js';
import { systemActor } from '../../src/domain/policy/actor.js';
import { findAccountByVerifiedContact } from '../../src/repositories/citizen/accounts.js';
import {
  createFederalOperator,
  createSimplifiedCitizen,
  createStandardCitizen,
  signedInClient,
  uniqueEmail,
  uniquePhone,
} from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * «Региональные операторы» (issue 10, item 1): the federal operator makes a confirmed person a
 * region's operator and takes the role back, on the registry's page or from the console; the person
 * then acts as that region's operator without choosing an organization, until the next request
 * after the revocation.
 */

let sut: TestSystem;
beforeAll(async () => {
  sut = await startTestSystem();
});
afterAll(async () => sut?.stop());

type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const named = (p: Person) => ({ id: p.id, ...p.personalData });
/** A confirmed person who signs in by phone or e-mail, either a login the federal operator may type. */
const confirmedPerson = () => createConfirmedCitizen(sut, { email: uniqueEmail(), phone: uniquePhone() });

let federal: TestClient;
let federalPerson: Awaited<ReturnType<typeof createFederalOperator>>;
beforeAll(async () => {
  federalPerson = await createFederalOperator(sut);
  federal = await signedInClient(sut, federalPerson);
});

const roleEntries = (accountId: string) => roleEntriesIn(sut, accountId);
const roleEntriesIn = (system: TestSystem, accountId: string) =>
  system.database.db
    .select()
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.event, ['account.role_granted', 'account.role_revoked']),
        eq(auditLog.subjectId, accountId),
      ),
    )
    .orderBy(auditLog.seq);

const grantsOf = (accountId: string) =>
  sut.database.db.select().from(regionalOperatorStaff).where(eq(regionalOperatorStaff.accountId, accountId));

/** Organizations of two regions waiting for their regional operator. */
async function awaitingIn(regionCode: string) {
  const head = await confirmedPerson();
  return insertTestOrganization(sut, named(head), { status: 'awaiting_regional_operator', regionCode });
}

const queueIds = async (client: TestClient) => {
  const res = await client.get('/api/regional-operator/organizations?limit=100');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.organizations.map((o: { id: string }) => o.id) as string[];
};

describe('the federal operator granting «Региональный оператор»', () => {
  it('makes a confirmed person the operator of one region, listed by region and audited', async () => {
    const person = await confirmedPerson();
    const vologda = await awaitingIn('35');
    const kamchatka = await awaitingIn('41');
    const client = await signedInClient(sut, person);
    // Before the grant the person is a citizen, whom the regional operator's audience refuses.
    expect((await client.get('/api/regional-operator/organizations')).status).toBe(403);

    const granted = await federal.post('/api/registry/regional-operators', {
      login: person.email!.toUpperCase(),
      regionCode: '35',
    });

    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body).toMatchObject({
      accountId: person.id,
      lastName: person.personalData.lastName,
      firstName: person.personalData.firstName,
      contact: person.email,
      regionCode: '35',
      grantedVia: 'registry',
      grantedBy: { lastName: federalPerson.personalData.lastName },
    });
    const listed = await federal.get('/api/registry/regional-operators?regionCode=35');
    expect(listed.body.staff.map((s: { id: string }) => s.id)).toContain(granted.body.id);
    const other = await federal.get('/api/registry/regional-operators?regionCode=41');
    expect(other.body.staff.map((s: { id: string }) => s.id)).not.toContain(granted.body.id);
    const all = await federal.get('/api/registry/regional-operators');
    const regions = all.body.staff.map((s: { regionCode: string }) => s.regionCode);
    expect(regions).toEqual([...regions].sort());

    // The same session, no organization chosen: its region's queue, and no other region's.
    const ids = await queueIds(client);
    expect(ids).toContain(vologda.id);
    expect(ids).not.toContain(kamchatka.id);
    const foreign = await client.post(`/api/regional-operator/organizations/${kamchatka.id}/decision`, {
      decision: 'confirm',
    });
    expect(foreign.body.error.code).toBe('organization.not_found');
    const session = await client.get('/api/session');
    expect(session.body.staff).toEqual({ federalOperator: false, regionalOperatorOf: '35' });
    expect((await federal.get('/api/session')).body.staff).toEqual({
      federalOperator: true,
      regionalOperatorOf: null,
    });

    const entries = await roleEntries(person.id);
    expect(entries.map((e) => [e.event, e.actorType, e.actorId, e.data])).toEqual([
      [
        'account.role_granted',
        'operator',
        federalPerson.id,
        { role: 'regional_operator', via: 'registry', regionCode: '35', grantId: granted.body.id },
      ],
    ]);
  });

  it('refuses an unknown login, a СНИЛС, an account not confirmed and an unknown region, changing nothing', async () => {
    const standard = await createStandardCitizen(sut, { email: uniqueEmail() });
    const simplified = await createSimplifiedCitizen(sut);
    const confirmed = await confirmedPerson();

    const cases = [
      [{ login: uniqueEmail(), regionCode: '35' }, 404, 'staff.account_not_found'],
      [{ login: standard.email!, regionCode: '35' }, 409, 'staff.account_not_confirmed'],
      [{ login: simplified.phone!, regionCode: '35' }, 409, 'staff.account_not_confirmed'],
      [{ login: confirmed.email!, regionCode: '99' }, 400, 'validation.failed'],
      [{ login: '112-233-445 95', regionCode: '35' }, 400, 'validation.failed'],
      [{ login: '', regionCode: '35' }, 400, 'validation.failed'],
    ] as const;
    for (const [body, status, code] of cases) {
      const res = await federal.post('/api/registry/regional-operators', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const unknownRegion = await federal.post('/api/registry/regional-operators', {
      login: confirmed.email!,
      regionCode: '99',
    });
    expect(unknownRegion.body.error.fields).toEqual([{ path: 'regionCode', code: 'region.unknown' }]);
    const snils = await federal.post('/api/registry/regional-operators', {
      login: '112-233-445 95',
      regionCode: '35',
    });
    expect(snils.body.error.fields).toEqual([{ path: 'login', code: 'login.not_contact' }]);
    for (const p of [standard, simplified, confirmed]) {
      expect(await grantsOf(p.id)).toEqual([]);
      expect(await roleEntries(p.id)).toEqual([]);
    }
  });

  it('refuses a second grant of the same region and a grant of another region: one region at a time', async () => {
    const person = await confirmedPerson();
    expect(
      (await federal.post('/api/registry/regional-operators', { login: person.email!, regionCode: '41' }))
        .status,
    ).toBe(200);

    const again = await federal.post('/api/registry/regional-operators', {
      login: person.phone!,
      regionCode: '41',
    });
    const other = await federal.post('/api/registry/regional-operators', {
      login: person.email!,
      regionCode: '35',
    });

    expect([again.status, again.body.error.code]).toEqual([409, 'staff.already_granted']);
    expect([other.status, other.body.error.code]).toEqual([409, 'staff.other_region']);
    expect((await grantsOf(person.id)).map((g) => g.regionCode)).toEqual(['41']);
    expect(await roleEntries(person.id)).toHaveLength(1);
  });

  it('lets one of two simultaneous grants of a person win', async () => {
    const person = await confirmedPerson();
    const answers = await Promise.all(
      ['35', '41'].map((regionCode) =>
        sut.services.regionalStaff
          .grant(
            { kind: 'federal_operator', accountId: federalPerson.id },
            {
              login: person.email!,
              regionCode,
            },
          )
          .then(
            () => 'granted',
            (err: { code: string }) => err.code,
          ),
      ),
    );
    expect(answers.sort()).toEqual(['granted', 'staff.other_region']);
    expect(await grantsOf(person.id)).toHaveLength(1);
  });
});

describe('revoking «Региональный оператор»', () => {
  it('ends the role at the person’s next request, audited, and refuses to revoke it twice', async () => {
    const person = await confirmedPerson();
    const granted = await federal.post('/api/registry/regional-operators', {
      login: person.email!,
      regionCode: '35',
    });
    const client = await signedInClient(sut, person);
    expect((await client.get('/api/regional-operator/organizations')).status).toBe(200);

    const revoked = await federal.request('DELETE', `/api/registry/regional-operators/${granted.body.id}`);

    expect(revoked.status).toBe(204);
    const refused = await client.get('/api/regional-operator/organizations');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'auth.forbidden']);
    expect((await client.get('/api/session')).body.staff.regionalOperatorOf).toBeNull();
    const listed = await federal.get('/api/registry/regional-operators?regionCode=35');
    expect(listed.body.staff.map((s: { id: string }) => s.id)).not.toContain(granted.body.id);
    const [row] = await grantsOf(person.id);
    expect(row).toMatchObject({ revokedBy: federalPerson.id, revokedVia: 'registry' });
    expect(row!.revokedAt).toBeInstanceOf(Date);

    const twice = await federal.request('DELETE', `/api/registry/regional-operators/${granted.body.id}`);
    const unknown = await federal.request(
      'DELETE',
      '/api/registry/regional-operators/00000000-0000-4000-8000-000000000000',
    );
    for (const res of [twice, unknown])
      expect([res.status, res.body.error.code]).toEqual([404, 'staff.not_granted']);
    expect((await roleEntries(person.id)).map((e) => [e.event, e.actorId, e.data])).toEqual([
      ['account.role_granted', federalPerson.id, expect.objectContaining({ regionCode: '35' })],
      [
        'account.role_revoked',
        federalPerson.id,
        { role: 'regional_operator', via: 'registry', regionCode: '35', grantId: granted.body.id },
      ],
    ]);

    // Revoked, the person may be given another region.
    const moved = await federal.post('/api/registry/regional-operators', {
      login: person.email!,
      regionCode: '41',
    });
    expect(moved.status).toBe(200);
    expect((await client.get('/api/session')).body.staff.regionalOperatorOf).toBe('41');
  });
});

describe('who reaches «Региональные операторы»', () => {
  it('refuses anyone but the federal operator, before doing anything', async () => {
    const person = await confirmedPerson();
    const target = await confirmedPerson();
    await sut.services.regionalStaff.grant(systemActor('cli'), { login: person.email!, regionCode: '35' });
    const regional = await signedInClient(sut, person);
    const citizen = await signedInClient(sut, target);
    const anonymous = new TestClient(sut.app);

    for (const [client, status, code] of [
      [regional, 403, 'auth.forbidden'],
      [citizen, 403, 'auth.forbidden'],
      [anonymous, 401, 'auth.required'],
    ] as const) {
      const list = await client.get('/api/registry/regional-operators');
      const grant = await client.post('/api/registry/regional-operators', {
        login: target.email!,
        regionCode: '35',
      });
      const revoke = await client.request(
        'DELETE',
        `/api/registry/regional-operators/${(await grantsOf(person.id))[0]!.id}`,
      );
      for (const res of [list, grant, revoke])
        expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    expect(await grantsOf(target.id)).toEqual([]);
    expect((await grantsOf(person.id))[0]!.revokedAt).toBeNull();
  });
});

describe('the regional operator actor', () => {
  it('is the granted region whatever organization the session acts for', async () => {
    const person = await confirmedPerson();
    const vologda = await awaitingIn('35');
    // The person also works for an ordinary organization of region 77 and acts for it.
    const head = await confirmedPerson();
    const org = await insertTestOrganization(sut, named(head));
    await addTestMember(sut, org.id, named(person));
    await sut.services.regionalStaff.grant(systemActor('cli'), { login: person.email!, regionCode: '35' });
    const client = await signedInClient(sut, person);
    expect((await client.put('/api/session/acting-for', { organizationId: org.id })).status).toBe(200);

    expect(await queueIds(client)).toContain(vologda.id);
    expect((await client.get('/api/organization')).status).toBe(200);
  });

  it('stays the organization’s way for the employees of a region’s operator organization', async () => {
    const person = await confirmedPerson();
    const kamchatka = await awaitingIn('41');
    const operatorOrg = await insertTestOrganization(sut, named(person), {
      operatorOfRegion: '41',
      regionCode: '41',
    });
    const client = await signedInClient(sut, person);
    expect((await client.get('/api/session')).body.staff.regionalOperatorOf).toBeNull();

    await client.put('/api/session/acting-for', { organizationId: operatorOrg.id });

    expect(await queueIds(client)).toContain(kamchatka.id);
    expect((await client.get('/api/session')).body.staff.regionalOperatorOf).toBe('41');
  });
});

describe('the console (cli.ts grant-role / revoke-role) through the service', () => {
  it('grants and revokes as the administrator, audited with via cli', async () => {
    const person = await confirmedPerson();
    const cli = systemActor('cli');

    const granted = await sut.services.regionalStaff.grant(cli, { login: person.phone!, regionCode: '41' });
    const revoked = await sut.services.regionalStaff.revokeByLogin(cli, person.email!);

    expect(granted).toMatchObject({
      accountId: person.id,
      regionCode: '41',
      grantedVia: 'cli',
      grantedBy: null,
    });
    expect(revoked).toEqual({ accountId: person.id, regionCode: '41' });
    await expect(sut.services.regionalStaff.revokeByLogin(cli, person.email!)).rejects.toMatchObject({
      code: 'staff.not_granted',
    });
    expect((await roleEntries(person.id)).map((e) => [e.event, e.actorType, e.actorId, e.data])).toEqual([
      [
        'account.role_granted',
        'administrator',
        null,
        { role: 'regional_operator', via: 'cli', regionCode: '41', grantId: granted.id },
      ],
      [
        'account.role_revoked',
        'administrator',
        null,
        { role: 'regional_operator', via: 'cli', regionCode: '41', grantId: granted.id },
      ],
    ]);
  });

  it('refuses a citizen or a regional operator calling the service', async () => {
    const person = await confirmedPerson();
    for (const actor of [
      { kind: 'citizen', accountId: person.id, level: 'confirmed' },
      { kind: 'regional_operator', accountId: person.id, regionCode: '35' },
    ] as const) {
      await expect(
        sut.services.regionalStaff.grant(actor, { login: person.email!, regionCode: '35' }),
      ).rejects.toMatchObject({ code: 'auth.forbidden' });
    }
    expect(await grantsOf(person.id)).toEqual([]);
  });
});

describe('the demo regional operators', () => {
  // A system of its own: the tests above made other organizations the operators of 35 and 41.
  let demo: TestSystem;
  beforeAll(async () => {
    demo = await startTestSystem();
  });
  afterAll(async () => demo?.stop());

  it('are confirmed people of regions 35 and 41, granted once by the seed, each reaching its own region', async () => {
    await seedDemoData(demo);
    await seedDemoData(demo);
    const head = await createConfirmedCitizen(demo, { email: uniqueEmail() });
    const vologda = await insertTestOrganization(demo, named(head), {
      status: 'awaiting_regional_operator',
      regionCode: '35',
    });
    const people = demoPeople.filter((p) => p.regionalOperatorOf);
    expect(people.map((p) => p.regionalOperatorOf)).toEqual(['35', '41']);

    for (const person of people) {
      const account = (await findAccountByVerifiedContact(demo.database.db, 'email', person.contact.value))!;
      expect(account.level).toBe('confirmed');
      expect((await roleEntriesIn(demo, account.id)).map((e) => [e.actorType, e.data])).toEqual([
        ['system', expect.objectContaining({ via: 'seed', regionCode: person.regionalOperatorOf })],
      ]);
      const listed = demoAccounts.find((a) => a.login === person.contact.value)!;
      const client = new TestClient(demo.app, `10.8.0.${demoAccounts.indexOf(listed) + 1}`);
      expect(
        (await client.post('/api/login', { login: listed.login, password: listed.password })).status,
      ).toBe(200);
      expect((await client.get('/api/session')).body.staff.regionalOperatorOf).toBe(
        person.regionalOperatorOf,
      );
      const ids = await queueIds(client);
      expect(ids.includes(vologda.id)).toBe(person.regionalOperatorOf === '35');
    }

    // Listed on the home page with their region, just after the federal operator.
    const titles = demoAccounts.map((a) => a.title);
    const federalAt = titles.indexOf('Оператор ЕСИА (федеральный оператор)');
    expect(titles.slice(federalAt + 1, federalAt + 3)).toEqual([
      'Региональный оператор — Вологодская область',
      'Региональный оператор — Камчатский край',
    ]);
  });
});
