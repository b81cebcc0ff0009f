import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizations } from '../../src/db/schema/index.js';
import type { Authenticated } from '../../src/services/platform/sessions.js';
import {
  createFederalOperator,
  createSimplifiedCitizen,
  signedInClient,
  uniqueEmail,
  waitForMessage,
} from '../support/factories.js';
import { TestClient } from '../support/http.js';
import {
  addTestMember,
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const named = (p: Person) => ({ id: p.id, ...p.personalData });

/**
 * The federal operator blocks an organization as an issuer of simple signatures and unblocks it
 * (issue 10, item 5; seed 003, appendix 1), through HTTP on a real database: the effects computed
 * from the blocking (the АРМ groups closed with the reason, its operators' groups out of effect,
 * the organization's pages showing it), all restored by the unblocking; and every refusal, with
 * nothing changed.
 */
describe('blocking an organization as an issuer of simple signatures', () => {
  let sut: TestSystem;
  let federal: TestClient;
  let federalPerson: Person;

  interface Org {
    id: string;
    ogrn: string;
    head: Person;
    operator: Person;
    client: TestClient;
    email: string;
  }

  async function actingFor(person: Person, organizationId: string): Promise<TestClient> {
    const client = await signedInClient(sut, person);
    expect((await client.put('/api/session/acting-for', { organizationId })).status).toBe(200);
    return client;
  }

  /** A registered organization holding Форма З and И, with an operator in both АРМ groups. */
  async function organization(shortName?: string): Promise<Org> {
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, named(head), { regionCode: '35', shortName });
    await grantTestApproval(sut, org.id, 'form_z');
    await grantTestApproval(sut, org.id, 'form_i');
    const operator = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(operator), {
      groups: ['tech_portal', 'identity_specialists', 'registration_specialists'],
    });
    const [row] = await sut.database.db.select().from(organizations).where(eq(organizations.id, org.id));
    return { ...org, head, operator, client: await actingFor(head, org.id), email: row!.email };
  }

  async function row(id: string) {
    const [r] = await sut.database.db.select().from(organizations).where(eq(organizations.id, id));
    return r!;
  }

  async function entries(event: string, subjectId: string) {
    const rows = await sut.database.db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId));
    return rows.filter((r) => r.event === event);
  }

  async function groups(org: Org) {
    const res = await org.client.get('/api/organization/groups');
    return Object.fromEntries(
      (res.body.groups as { group: string; open: boolean; lockedReason: string | null }[]).map((g) => [
        g.group,
        g.open ? 'open' : g.lockedReason,
      ]),
    );
  }

  /** The groups the organization's operator acts with now, as its next request resolves them. */
  async function operatorGroups(org: Org) {
    const actor = await sut.services.actingFor.resolve(
      'organization',
      { kind: 'citizen', accountId: org.operator.id, level: 'confirmed' },
      { session: { actingForOrganizationId: org.id } } as Authenticated,
    );
    return actor.kind === 'organization_member' ? [...actor.groups].sort() : null;
  }

  const block = (id: string, reason: unknown = 'Жалобы на центры обслуживания оставлены без ответа.') =>
    federal.post(`/api/federal-operator/organizations/${id}/block`, { reason });
  const unblock = (id: string) => federal.post(`/api/federal-operator/organizations/${id}/unblock`, {});

  beforeAll(async () => {
    sut = await startTestSystem();
    federalPerson = await createFederalOperator(sut);
    federal = await signedInClient(sut, federalPerson);
  });
  afterAll(async () => sut?.stop());

  it('blocks with a reason: the АРМ groups close at once, the pages say why; unblocking restores them', async () => {
    const org = await organization();
    expect(await groups(org)).toEqual({
      tech_portal: 'open',
      identity_specialists: 'open',
      registration_specialists: 'open',
    });
    expect(await operatorGroups(org)).toEqual([
      'identity_specialists',
      'registration_specialists',
      'tech_portal',
    ]);

    const reason = 'Жалобы на центры обслуживания оставлены без ответа более 30 дней.';
    const blocked = await block(org.id, `  ${reason}  `);
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);
    expect(blocked.body).toMatchObject({
      id: org.id,
      approvals: ['form_i', 'form_z'],
      blocking: {
        reason,
        blockedBy: {
          lastName: federalPerson.personalData.lastName,
          firstName: federalPerson.personalData.firstName,
        },
      },
    });
    const stored = await row(org.id);
    expect(stored).toMatchObject({ blockedReason: reason, blockedBy: federalPerson.id });
    expect(stored.blockedAt).toBeInstanceOf(Date);

    // The effects are computed from the blocking: the АРМ groups are closed with its reason, the
    // technological portal is not, and the operator's next request acts with no АРМ group.
    expect(await groups(org)).toEqual({
      tech_portal: 'open',
      identity_specialists: 'organization_blocked',
      registration_specialists: 'organization_blocked',
    });
    expect(await operatorGroups(org)).toEqual(['tech_portal']);
    const newcomer = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(newcomer));
    const added = await org.client.post('/api/organization/groups/identity_specialists/members', {
      accountId: newcomer.id,
    });
    expect(added.status).toBe(409);
    expect(added.body.error.code).toBe('group.locked');

    // The organization's profile and journal say so, with the reason; the approvals stay held.
    const profile = await org.client.get('/api/organization');
    expect(profile.body.blocking).toEqual({ blockedAt: stored.blockedAt!.toISOString(), reason });
    expect(profile.body.approvals.sort()).toEqual(['form_i', 'form_z']);
    const journal = await org.client.get('/api/organization/journal');
    expect(journal.body.entries[0]).toMatchObject({
      event: 'organization.blocked',
      details: `Оператор ЕСИА заблокировал организацию как оператора выдачи ключа ПЭП. Причина: ${reason}`,
    });
    expect(journal.body.entries[0].actor).toContain('(оператор ЕСИА)');
    const [entry] = await entries('organization.blocked', org.id);
    expect(entry).toMatchObject({ actorType: 'operator', actorId: federalPerson.id });
    expect(entry!.data).toEqual({ organizationId: org.id, reason });
    await waitForMessage(sut, org.email, new Date(0), /заблокировал организацию/);

    // Unblocking gives everything back at once.
    const unblocked = await unblock(org.id);
    expect(unblocked.status, JSON.stringify(unblocked.body)).toBe(200);
    expect(unblocked.body.blocking).toBeNull();
    expect(await row(org.id)).toMatchObject({ blockedAt: null, blockedReason: null, blockedBy: null });
    expect(await groups(org)).toEqual({
      tech_portal: 'open',
      identity_specialists: 'open',
      registration_specialists: 'open',
    });
    expect(await operatorGroups(org)).toEqual([
      'identity_specialists',
      'registration_specialists',
      'tech_portal',
    ]);
    expect((await org.client.get('/api/organization')).body.blocking).toBeNull();
    const [ended] = await entries('organization.unblocked', org.id);
    expect(ended!.data).toEqual({
      organizationId: org.id,
      blockedAt: stored.blockedAt!.toISOString(),
      reason,
    });
    await waitForMessage(sut, org.email, new Date(0), /снял блокировку/);

    // Blocked again later, with a new reason: each blocking is its own.
    expect((await block(org.id, 'Повторная блокировка по результатам проверки.')).status).toBe(200);
    expect((await row(org.id)).blockedReason).toBe('Повторная блокировка по результатам проверки.');
    expect(await entries('organization.blocked', org.id)).toHaveLength(2);
  });

  it('lists registered organizations by name with their blocking and complaints, and finds them by ОГРН', async () => {
    const a = await organization('АА Блокировочный центр 1');
    const b = await organization('АА Блокировочный центр 2');
    const c = await organization('АА Блокировочный центр 3');
    expect((await block(b.id)).status).toBe(200);

    const pages: string[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: { status: number; body: { organizations: { id: string }[]; nextCursor: string | null } } =
        await federal.get(
          `/api/federal-operator/organizations?q=${encodeURIComponent('блокировочный')}&limit=2${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        );
      expect(res.status).toBe(200);
      pages.push(res.body.organizations.map((o) => o.id));
      cursor = res.body.nextCursor;
    }
    expect(pages).toEqual([[a.id, b.id], [c.id]]);

    const onlyBlocked = await federal.get(
      `/api/federal-operator/organizations?filter=blocked&q=${encodeURIComponent('Блокировочный')}`,
    );
    expect(onlyBlocked.body.organizations.map((o: { id: string }) => o.id)).toEqual([b.id]);
    expect(onlyBlocked.body.organizations[0]).toMatchObject({
      blocking: { reason: 'Жалобы на центры обслуживания оставлены без ответа.' },
      complaints: { awaitingAnswer: 0, overdue: 0 },
    });

    const byOgrn = await federal.get(`/api/federal-operator/organizations?q=${c.ogrn}`);
    expect(byOgrn.body.organizations.map((o: { id: string }) => o.id)).toEqual([c.id]);

    // Its complaints awaiting an answer are counted beside it.
    const complained = await new TestClient(sut.app, '203.0.113.7').post('/api/complaints', {
      organizationId: a.id,
      category: 'waiting_time',
      text: 'Ожидание в очереди заняло больше двух часов.',
    });
    expect(complained.status).toBe(200);
    const withCount = await federal.get(`/api/federal-operator/organizations?q=${a.ogrn}`);
    expect(withCount.body.organizations[0].complaints).toEqual({ awaitingAnswer: 1, overdue: 0 });
  });

  it('refuses to block an organization already blocked, and changes nothing', async () => {
    const org = await organization();
    expect((await block(org.id, 'Первая причина блокировки.')).status).toBe(200);
    const before = await row(org.id);
    const again = await block(org.id, 'Вторая причина, которая не должна заменить первую.');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('organization.already_blocked');
    expect(await row(org.id)).toEqual(before);
    expect(await entries('organization.blocked', org.id)).toHaveLength(1);
  });

  it('refuses to unblock an organization that is not blocked, and changes nothing', async () => {
    const org = await organization();
    const before = await row(org.id);
    const res = await unblock(org.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('organization.not_blocked');
    expect(await row(org.id)).toEqual(before);
    expect(await entries('organization.unblocked', org.id)).toHaveLength(0);
  });

  it('refuses a blocking without a reason, of an unknown or unregistered organization', async () => {
    const org = await organization();
    const awaitingHead = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const awaiting = await insertTestOrganization(sut, named(awaitingHead), {
      status: 'awaiting_regional_operator',
    });
    const before = await row(org.id);
    const cases: [string, unknown, number, string, { path: string; code: string }?][] = [
      [org.id, undefined, 400, 'validation.failed', { path: 'reason', code: 'required' }],
      [org.id, '   ', 400, 'validation.failed', { path: 'reason', code: 'required' }],
      [org.id, 'п'.repeat(2001), 400, 'validation.failed', { path: 'reason', code: 'too_long' }],
      [
        'не-идентификатор',
        'Причина.',
        400,
        'validation.failed',
        { path: 'organizationId', code: 'id.invalid' },
      ],
      ['6f1c2a4e-1111-4222-8333-444455556666', 'Причина блокировки.', 404, 'organization.not_found'],
      [awaiting.id, 'Причина блокировки.', 409, 'organization.wrong_state'],
    ];
    for (const [id, reason, status, code, field] of cases) {
      const res = await federal.post(
        `/api/federal-operator/organizations/${id}/block`,
        reason === undefined ? {} : { reason },
      );
      expect(res.status, `${id} ${String(reason).slice(0, 20)}`).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (field) expect(res.body.error.fields).toContainEqual(field);
    }
    expect(await row(org.id)).toEqual(before);
    expect((await row(awaiting.id)).blockedAt).toBeNull();
    const unknown = await unblock('6f1c2a4e-1111-4222-8333-444455556666');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('organization.not_found');
  });

  it('lets no one but the federal operator block, unblock or list', async () => {
    const org = await organization();
    const regionalHead = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const regionalOrg = await insertTestOrganization(sut, named(regionalHead), {
      regionCode: '35',
      operatorOfRegion: '35',
    });
    const clients: [string, TestClient, number][] = [
      ['anonymous', new TestClient(sut.app, '203.0.113.9'), 401],
      ['citizen', await signedInClient(sut, await createSimplifiedCitizen(sut)), 403],
      ['head', org.client, 403],
      ['regional operator', await actingFor(regionalHead, regionalOrg.id), 403],
    ];
    const before = await row(org.id);
    for (const [who, client, status] of clients) {
      const blocked = await client.post(`/api/federal-operator/organizations/${org.id}/block`, {
        reason: 'Попытка заблокировать без права.',
      });
      expect(blocked.status, who).toBe(status);
      expect(
        (await client.post(`/api/federal-operator/organizations/${org.id}/unblock`, {})).status,
        who,
      ).toBe(status);
      expect((await client.get('/api/federal-operator/organizations')).status, who).toBe(status);
    }
    expect(await row(org.id)).toEqual(before);
  });

  it('takes back an approval with those that follow it, locks its groups at once, and lets the organization apply again', async () => {
    const org = await organization();
    const revoke = (approval: string, reason: unknown = 'Организация не обеспечила приём граждан.') =>
      federal.post(`/api/federal-operator/organizations/${org.id}/approvals/${approval}/revoke`, { reason });
    expect(await groups(org)).toMatchObject({
      identity_specialists: 'open',
      registration_specialists: 'open',
    });

    // Bad input changes nothing: no reason, an unknown approval, another audience.
    expect((await revoke('form_z', '  ')).status).toBe(400);
    expect((await revoke('form_x')).status).toBe(400);
    expect(
      (
        await org.client.post(`/api/federal-operator/organizations/${org.id}/approvals/form_z/revoke`, {
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect(await groups(org)).toMatchObject({
      identity_specialists: 'open',
      registration_specialists: 'open',
    });

    // Форма З taken back takes Форма И with it: both groups lock on the operator's next request.
    const since = new Date(0);
    const revoked = await revoke('form_z');
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.approvals).toEqual([]);
    expect(await groups(org)).toMatchObject({
      identity_specialists: 'approval_missing',
      registration_specialists: 'approval_missing',
    });
    expect(await operatorGroups(org)).toEqual(['tech_portal']);
    const [entry] = await entries('organization.approval_revoked', org.id);
    expect(entry!.data).toMatchObject({
      approvals: ['form_z', 'form_i'],
      reason: 'Организация не обеспечила приём граждан.',
    });
    await waitForMessage(sut, org.email, since, /Причина: Организация не обеспечила приём граждан/);

    // Again: nothing held to take back.
    const twice = await revoke('form_z');
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('organization.approval_not_held');

    // The organization may apply for Форма З again.
    const again = await org.client.post('/api/organization/applications', { form: 'form_z' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });
});
