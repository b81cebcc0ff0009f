import {
  innLeWithChecksum,
  ogrnWithChecksum,
  simulatedTaxRegister,
  type OrganizationDetails,
  type OrganizationType,
  type SimulatedTaxRecord,
} from '@openesia/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, signedDocuments, simulatorOutbox } from '../../src/db/schema/index.js';
import { findActiveMember } from '../../src/repositories/organization/members.js';
import { findOrganization } from '../../src/repositories/organization/organizations.js';
import {
  findSimulatedTaxRecord,
  upsertSimulatedTaxRecord,
} from '../../src/repositories/simulators/tax-records.js';
import { eventually, type TestClient } from '../support/http.js';
import { createStandardCitizen, signedInClient, uniqueEmail } from '../support/factories.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import {
  issueTestCertificate,
  openTestCertificate,
  TEST_PIN,
  type TestCertificate,
} from '../support/test-ca.js';

/**
 * «+ Добавить организацию» (seed 000, section 2; seed 004, step 1): the head's legal-entity
 * certificate read and signed, the ЕГРЮЛ check as a job with its refusals, the regional operator's
 * confirmation or return, the head's retry and resubmission, the organization's profile and
 * «Обновить из ЕГРЮЛ».
 */
describe('registering an organization', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    // One quick retry: a silent ЕГРЮЛ ends as check_failed within the test's patience.
    sut = await startTestSystem({ env: { REGISTRY_RETRY_LIMIT: '1', REGISTRY_RETRY_DELAY_SECONDS: '0' } });
  });
  afterAll(async () => sut?.stop());

  type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
  const named = (p: Person) => ({ id: p.id, ...p.personalData });

  const details = (overrides: Partial<OrganizationDetails> = {}): OrganizationDetails => ({
    shortName: 'ГУ «Центр»',
    type: 'state_institution',
    regionCode: '35',
    legalAddress: 'г. Вологда, ул. Мира, д. 1',
    postalAddress: 'г. Вологда, ул. Мира, д. 1',
    phone: '+7 817 200-00-00',
    email: uniqueEmail(),
    ...overrides,
  });

  /** A confirmed person with a legal entity's test certificate for a new organization (the simulated ЕГРЮЛ learns it). */
  async function headWithCertificate(
    options: { type?: OrganizationType; regionCode?: string } = {},
  ): Promise<{ head: Person; client: TestClient; cert: TestCertificate; ogrn: string }> {
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const client = await signedInClient(sut, head);
    const issued = await client.post('/api/test-ca/legal-entity-certificate', {
      algorithm: 'gost2012_256',
      pin: TEST_PIN,
      organization: {
        kind: 'new',
        fullName: `Государственное учреждение «Центр ${head.id.slice(0, 8)}»`,
        shortName: 'ГУ «Центр»',
        type: options.type ?? 'state_institution',
        regionCode: options.regionCode ?? '35',
        position: 'Директор',
      },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const cert = await openTestCertificate(issued.body);
    return { head, client, cert, ogrn: cert.issued.info.subject.ogrn! };
  }

  async function submit(client: TestClient, cert: TestCertificate, d: OrganizationDetails, sent = d) {
    const challenge = await client.post('/api/me/organizations/challenge', {
      certificate: cert.certificate.toString('base64'),
      details: d,
    });
    if (challenge.status !== 200) return challenge;
    return client.post('/api/me/organizations', {
      challengeId: challenge.body.challengeId,
      signature: cert.sign(Buffer.from(challenge.body.dataToSign, 'base64')),
      details: sent,
    });
  }

  async function statusOf(client: TestClient, id: string, wanted: string) {
    return eventually(async () => {
      const mine = await client.get('/api/me/organizations');
      const org = mine.body.organizations.find((o: { id: string }) => o.id === id);
      return org?.status === wanted ? org : null;
    });
  }

  /** A regional operator: an employee of the organization that is the region's operator, acting for it. */
  const operatorOrganizations = new Map<string, string>();
  async function regionalOperator(regionCode: string): Promise<TestClient> {
    const person = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    let orgId = operatorOrganizations.get(regionCode);
    if (orgId) await addTestMember(sut, orgId, named(person));
    else {
      orgId = (await insertTestOrganization(sut, named(person), { operatorOfRegion: regionCode, regionCode }))
        .id;
      operatorOrganizations.set(regionCode, orgId);
    }
    const client = await signedInClient(sut, person);
    expect((await client.put('/api/session/acting-for', { organizationId: orgId })).status).toBe(200);
    return client;
  }

  it('reads the certificate, signs the details, checks ЕГРЮЛ as a job and waits for the regional operator', async () => {
    const { head, client, cert, ogrn } = await headWithCertificate();
    const read = await client.post('/api/me/organizations/certificate', {
      certificate: cert.certificate.toString('base64'),
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      ogrn,
      head: {
        lastName: head.personalData.lastName,
        firstName: head.personalData.firstName,
        position: 'Директор',
      },
    });
    const d = details();
    const challenge = await client.post('/api/me/organizations/challenge', {
      certificate: cert.certificate.toString('base64'),
      details: d,
    });
    expect(challenge.status).toBe(200);
    expect(challenge.body.text).toContain(`ОГРН ${ogrn}`);
    expect(challenge.body.text).toContain('Юридический адрес: г. Вологда, ул. Мира, д. 1');
    expect(challenge.body.text).toContain('Назначение подписи: organization.register');
    const created = await client.post('/api/me/organizations', {
      challengeId: challenge.body.challengeId,
      signature: cert.sign(Buffer.from(challenge.body.dataToSign, 'base64')),
      details: d,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'checking', roles: ['head', 'administrator', 'employee'] });
    const org = await statusOf(client, created.body.id, 'awaiting_regional_operator');
    expect(org.refusal).toBeNull();

    const docs = await sut.database.db
      .select()
      .from(signedDocuments)
      .where(
        and(
          eq(signedDocuments.accountId, head.id),
          eq(signedDocuments.documentType, 'organization_registration'),
        ),
      );
    expect(docs).toHaveLength(1);
    const events = await sut.database.db.select().from(auditLog).where(eq(auditLog.subjectId, head.id));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['organization.registration_submitted', 'organization.checked']),
    );
    const mail = await eventually(async () => {
      const rows = await sut.database.db
        .select()
        .from(simulatorOutbox)
        .where(eq(simulatorOutbox.recipient, d.email));
      return rows.length ? rows : null;
    });
    expect(mail[0]!.body).toContain('региональному оператору');

    // The same signature cannot serve twice; the same ОГРН cannot be registered again.
    const again = await submit(client, cert, details());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('organization.duplicate');
  });

  it('registers Почта России on the register’s word alone', async () => {
    const { client, cert } = await headWithCertificate({ type: 'russian_post', regionCode: '77' });
    const created = await submit(client, cert, details({ type: 'russian_post', regionCode: '77' }));
    expect(created.status).toBe(201);
    const org = await statusOf(client, created.body.id, 'registered');
    expect(org.status).toBe('registered');

    // A repeated job (a retry after a crash) changes nothing and audits nothing.
    const checked = () =>
      sut.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.event, 'organization.checked'))
        .then((rows) => rows.filter((r) => (r.data as { organizationId: string }).organizationId === org.id));
    expect(await checked()).toHaveLength(1);
    await sut.services.organizationRegistration.runCheck(
      { organizationId: org.id, round: 1 },
      { attempt: 1, retryLimit: 1 },
    );
    expect(await checked()).toHaveLength(1);
    expect((await findOrganization(sut.database.db, org.id))!.status).toBe('registered');
  });

  it('lets the regional operator of the region confirm, and no other region’s operator see or decide', async () => {
    const { head, client, cert } = await headWithCertificate({ regionCode: '41' });
    const created = await submit(client, cert, details({ regionCode: '41' }));
    await statusOf(client, created.body.id, 'awaiting_regional_operator');

    const vologda = await regionalOperator('35');
    const foreignQueue = await vologda.get('/api/regional-operator/organizations');
    expect(foreignQueue.status).toBe(200);
    expect(foreignQueue.body.organizations.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
    const foreign = await vologda.post(`/api/regional-operator/organizations/${created.body.id}/decision`, {
      decision: 'confirm',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('organization.not_found');
    expect((await findOrganization(sut.database.db, created.body.id))!.status).toBe(
      'awaiting_regional_operator',
    );

    // The head is no regional operator: the audience refuses a citizen.
    expect((await client.get('/api/regional-operator/organizations')).status).toBe(403);

    const kamchatka = await regionalOperator('41');
    const queue = await kamchatka.get('/api/regional-operator/organizations');
    expect(queue.body.organizations.map((o: { id: string }) => o.id)).toContain(created.body.id);
    const confirmed = await kamchatka.post(
      `/api/regional-operator/organizations/${created.body.id}/decision`,
      {
        decision: 'confirm',
      },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('registered');
    await statusOf(client, created.body.id, 'registered');
    // The head hears of it by e-mail.
    await eventually(async () => {
      const rows = await sut.database.db
        .select()
        .from(simulatorOutbox)
        .where(eq(simulatorOutbox.recipient, head.email!));
      return rows.some((r) => r.body.includes('Региональный оператор подтвердил'));
    });
    const [entry] = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'organization.regional_decision'), eq(auditLog.subjectId, head.id)));
    expect(entry!.data).toMatchObject({ decision: 'confirm', actingFor: { regionCode: '41' } });
    const twice = await kamchatka.post(`/api/regional-operator/organizations/${created.body.id}/decision`, {
      decision: 'confirm',
    });
    expect(twice.body.error.code).toBe('organization.wrong_state');
  });

  it('pages the queue oldest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { client, cert } = await headWithCertificate({ regionCode: '29' });
      const created = await submit(client, cert, details({ regionCode: '29' }));
      await statusOf(client, created.body.id, 'awaiting_regional_operator');
      ids.push(created.body.id);
    }
    const operator = await regionalOperator('29');
    const first = await operator.get('/api/regional-operator/organizations?limit=2');
    expect(first.body.organizations.map((o: { id: string }) => o.id)).toEqual(ids.slice(0, 2));
    const second = await operator.get(
      `/api/regional-operator/organizations?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.organizations.map((o: { id: string }) => o.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();
  });

  it('returns with a reason; the head corrects the details and the check runs again', async () => {
    const { client, cert } = await headWithCertificate({ regionCode: '41' });
    const created = await submit(client, cert, details({ regionCode: '41' }));
    await statusOf(client, created.body.id, 'awaiting_regional_operator');
    const operator = await regionalOperator('41');
    const returned = await operator.post(`/api/regional-operator/organizations/${created.body.id}/decision`, {
      decision: 'return',
      reason: 'Укажите почтовый адрес с индексом',
    });
    expect(returned.body.status).toBe('returned');
    const seen = await statusOf(client, created.body.id, 'returned');
    expect(seen.returnReason).toBe('Укажите почтовый адрес с индексом');

    const stranger = await signedInClient(sut, await createConfirmedCitizen(sut));
    const notTheirs = await stranger.post(`/api/me/organizations/${created.body.id}/resubmit`, details());
    expect(notTheirs.body.error.code).toBe('organization.not_found');

    const fixed = details({
      regionCode: '41',
      postalAddress: '683000, г. Петропавловск-Камчатский, ул. Ленина, д. 1',
    });
    const resubmitted = await client.post(`/api/me/organizations/${created.body.id}/resubmit`, fixed);
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'checking', returnReason: null });
    await statusOf(client, created.body.id, 'awaiting_regional_operator');
    expect((await findOrganization(sut.database.db, created.body.id))!.postalAddress).toBe(
      fixed.postalAddress,
    );
    const wrong = await client.post(`/api/me/organizations/${created.body.id}/retry`);
    expect(wrong.body.error.code).toBe('organization.wrong_state');
  });

  it('marks check_failed when ЕГРЮЛ does not answer after every retry, and the head retries', async () => {
    const { client, cert, ogrn } = await headWithCertificate({ type: 'russian_post' });
    const record = (await findSimulatedTaxRecord(sut.database.db, ogrn))!;
    await upsertSimulatedTaxRecord(sut.database.db, { ...record, simulate: 'unavailable' }, new Date());
    const created = await submit(client, cert, details({ type: 'russian_post' }));
    expect(created.status).toBe(201);
    await statusOf(client, created.body.id, 'check_failed');

    await upsertSimulatedTaxRecord(sut.database.db, record, new Date());
    const retried = await client.post(`/api/me/organizations/${created.body.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('checking');
    await statusOf(client, created.body.id, 'registered');
  });

  describe('refuses', () => {
    it('a personal certificate', async () => {
      const person = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      const client = await signedInClient(sut, person);
      const cert = await issueTestCertificate(sut, {
        subject: { ...person.personalData, snils: person.snils },
      });
      const read = await client.post('/api/me/organizations/certificate', {
        certificate: cert.certificate.toString('base64'),
      });
      expect(read.status).toBe(422);
      expect(read.body.error.code).toBe('organization.not_legal_entity_certificate');
    });

    it('a certificate of another person as head', async () => {
      const person = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      const client = await signedInClient(sut, person);
      const other = await createConfirmedCitizen(sut, { lastName: 'Другов', firstName: 'Олег' });
      const demo = simulatedTaxRegister[0]!;
      const cert = await issueTestCertificate(sut, {
        subject: {
          ...other.personalData,
          snils: other.snils,
          ogrn: demo.ogrn,
          innLe: demo.inn,
          organization: demo.fullName,
        },
      });
      const res = await submit(client, cert, details());
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('signature.snils_mismatch');
    });

    it('an unconfirmed (standard) account', async () => {
      const person = await createStandardCitizen(sut, { email: uniqueEmail() });
      const client = await signedInClient(sut, person);
      const res = await client.post('/api/me/organizations/certificate', { certificate: 'AAAA' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('account.level_too_low');
      const cert = await client.post('/api/test-ca/legal-entity-certificate', {
        algorithm: 'gost2012_256',
        pin: TEST_PIN,
        organization: { kind: 'register', ogrn: simulatedTaxRegister[0]!.ogrn },
      });
      expect(cert.body.error.code).toBe('account.level_too_low');
    });

    it('details other than those signed', async () => {
      const { client, cert } = await headWithCertificate();
      const d = details();
      const res = await submit(client, cert, d, { ...d, phone: '+7 817 299-99-99' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('organization.signed_data_mismatch');
    });

    it('the test CA a certificate of an organization whose head is someone else', async () => {
      const person = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      const client = await signedInClient(sut, person);
      const res = await client.post('/api/test-ca/legal-entity-certificate', {
        algorithm: 'gost2012_256',
        pin: TEST_PIN,
        organization: { kind: 'register', ogrn: simulatedTaxRegister[0]!.ogrn },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('test_ca.not_head');
    });

    /** A certificate the test CA's operator issues for the person with the organization's data given. */
    async function registerWith(organization: { ogrn: string; inn: string; fullName: string }) {
      const person = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      const client = await signedInClient(sut, person);
      const cert = await issueTestCertificate(sut, {
        subject: {
          ...person.personalData,
          snils: person.snils,
          ogrn: organization.ogrn,
          innLe: organization.inn,
          organization: organization.fullName,
          title: 'Директор',
        },
      });
      const created = await submit(client, cert, details({ type: 'russian_post' }));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return statusOf(client, created.body.id, 'rejected');
    }

    it.each([
      ['liquidated', simulatedTaxRegister.find((r) => r.status === 'liquidated')!],
      ['in_liquidation', simulatedTaxRegister.find((r) => r.status === 'in_liquidation')!],
      ['head_differs', simulatedTaxRegister[0]!],
    ] as const)('registration (ЕГРЮЛ: %s)', async (refusal, record: SimulatedTaxRecord) => {
      const org = await registerWith(record);
      expect(org.refusal).toBe(refusal);
    });

    it('registration of an ОГРН and ИНН ЕГРЮЛ does not know (not_found)', async () => {
      const org = await registerWith({
        ogrn: ogrnWithChecksum('102990000077'),
        inn: innLeWithChecksum('990000077'),
        fullName: 'Учреждение, которого нет',
      });
      expect(org.refusal).toBe('not_found');
    });
  });

  describe("the organization's profile", () => {
    it('shows the data, lets managers change contacts against the revision, and refreshes a new head from ЕГРЮЛ', async () => {
      const { head, client, cert, ogrn } = await headWithCertificate({ type: 'russian_post' });
      const created = await submit(client, cert, details({ type: 'russian_post' }));
      await statusOf(client, created.body.id, 'registered');
      const orgId = created.body.id as string;
      await client.put('/api/session/acting-for', { organizationId: orgId });

      const profile = await client.get('/api/organization');
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({
        id: orgId,
        ogrn,
        status: 'registered',
        yourRoles: ['head', 'administrator', 'employee'],
      });

      const contacts = {
        shortName: 'ГУ «Новое имя»',
        legalAddress: profile.body.legalAddress,
        postalAddress: profile.body.postalAddress,
        phone: profile.body.phone,
        email: profile.body.email,
        revision: profile.body.revision,
      };
      const patched = await client.request('PATCH', '/api/organization', contacts);
      expect(patched.status).toBe(200);
      expect(patched.body.shortName).toBe('ГУ «Новое имя»');
      const stale = await client.request('PATCH', '/api/organization', contacts);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('conflict.stale');

      const employee = await createConfirmedCitizen(sut, {
        lastName: 'Новикова',
        firstName: 'Мария',
        middleName: 'Ильинична',
      });
      await addTestMember(sut, orgId, named(employee));
      const employeeClient = await signedInClient(sut, employee);
      await employeeClient.put('/api/session/acting-for', { organizationId: orgId });
      expect((await employeeClient.get('/api/organization')).status).toBe(200);
      const forbidden = await employeeClient.request('PATCH', '/api/organization', {
        ...contacts,
        revision: patched.body.revision,
      });
      expect(forbidden.status).toBe(403);
      expect((await employeeClient.post('/api/organization/refresh')).status).toBe(403);

      // The register now names the employee as head, and the organization in liquidation.
      const record = (await findSimulatedTaxRecord(sut.database.db, ogrn))!;
      await upsertSimulatedTaxRecord(
        sut.database.db,
        {
          ...record,
          status: 'in_liquidation',
          head: {
            lastName: 'Новикова',
            firstName: 'Мария',
            middleName: 'Ильинична',
            inn: null,
            position: 'Ликвидатор',
          },
        },
        new Date(),
      );
      const refreshed = await client.post('/api/organization/refresh');
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
      expect(refreshed.body).toMatchObject({
        head: { lastName: 'Новикова', firstName: 'Мария', position: 'Ликвидатор' },
        refusal: 'in_liquidation',
        yourRoles: ['administrator', 'employee'],
      });
      expect(await findActiveMember(sut.database.db, orgId, employee.id)).toMatchObject({
        isHead: true,
        isAdministrator: true,
      });
      expect(await findActiveMember(sut.database.db, orgId, head.id)).toMatchObject({
        isHead: false,
        isAdministrator: true,
      });
      const [changed] = await sut.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.event, 'organization.head_changed'));
      expect(changed!.data).toMatchObject({
        organizationId: orgId,
        previousHeadAccountId: head.id,
        newHeadAccountId: employee.id,
      });

      // ЕГРЮЛ silent: the refresh says so and changes nothing.
      await upsertSimulatedTaxRecord(sut.database.db, { ...record, simulate: 'unavailable' }, new Date());
      const silent = await client.post('/api/organization/refresh');
      expect(silent.status).toBe(503);
      expect(silent.body.error.code).toBe('tax_register.unavailable');
    });

    it('is not reachable by a citizen acting for themself', async () => {
      const person = await createConfirmedCitizen(sut);
      const client = await signedInClient(sut, person);
      expect((await client.get('/api/organization')).status).toBe(403);
    });
  });
});
