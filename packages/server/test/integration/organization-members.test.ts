import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizationGroupMembers, organizationMembers } from '../../src/db/schema/index.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { actingForClient as actingFor } from '../support/acting-for.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Citizen = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const person = (c: Citizen) => ({ id: c.id, ...c.personalData });

/**
 * «Сотрудники» and «Администраторы» (seed 000, section 3): the list, removing an employee (never
 * the head, never the last administrator; the groups go at once and so does acting for the
 * organization), leaving, and the head making administrators.
 */
describe('organization members', () => {
  let sut: TestSystem;
  let head: Citizen;
  let admin: Citizen;
  let employee: Citizen;
  let org: { id: string };
  beforeAll(async () => {
    sut = await startTestSystem();
    head = await createConfirmedCitizen(sut, { lastName: 'Громова', firstName: 'Анна' });
    admin = await createConfirmedCitizen(sut, { lastName: 'Белов', firstName: 'Игорь' });
    employee = await createConfirmedCitizen(sut, { lastName: 'Ёлкина', firstName: 'Мария' });
    org = await insertTestOrganization(sut, person(head));
    await addTestMember(sut, org.id, person(admin), { administrator: true });
    await addTestMember(sut, org.id, person(employee), { groups: ['tech_portal'] });
  });
  afterAll(async () => sut?.stop());

  it('lists the employees by name with their roles and groups, a page at a time, filtered by part of the name', async () => {
    const client = await actingFor(sut, employee, org.id);
    const all = await client.get('/api/organization/members');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.members.map((m: { lastName: string }) => m.lastName)).toEqual([
      'Белов',
      'Громова',
      'Ёлкина',
    ]);
    expect(all.body.members[1]).toMatchObject({ roles: ['head', 'administrator', 'employee'], groups: [] });
    expect(all.body.members[2]).toMatchObject({ roles: ['employee'], groups: ['tech_portal'] });

    const first = await client.get('/api/organization/members?limit=2');
    expect(first.body.members).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await client.get(`/api/organization/members?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.members.map((m: { lastName: string }) => m.lastName)).toEqual(['Ёлкина']);
    expect(second.body.nextCursor).toBeNull();

    const filtered = await client.get(`/api/organization/members?q=${encodeURIComponent('елки')}`);
    expect(filtered.body).toMatchObject({ total: 1, members: [{ accountId: employee.id }] });

    const bad = await client.get('/api/organization/members?cursor=garbage');
    expect(bad.status).toBe(400);
    // well-formed cursors that carry what the database cannot take: refused, never a 500
    for (const forged of [
      ['а', 'not-a-uuid'],
      ['а\u0000', employee.id],
      ['x'.repeat(500), employee.id],
    ]) {
      const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
      const res = await client.get(`/api/organization/members?cursor=${cursor}`);
      expect(res.status, JSON.stringify(forged)).toBe(400);
    }
  });

  it('lets the head make an employee an administrator and take it back, and no one else', async () => {
    const someone = await createConfirmedCitizen(sut);
    await addTestMember(sut, org.id, person(someone));
    const byAdmin = await actingFor(sut, admin, org.id);
    const refused = await byAdmin.put(`/api/organization/members/${someone.id}/administrator`, {
      administrator: true,
    });
    expect(refused.status).toBe(403);

    const byHead = await actingFor(sut, head, org.id);
    const made = await byHead.put(`/api/organization/members/${someone.id}/administrator`, {
      administrator: true,
    });
    expect(made.status).toBe(200);
    expect(made.body.roles).toEqual(['administrator', 'employee']);
    const taken = await byHead.put(`/api/organization/members/${someone.id}/administrator`, {
      administrator: false,
    });
    expect(taken.body.roles).toEqual(['employee']);
    const headItself = await byHead.put(`/api/organization/members/${head.id}/administrator`, {
      administrator: false,
    });
    expect(headItself.status).toBe(409);
    expect(headItself.body.error.code).toBe('organization.cannot_remove_head');

    const entries = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'organization.administrator_set'), eq(auditLog.subjectId, someone.id)));
    expect(entries.map((e) => e.data)).toEqual([
      { administrator: true, actingFor: { organizationId: org.id } },
      { administrator: false, actingFor: { organizationId: org.id } },
    ]);
    expect(entries[0].actorId).toBe(head.id);
  });

  it('removes an employee with their groups; the next request of the removed person is refused', async () => {
    const leaving = await createConfirmedCitizen(sut);
    await addTestMember(sut, org.id, person(leaving), { groups: ['tech_portal'] });
    const theirs = await actingFor(sut, leaving, org.id);
    expect((await theirs.get('/api/organization/members')).status).toBe(200);

    const byAdmin = await actingFor(sut, admin, org.id);
    const removed = await byAdmin.request('DELETE', `/api/organization/members/${leaving.id}`);
    expect(removed.status).toBe(204);
    const groups = await sut.database.db
      .select()
      .from(organizationGroupMembers)
      .where(eq(organizationGroupMembers.accountId, leaving.id));
    expect(groups).toEqual([]);
    const after = await theirs.get('/api/organization/members');
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe('auth.forbidden');

    const again = await byAdmin.request('DELETE', `/api/organization/members/${leaving.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('organization.not_member');
    const [entry] = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'organization.member_removed'), eq(auditLog.subjectId, leaving.id)));
    expect(entry).toMatchObject({ actorId: admin.id, data: { actingFor: { organizationId: org.id } } });
  });

  it('refuses to remove the head, and an employee removing anyone', async () => {
    const byAdmin = await actingFor(sut, admin, org.id);
    const theHead = await byAdmin.request('DELETE', `/api/organization/members/${head.id}`);
    expect(theHead.status).toBe(409);
    expect(theHead.body.error.code).toBe('organization.cannot_remove_head');

    const byEmployee = await actingFor(sut, employee, org.id);
    const refused = await byEmployee.request('DELETE', `/api/organization/members/${admin.id}`);
    expect(refused.status).toBe(403);
  });

  it('lets an employee leave, and refuses the last administrator leaving', async () => {
    const boss = await createConfirmedCitizen(sut);
    const onlyAdmin = await createConfirmedCitizen(sut);
    const worker = await createConfirmedCitizen(sut);
    const small = await insertTestOrganization(sut, person(boss));
    await addTestMember(sut, small.id, person(onlyAdmin), { administrator: true });
    await addTestMember(sut, small.id, person(worker), { groups: ['tech_portal'] });

    const byWorker = await actingFor(sut, worker, small.id);
    expect((await byWorker.request('DELETE', '/api/organization/membership')).status).toBe(204);
    expect((await byWorker.get('/api/organization/members')).status).toBe(403);
    // The page then acts as «Частное лицо» again: the session still naming the organization must not stop that.
    const back = await byWorker.request('PUT', '/api/session/acting-for', { organizationId: null });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.actingFor).toBeNull();
    expect((await byWorker.get('/api/session')).body.actingFor).toBeNull();

    // The head is an administrator too: the other administrator is not the last, and may leave.
    const byAdmin = await actingFor(sut, onlyAdmin, small.id);
    expect((await byAdmin.request('DELETE', '/api/organization/membership')).status).toBe(204);

    const byBoss = await actingFor(sut, boss, small.id);
    const headLeaving = await byBoss.request('DELETE', '/api/organization/membership');
    expect(headLeaving.status).toBe(409);
    expect(headLeaving.body.error.code).toBe('organization.cannot_remove_head');
  });

  it('refuses the last administrator removing themselves when the head is no administrator', async () => {
    const boss = await createConfirmedCitizen(sut);
    const onlyAdmin = await createConfirmedCitizen(sut);
    const other = await insertTestOrganization(sut, person(boss));
    await addTestMember(sut, other.id, person(onlyAdmin), { administrator: true });
    // The head's administrator role taken back by hand: the domain keeps one administrator.
    await sut.database.db
      .update(organizationMembers)
      .set({ isAdministrator: false })
      .where(
        and(eq(organizationMembers.organizationId, other.id), eq(organizationMembers.accountId, boss.id)),
      );

    const byAdmin = await actingFor(sut, onlyAdmin, other.id);
    const leaving = await byAdmin.request('DELETE', '/api/organization/membership');
    expect(leaving.status).toBe(409);
    expect(leaving.body.error.code).toBe('organization.last_administrator');
    const removingSelf = await byAdmin.request('DELETE', `/api/organization/members/${onlyAdmin.id}`);
    expect(removingSelf.body.error.code).toBe('organization.last_administrator');
    expect((await byAdmin.get('/api/organization/members')).status).toBe(200);
  });
  it('keeps an administrator when two administrators remove each other at the same time', async () => {
    const boss = await createConfirmedCitizen(sut);
    const first = await createConfirmedCitizen(sut);
    const second = await createConfirmedCitizen(sut);
    const org2 = await insertTestOrganization(sut, person(boss));
    await addTestMember(sut, org2.id, person(first), { administrator: true });
    await addTestMember(sut, org2.id, person(second), { administrator: true });
    // Only the two of them administer: the head's role taken back by hand.
    await sut.database.db
      .update(organizationMembers)
      .set({ isAdministrator: false })
      .where(
        and(eq(organizationMembers.organizationId, org2.id), eq(organizationMembers.accountId, boss.id)),
      );
    const [byFirst, bySecond] = await Promise.all([
      actingFor(sut, first, org2.id),
      actingFor(sut, second, org2.id),
    ]);
    const results = await Promise.all([
      byFirst.request('DELETE', `/api/organization/members/${second.id}`),
      bySecond.request('DELETE', `/api/organization/members/${first.id}`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    const administrators = await sut.database.db
      .select()
      .from(organizationMembers)
      .where(
        and(eq(organizationMembers.organizationId, org2.id), eq(organizationMembers.isAdministrator, true)),
      );
    expect(administrators).toHaveLength(1);
  });
});
