import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizationApprovalsTable } from '../../src/db/schema/index.js';
import type { TestClient } from '../support/http.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { actingForClient as actingFor } from '../support/acting-for.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Citizen = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const person = (c: Citizen) => ({ id: c.id, ...c.personalData });

/**
 * «Доступ к системам» (seed 000, section 5): groups with their availability and «Участники (N)»,
 * adding an employee picked from the suggestions, removing; the АРМ groups locked until the
 * approval that opens them.
 */
describe('organization access to systems', () => {
  let sut: TestSystem;
  let head: Citizen;
  let sidorov: Citizen;
  let sidorova: Citizen;
  let org: { id: string };
  let byHead: TestClient;
  beforeAll(async () => {
    sut = await startTestSystem();
    head = await createConfirmedCitizen(sut, { lastName: 'Громова', firstName: 'Анна' });
    sidorov = await createConfirmedCitizen(sut, { lastName: 'Сидоров', firstName: 'Семён' });
    sidorova = await createConfirmedCitizen(sut, { lastName: 'Сидорова', firstName: 'Светлана' });
    org = await insertTestOrganization(sut, person(head));
    await addTestMember(sut, org.id, person(sidorov));
    await addTestMember(sut, org.id, person(sidorova), { groups: ['tech_portal'] });
    byHead = await actingFor(sut, head, org.id);
  });
  afterAll(async () => sut?.stop());

  it('shows each group with its availability and member count', async () => {
    const res = await byHead.get('/api/organization/groups');
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual([
      {
        group: 'tech_portal',
        system: 'esia',
        open: true,
        lockedReason: null,
        approval: null,
        memberCount: 1,
      },
      {
        group: 'identity_specialists',
        system: 'arm_service_center',
        open: false,
        lockedReason: 'approval_missing',
        approval: 'form_z',
        memberCount: 0,
      },
      {
        group: 'registration_specialists',
        system: 'arm_service_center',
        open: false,
        lockedReason: 'approval_missing',
        approval: 'form_i',
        memberCount: 0,
      },
    ]);
  });

  it('shows every group locked while the organization is not registered', async () => {
    const boss = await createConfirmedCitizen(sut);
    const pending = await insertTestOrganization(sut, person(boss), { status: 'checking' });
    const client = await actingFor(sut, boss, pending.id);
    const res = await client.get('/api/organization/groups');
    expect(res.body.groups.map((g: { lockedReason: string }) => g.lockedReason)).toEqual([
      'organization_not_registered',
      'organization_not_registered',
      'organization_not_registered',
    ]);
    const add = await client.post('/api/organization/groups/tech_portal/members', { accountId: boss.id });
    expect(add.body.error.code).toBe('group.locked');
  });

  it('suggests employees by part of the name, leaving out those in the group, and adds one', async () => {
    const suggestions = await byHead.get(
      `/api/organization/members/suggestions?q=${encodeURIComponent('сидор')}&group=tech_portal`,
    );
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.suggestions).toEqual([
      { accountId: sidorov.id, lastName: 'Сидоров', firstName: 'Семён', middleName: 'Иванович' },
    ]);
    const all = await byHead.get(`/api/organization/members/suggestions?q=${encodeURIComponent('Сидор')}`);
    expect(all.body.suggestions).toHaveLength(2);

    const added = await byHead.post('/api/organization/groups/tech_portal/members', {
      accountId: sidorov.id,
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ accountId: sidorov.id, lastName: 'Сидоров' });
    const members = await byHead.get('/api/organization/groups/tech_portal/members');
    expect(members.body.total).toBe(2);
    expect(members.body.members.map((m: { lastName: string }) => m.lastName)).toEqual([
      'Сидоров',
      'Сидорова',
    ]);
    const [entry] = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'organization.group_member_added'), eq(auditLog.subjectId, sidorov.id)));
    expect(entry).toMatchObject({
      actorId: head.id,
      data: { group: 'tech_portal', actingFor: { organizationId: org.id } },
    });
  });

  it('refuses a locked group until the approval that opens it is held', async () => {
    const locked = await byHead.post('/api/organization/groups/identity_specialists/members', {
      accountId: sidorov.id,
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('group.locked');
    await sut.database.db
      .insert(organizationApprovalsTable)
      .values({ organizationId: org.id, approval: 'form_z', grantedAt: sut.clock.now() });
    const opened = await byHead.post('/api/organization/groups/identity_specialists/members', {
      accountId: sidorov.id,
    });
    expect(opened.status).toBe(200);
    const still = await byHead.post('/api/organization/groups/registration_specialists/members', {
      accountId: sidorov.id,
    });
    expect(still.body.error.code).toBe('group.locked');
  });

  it('refuses someone who is not an employee of this organization, and a former employee', async () => {
    const outsider = await createConfirmedCitizen(sut);
    const otherOrg = await insertTestOrganization(sut, person(outsider));
    expect(otherOrg.id).not.toBe(org.id);
    const foreign = await byHead.post('/api/organization/groups/tech_portal/members', {
      accountId: outsider.id,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('organization.not_member');

    const former = await createConfirmedCitizen(sut);
    await addTestMember(sut, org.id, person(former));
    expect((await byHead.request('DELETE', `/api/organization/members/${former.id}`)).status).toBe(204);
    const removed = await byHead.post('/api/organization/groups/tech_portal/members', {
      accountId: former.id,
    });
    expect(removed.body.error.code).toBe('organization.not_member');
  });

  it('removes a member from a group', async () => {
    const removed = await byHead.request(
      'DELETE',
      `/api/organization/groups/tech_portal/members/${sidorova.id}`,
    );
    expect(removed.status).toBe(204);
    const again = await byHead.request(
      'DELETE',
      `/api/organization/groups/tech_portal/members/${sidorova.id}`,
    );
    expect(again.status).toBe(404);
    const members = await byHead.get('/api/organization/groups/tech_portal/members');
    expect(members.body.members.map((m: { accountId: string }) => m.accountId)).not.toContain(sidorova.id);
  });

  it('lets every employee read and only the head and administrators change', async () => {
    const byEmployee = await actingFor(sut, sidorova, org.id);
    expect((await byEmployee.get('/api/organization/groups')).status).toBe(200);
    expect((await byEmployee.get('/api/organization/groups/tech_portal/members')).status).toBe(200);
    const add = await byEmployee.post('/api/organization/groups/tech_portal/members', {
      accountId: sidorova.id,
    });
    expect(add.status).toBe(403);
    const suggest = await byEmployee.get(
      `/api/organization/members/suggestions?q=${encodeURIComponent('сид')}`,
    );
    expect(suggest.status).toBe(403);
  });
});
