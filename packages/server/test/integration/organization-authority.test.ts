import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  organizationGroupMembers,
  organizationInvitations,
  organizationMembers,
  organizations,
} from '../../src/db/schema/index.js';
import { TestClient } from '../support/http.js';
import {
  createFederalOperator,
  createSimplifiedCitizen,
  signedInClient,
  uniqueEmail,
} from '../support/factories.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { actingForClient } from '../support/acting-for.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Citizen = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const person = (c: Citizen) => ({ id: c.id, ...c.personalData });

/** The actor kinds of the table, in the order they try each endpoint: those refused first. */
const actorKinds = [
  'anonymous',
  'citizen',
  'federal_operator',
  'regional_operator',
  'other_organization',
  'employee',
  'administrator',
  'head',
] as const;
type ActorKind = (typeof actorKinds)[number];
type Role = 'employee' | 'administrator' | 'head';

const everyMember: Role[] = ['employee', 'administrator', 'head'];
const managers: Role[] = ['administrator', 'head'];

/**
 * Who of the organization may use each endpoint. An endpoint added later and missing here is
 * still held to the rules every endpoint answers to (below); this table adds the roles.
 */
const allowed: Record<string, Role[]> = {
  'GET /api/organization/members': everyMember,
  'DELETE /api/organization/members/{accountId}': managers,
  'PUT /api/organization/members/{accountId}/administrator': ['head'],
  'DELETE /api/organization/membership': everyMember,
  'GET /api/organization/members/suggestions': managers,
  'GET /api/organization/invitations': managers,
  'POST /api/organization/invitations': managers,
  'POST /api/organization/invitations/{invitationId}/revoke': managers,
  'POST /api/organization/invitations/{invitationId}/resend': managers,
  'GET /api/organization/groups': everyMember,
  'GET /api/organization/groups/{group}/members': everyMember,
  'POST /api/organization/groups/{group}/members': managers,
  'DELETE /api/organization/groups/{group}/members/{accountId}': managers,
  'GET /api/organization/journal': managers,
  'GET /api/organization': everyMember,
  'GET /api/organization/opening-plan': everyMember,
  'PATCH /api/organization': managers,
  'POST /api/organization/refresh': managers,
  // and the responsible person of an approved application (none here): complaints.test.ts
  'GET /api/organization/complaints': managers,
};

/**
 * Issue 9, section 7: every endpoint of the organization's audience (from the OpenAPI document, so
 * an endpoint added later is covered) × every kind of actor. Nobody signed out or acting for no
 * organization gets anything; a member of another organization, the regional operator (acting for
 * its own organization) and the federal operator, given this organization's ids, change nothing of
 * it and read nothing of it; inside the organization only the roles of the table change anything.
 */
describe('authority over an organization: every endpoint × every actor', () => {
  let sut: TestSystem;
  let org: { id: string };
  let clients: Record<ActorKind, TestClient>;
  let endpoints: { method: string; path: string }[];
  /** this organization's ids, which no outsider's answer may contain */
  const ownIds = new Set<string>();
  let inviter: TestClient;

  async function snapshot(): Promise<string> {
    const db = sut.database.db;
    const members = await db
      .select({
        accountId: organizationMembers.accountId,
        isHead: organizationMembers.isHead,
        isAdministrator: organizationMembers.isAdministrator,
        removedAt: organizationMembers.removedAt,
      })
      .from(organizationMembers)
      .where(eq(organizationMembers.organizationId, org.id))
      .orderBy(asc(organizationMembers.id));
    const groups = await db
      .select()
      .from(organizationGroupMembers)
      .where(eq(organizationGroupMembers.organizationId, org.id))
      .orderBy(asc(organizationGroupMembers.accountId), asc(organizationGroupMembers.group));
    const invitations = await db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.organizationId, org.id))
      .orderBy(asc(organizationInvitations.id));
    const [organization] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    // bigint columns (the organization's oid) as text: JSON has no bigint
    return JSON.stringify({ organization, members, groups, invitations }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
  }

  /** A fresh employee (in «Технологический портал») and a fresh invitation for one endpoint's turn. */
  async function freshTargets(): Promise<{ accountId: string; invitationId: string }> {
    const target = await createSimplifiedCitizen(sut, { lastName: 'Целев', firstName: 'Тимур' });
    await addTestMember(
      sut,
      org.id,
      { id: target.id, lastName: 'Целев', firstName: 'Тимур' },
      { groups: ['tech_portal'] },
    );
    const invited = await inviter.post('/api/organization/invitations', {
      email: uniqueEmail(),
      lastName: 'Приглашённый',
      firstName: 'Павел',
    });
    ownIds.add(target.id).add(invited.body.id);
    return { accountId: target.id, invitationId: invited.body.id };
  }

  async function request(client: TestClient, method: string, path: string, targets: Record<string, string>) {
    const url = path
      .replace('{accountId}', targets.accountId)
      .replace('{invitationId}', targets.invitationId)
      .replace('{group}', 'tech_portal');
    const query = path.endsWith('/suggestions') ? `?q=${encodeURIComponent('Целев')}` : '';
    const bodies: Record<string, unknown> = {
      'POST /api/organization/invitations': {
        email: uniqueEmail(),
        lastName: 'Новиков',
        firstName: 'Никита',
      },
      'PUT /api/organization/members/{accountId}/administrator': { administrator: true },
      'POST /api/organization/groups/{group}/members': { accountId: targets.accountId },
    };
    if (`${method} ${path}` === 'PATCH /api/organization') {
      // the contacts with the revision the database holds now, as the page would send them
      const [row] = await sut.database.db.select().from(organizations).where(eq(organizations.id, org.id));
      bodies['PATCH /api/organization'] = {
        shortName: `${row.shortName.replace(/ \d+$/, '')} ${row.revision}`,
        legalAddress: row.legalAddress,
        postalAddress: row.postalAddress,
        phone: row.phone,
        email: row.email,
        revision: row.revision,
      };
    }
    const body = method === 'GET' ? undefined : (bodies[`${method} ${path}`] ?? {});
    return client.request(method, `${url}${query}`, body);
  }

  beforeAll(async () => {
    sut = await startTestSystem();
    const [head, admin, employee, outsider, stranger, regional, federal] = await Promise.all([
      createConfirmedCitizen(sut, { lastName: 'Громова', firstName: 'Анна' }),
      createConfirmedCitizen(sut, { lastName: 'Белов', firstName: 'Игорь' }),
      createConfirmedCitizen(sut, { lastName: 'Ёлкина', firstName: 'Мария' }),
      createConfirmedCitizen(sut, { lastName: 'Чужов', firstName: 'Олег' }),
      createConfirmedCitizen(sut, { lastName: 'Никтов', firstName: 'Пётр' }),
      createConfirmedCitizen(sut, { lastName: 'Регионов', firstName: 'Роман' }),
      createFederalOperator(sut),
    ]);
    org = await insertTestOrganization(sut, person(head));
    await addTestMember(sut, org.id, person(admin), { administrator: true });
    await addTestMember(sut, org.id, person(employee), { groups: ['tech_portal'] });
    for (const c of [head, admin, employee]) ownIds.add(c.id);
    ownIds.add(org.id);
    const other = await insertTestOrganization(sut, person(outsider));
    const operatorOrg = await insertTestOrganization(sut, person(regional), {
      regionCode: '77',
      operatorOfRegion: '77',
    });

    const acting = (c: Citizen, organizationId: string) => actingForClient(sut, c, organizationId);
    clients = {
      anonymous: new TestClient(sut.app, '192.0.2.1'),
      citizen: await signedInClient(sut, stranger),
      federal_operator: await signedInClient(sut, federal),
      regional_operator: await acting(regional, operatorOrg.id),
      other_organization: await acting(outsider, other.id),
      employee: await acting(employee, org.id),
      administrator: await acting(admin, org.id),
      head: await acting(head, org.id),
    };
    inviter = await acting(head, org.id);

    const doc = (await new TestClient(sut.app).get('/api/docs/json')).body;
    endpoints = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/organization'))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => ({ method: m.toUpperCase(), path })),
      )
      // Leaving last: the members who leave act for the organization no more.
      .sort((a, b) => Number(a.path.endsWith('/membership')) - Number(b.path.endsWith('/membership')));
  }, 120_000);
  afterAll(async () => sut?.stop());

  it('finds the endpoints of the organization audience in the OpenAPI document', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(Object.keys(allowed).length);
    for (const key of Object.keys(allowed))
      expect(
        endpoints.some((e) => `${e.method} ${e.path}` === key),
        key,
      ).toBe(true);
  });

  it('lets only the allowed roles act, and nobody act on or read another organization', async () => {
    const verdicts: string[] = [];
    for (const { method, path } of endpoints) {
      const key = `${method} ${path}`;
      const roles = allowed[key];
      const targets = await freshTargets();
      let firstAllowed = true;
      for (const kind of actorKinds) {
        const before = await snapshot();
        const res = await request(clients[kind], method, path, targets);
        const after = await snapshot();
        const changed = before !== after;
        const where = `${kind} ${key}: ${res.status} ${JSON.stringify(res.body)}`;
        verdicts.push(`${key} ${kind} ${res.status}`);
        expect(res.status, where).toBeLessThan(500);
        switch (kind) {
          case 'anonymous':
            expect(res.status, where).toBe(401);
            expect(changed, where).toBe(false);
            break;
          case 'citizen':
          case 'federal_operator':
            expect(res.status, where).toBe(403);
            expect(changed, where).toBe(false);
            break;
          case 'regional_operator':
          case 'other_organization': {
            // Acting for their own organization: whatever they do, this one stays as it was and
            // nothing of it is in the answer.
            expect(changed, where).toBe(false);
            const text = JSON.stringify(res.body ?? '');
            for (const id of ownIds) expect(text.includes(id), where).toBe(false);
            if (method !== 'GET' && res.status < 300)
              // what acts on their own organization, with no id of this one: an invitation,
              // leaving, its contacts, «Обновить из ЕГРЮЛ»
              expect(key, where).toMatch(
                /^(POST \/api\/organization\/(invitations|refresh)|PATCH \/api\/organization|DELETE \/api\/organization\/membership)$/,
              );
            break;
          }
          default: {
            if (!roles) break;
            if (!roles.includes(kind)) {
              expect(res.status, where).toBe(403);
              expect(changed, where).toBe(false);
            } else if (firstAllowed) {
              firstAllowed = false;
              expect(res.status, where).toBeLessThan(300);
            } else {
              // After the first allowed role did it, the second may find it done (404, 409).
              expect([401, 403], where).not.toContain(res.status);
            }
          }
        }
      }
    }
    expect(verdicts.length).toBe(endpoints.length * actorKinds.length);
  }, 300_000);
});
