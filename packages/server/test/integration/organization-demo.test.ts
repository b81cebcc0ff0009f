import { simulatedTaxRegister } from '@openesia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoOrganizations, seedDemoData } from '../../src/db/seed.js';
import { listOrganizationsOfAccount } from '../../src/repositories/organization/organizations.js';
import { findAccountByVerifiedContact } from '../../src/repositories/citizen/accounts.js';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { openTestCertificate } from '../support/test-ca.js';

/**
 * The demo organizations (issue 9, §8): two registered organizations in two regions, each with a
 * head, an administrator and an employee, and the two regions' operators, all listed on the home
 * page with logins, passwords and the heads' certificates.
 */
describe('the demo organizations', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem();
    // Twice: the seed runs at every start and must change nothing the second time.
    await seedDemoData(sut);
    await seedDemoData(sut);
  });
  afterAll(async () => sut?.stop());

  async function signedIn(login: string): Promise<TestClient> {
    const listed = demoAccounts.find((a) => a.login === login)!;
    const client = new TestClient(sut.app, `10.9.0.${demoAccounts.indexOf(listed) + 1}`);
    const res = await client.post('/api/login', { login, password: listed.password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return client;
  }

  it('registers the two organizations and the two regional operators, each employee once in their role', async () => {
    const listed = demoAccounts.filter((a) => a.organization);
    expect(listed).toHaveLength(9);
    for (const account of listed) {
      const row = (await findAccountByVerifiedContact(sut.database.db, 'email', account.login))!;
      expect(row.level).toBe('confirmed');
      const organizations = await listOrganizationsOfAccount(sut.database.db, row.id);
      expect(organizations, account.login).toHaveLength(1);
      expect(organizations[0]!.organization).toMatchObject({
        shortName: account.organization,
        status: 'registered',
      });
    }
    expect(demoOrganizations.filter((o) => o.operatorOfRegion).map((o) => o.operatorOfRegion)).toEqual([
      '35',
      '41',
    ]);
  });

  it('lets the МФЦ head act for it as head and the Vologda operator read its region’s queue', async () => {
    const head = demoAccounts.find((a) => a.headCertificate?.ogrn === simulatedTaxRegister[0]!.ogrn)!;
    const client = await signedIn(head.login);
    const mine = await client.get('/api/me/organizations');
    const org = mine.body.organizations[0];
    expect(org.roles).toEqual(['head', 'administrator', 'employee']);
    await client.put('/api/session/acting-for', { organizationId: org.id });
    const profile = await client.get('/api/organization');
    expect(profile.body).toMatchObject({ regionCode: '35', head: { lastName: 'Громова' } });

    const operatorLogin = demoAccounts.find((a) => a.organization === 'БУ ВО «Электронный регион»')!.login;
    const operator = await signedIn(operatorLogin);
    const [operatorOrg] = (await operator.get('/api/me/organizations')).body.organizations;
    await operator.put('/api/session/acting-for', { organizationId: operatorOrg.id });
    expect((await operator.get('/api/regional-operator/organizations')).status).toBe(200);

    // The МФЦ's complaints (seeded once, though seeded twice): one answered, one overdue, which
    // the head answers and the region's operator sees.
    const complaints = await client.get('/api/organization/complaints');
    expect(complaints.status).toBe(200);
    expect(
      complaints.body.complaints.map((c: { status: string; overdue: boolean }) => [c.status, c.overdue]),
    ).toEqual([
      ['awaiting_answer', true],
      ['answered', false],
    ]);
    expect(complaints.body.complaints[1].answeredBy).toMatchObject({ lastName: 'Громова' });
    const regional = await operator.get('/api/regional-operator/complaints?filter=overdue');
    expect(regional.body.complaints.map((c: { id: string }) => c.id)).toEqual([
      complaints.body.complaints[0].id,
    ]);
  });

  it("hands out each head's legal-entity certificate with the PIN the home page shows", async () => {
    const res = await new TestClient(sut.app).get('/api/demo/accounts');
    const heads = res.body.accounts.filter((a: { headCertificate?: unknown }) => a.headCertificate);
    expect(heads).toHaveLength(2);
    for (const head of heads as { headCertificate: { ogrn: string; pin: string } }[]) {
      const download = await sut.app.inject({
        method: 'GET',
        url: `/api/demo/head-certificates/${head.headCertificate.ogrn}`,
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toContain('application/x-pkcs12');
      const cert = await openTestCertificate(
        {
          serialNumber: '',
          certificate: '',
          container: download.rawPayload.toString('base64'),
          containerFormat: 'pkcs12',
          info: {} as never,
          revocationToken: null,
        },
        head.headCertificate.pin,
      );
      expect(cert.certificate.length).toBeGreaterThan(0);
    }
    const unknown = await sut.app.inject({ method: 'GET', url: '/api/demo/head-certificates/1027700000000' });
    expect(unknown.statusCode).toBe(404);
  });
});
