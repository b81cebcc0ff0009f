import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { removeMember } from '../../src/repositories/organization/members.js';
import { findActiveMember } from '../../src/repositories/organization/members.js';
import { signedInClient } from '../support/factories.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * «Войти как сотрудник организации» (seed 000, section 3): the choice is the session's, it reaches
 * every audit entry, and a person removed from the organization acts for it no more from the next
 * request.
 */
describe('acting for an organization', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  const person = (c: Awaited<ReturnType<typeof createConfirmedCitizen>>) => ({ id: c.id, ...c.personalData });

  it('lists the organizations, switches to one and back, and audits each choice', async () => {
    const head = await createConfirmedCitizen(sut, { lastName: 'Громова', firstName: 'Анна' });
    const org = await insertTestOrganization(sut, person(head), { shortName: 'ГУ «Первый»' });
    const client = await signedInClient(sut, head);

    const mine = await client.get('/api/me/organizations');
    expect(mine.status).toBe(200);
    expect(mine.body.organizations).toEqual([
      expect.objectContaining({
        id: org.id,
        shortName: 'ГУ «Первый»',
        roles: ['head', 'administrator', 'employee'],
      }),
    ]);
    expect((await client.get('/api/session')).body.actingFor).toBeNull();

    const chosen = await client.put('/api/session/acting-for', { organizationId: org.id });
    expect(chosen.status).toBe(200);
    expect(chosen.body.actingFor).toMatchObject({ organizationId: org.id, shortName: 'ГУ «Первый»' });
    expect((await client.get('/api/session')).body.actingFor).toMatchObject({ organizationId: org.id });

    const back = await client.put('/api/session/acting-for', { organizationId: null });
    expect(back.body.actingFor).toBeNull();
    expect((await client.get('/api/session')).body.actingFor).toBeNull();

    const entries = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'session.acting_for_chosen'), eq(auditLog.actorId, head.id)));
    expect(entries.map((e) => (e.data as { organizationId: string | null }).organizationId)).toEqual([
      org.id,
      null,
    ]);
    expect(entries[0].data).toMatchObject({ actingFor: { organizationId: org.id } });
  });

  it("refuses another organization's id, an unknown id and a malformed one alike", async () => {
    const stranger = await createConfirmedCitizen(sut);
    const owner = await createConfirmedCitizen(sut);
    const org = await insertTestOrganization(sut, person(owner));
    const client = await signedInClient(sut, stranger);
    const foreign = await client.put('/api/session/acting-for', { organizationId: org.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('organization.not_member');
    const unknown = await client.put('/api/session/acting-for', {
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.body.error.code).toBe('organization.not_member');
    const malformed = await client.put('/api/session/acting-for', { organizationId: 'x\u0000' });
    expect(malformed.status).toBe(400);
    expect((await client.get('/api/session')).body.actingFor).toBeNull();
  });

  it('resolves the actor from the membership as it is now: a removed employee acts for nobody', async () => {
    const head = await createConfirmedCitizen(sut);
    const employee = await createConfirmedCitizen(sut);
    const org = await insertTestOrganization(sut, person(head));
    await addTestMember(sut, org.id, person(employee), { groups: ['tech_portal'] });
    const client = await signedInClient(sut, employee);
    await client.put('/api/session/acting-for', { organizationId: org.id });
    const auth = await sut.services.sessions.resolve(client.cookie('oesia_session'));
    const citizen = { kind: 'citizen' as const, accountId: employee.id, level: 'confirmed' as const };
    expect(await sut.services.roles.resolveActor('organization', citizen, auth)).toEqual({
      kind: 'organization_member',
      personId: employee.id,
      organizationId: org.id,
      roles: ['employee'],
      groups: ['tech_portal'],
    });
    // An organization that is no region's operator gives no regional operator.
    expect(await sut.services.roles.resolveActor('regional_operator', citizen, auth)).toEqual(citizen);

    const member = await findActiveMember(sut.database.db, org.id, employee.id);
    await removeMember(sut.database.db, member!, head.id, sut.clock.now());
    expect(await sut.services.roles.resolveActor('organization', citizen, auth)).toEqual(citizen);
    expect((await client.get('/api/session')).body.actingFor).toBeNull();
  });

  it("makes the employees of a region's operator that region's operator", async () => {
    const operator = await createConfirmedCitizen(sut);
    const org = await insertTestOrganization(sut, person(operator), {
      regionCode: '35',
      operatorOfRegion: '35',
      shortName: 'АУ ВО «Электронный регион»',
    });
    const client = await signedInClient(sut, operator);
    await client.put('/api/session/acting-for', { organizationId: org.id });
    const auth = await sut.services.sessions.resolve(client.cookie('oesia_session'));
    const citizen = { kind: 'citizen' as const, accountId: operator.id, level: 'confirmed' as const };
    expect(await sut.services.roles.resolveActor('regional_operator', citizen, auth)).toEqual({
      kind: 'regional_operator',
      accountId: operator.id,
      regionCode: '35',
    });
  });
});
