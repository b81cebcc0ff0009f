import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganization } from '../../src/repositories/organization/organizations.js';
import { signedInClient, uniqueEmail } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Nobody acts on another organization's registration or data through the routes of issue 9's
 * registration part: every endpoint against every kind of actor. Organization A (region 35) waits
 * for its regional operator; B is another registered organization; the operators are those of
 * regions 35 and 41.
 */
describe('who may reach an organization’s registration and data', () => {
  let sut: TestSystem;
  let orgA: string;
  let orgB: string;
  const actors: Record<string, TestClient> = {};

  beforeAll(async () => {
    sut = await startTestSystem();
    const person = async () => {
      const p = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      return { p, named: { id: p.id, ...p.personalData } };
    };
    const headA = await person();
    const employeeA = await person();
    const adminB = await person();
    const op35 = await person();
    const op41 = await person();
    const citizen = await person();
    orgA = (
      await insertTestOrganization(sut, headA.named, {
        status: 'awaiting_regional_operator',
        regionCode: '35',
      })
    ).id;
    await addTestMember(sut, orgA, employeeA.named);
    orgB = (await insertTestOrganization(sut, adminB.named, { regionCode: '41' })).id;
    const op35Org = (
      await insertTestOrganization(sut, op35.named, { operatorOfRegion: '35', regionCode: '35' })
    ).id;
    const op41Org = (
      await insertTestOrganization(sut, op41.named, { operatorOfRegion: '41', regionCode: '41' })
    ).id;
    const acting = async (who: typeof headA, organizationId: string | null) => {
      const client = await signedInClient(sut, who.p);
      if (organizationId) await client.put('/api/session/acting-for', { organizationId });
      return client;
    };
    actors.anonymous = new TestClient(sut.app, '10.77.0.1');
    actors.citizen = await acting(citizen, null);
    actors.headA = await acting(headA, orgA);
    actors.employeeA = await acting(employeeA, orgA);
    actors.adminB = await acting(adminB, orgB);
    actors.operator35 = await acting(op35, op35Org);
    actors.operator41 = await acting(op41, op41Org);
  });
  afterAll(async () => sut?.stop());

  const contacts = (revision: number) => ({
    shortName: 'Чужое имя',
    legalAddress: 'г. Москва',
    postalAddress: 'г. Москва',
    phone: '+7 495 000-00-00',
    email: 'x@example.ru',
    revision,
  });

  type Case = [actor: string, method: string, path: () => string, expected: number | string, body?: unknown];
  const decision = () => `/api/regional-operator/organizations/${orgA}/decision`;
  const cases: Case[] = [
    ['anonymous', 'GET', () => '/api/organization', 401],
    ['citizen', 'GET', () => '/api/organization', 403],
    ['operator41', 'GET', () => '/api/regional-operator/organizations', 200],
    ['anonymous', 'GET', () => '/api/regional-operator/organizations', 401],
    ['citizen', 'GET', () => '/api/regional-operator/organizations', 403],
    ['employeeA', 'GET', () => '/api/regional-operator/organizations', 403],
    ['headA', 'POST', decision, 403, { decision: 'confirm' }],
    ['adminB', 'POST', decision, 403, { decision: 'confirm' }],
    ['anonymous', 'POST', decision, 401, { decision: 'confirm' }],
    ['operator41', 'POST', decision, 'organization.not_found', { decision: 'confirm' }],
    ['employeeA', 'PATCH', () => '/api/organization', 403, contacts(1)],
    ['employeeA', 'POST', () => '/api/organization/refresh', 403],
    ['anonymous', 'POST', () => `/api/me/organizations/${orgA}/retry`, 401],
    ['adminB', 'POST', () => `/api/me/organizations/${orgA}/retry`, 'organization.not_found'],
    ['employeeA', 'POST', () => `/api/me/organizations/${orgA}/retry`, 'organization.not_found'],
    ['operator35', 'POST', () => `/api/me/organizations/${orgA}/retry`, 'organization.not_found'],
  ];

  it.each(cases)('%s %s %s → %s', async (actor, method, path, expected, body) => {
    const res = await actors[actor]!.request(method, path(), body);
    if (typeof expected === 'number') expect(res.status).toBe(expected);
    else expect(res.body.error?.code).toBe(expected);
    expect((await findOrganization(sut.database.db, orgA))!.status).toBe('awaiting_regional_operator');
  });

  it('shows and changes only the organization the person acts for', async () => {
    const before = (await findOrganization(sut.database.db, orgA))!;
    const own = await actors.adminB!.get('/api/organization');
    expect(own.body.id).toBe(orgB);
    const changed = await actors.adminB!.request('PATCH', '/api/organization', contacts(own.body.revision));
    expect(changed.status).toBe(200);
    expect(changed.body.id).toBe(orgB);
    expect((await findOrganization(sut.database.db, orgA))!.shortName).toBe(before.shortName);
    expect((await actors.employeeA!.get('/api/organization')).body.id).toBe(orgA);
    const operatorView = await actors.operator35!.get('/api/organization');
    expect(operatorView.body.id).not.toBe(orgA);
    const queue = await actors.operator35!.get('/api/regional-operator/organizations');
    expect(queue.body.organizations.map((o: { id: string }) => o.id)).toEqual([orgA]);
  });
});
