import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizationApplications } from '../../src/db/schema/index.js';
import { findOrganization } from '../../src/repositories/organization/organizations.js';
import { readPdf } from '../support/pdf.js';
import { createFederalOperator, signedInClient, uniqueEmail, waitForMessage } from '../support/factories.js';
import type { TestClient } from '../support/http.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { issueTestCertificate, type TestCertificate } from '../support/test-ca.js';

/**
 * Applications Форма З and Форма И (issue 10): the draft, the signature of the head or the deputy,
 * the regional operator's return and forward, the federal operator's decision and its effects on
 * «Доступ к системам»; and every refusal, with nothing changed.
 */
describe('applications Форма З and Форма И', () => {
  let sut: TestSystem;
  let federal: TestClient;
  beforeAll(async () => {
    sut = await startTestSystem();
    federal = await signedInClient(sut, await createFederalOperator(sut));
  });
  afterAll(async () => sut?.stop());

  type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
  const named = (p: Person) => ({ id: p.id, ...p.personalData });

  /** A legal entity's qualified certificate of `person` for the organization `org`. */
  async function legalEntityCertificate(
    person: Person,
    org: { ogrn: string; inn: string },
    title = 'Директор',
  ) {
    return issueTestCertificate(sut, {
      subject: {
        lastName: person.personalData.lastName,
        firstName: person.personalData.firstName,
        middleName: person.personalData.middleName,
        snils: person.personalData.snils,
        ogrn: org.ogrn,
        innLe: org.inn,
        organization: 'Государственное учреждение «Тестовый центр»',
        title,
      },
    });
  }

  interface Org {
    id: string;
    ogrn: string;
    inn: string;
    head: Person;
    client: TestClient;
    cert: TestCertificate;
    email: string;
  }

  async function organization(regionCode = '35'): Promise<Org> {
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, named(head), { regionCode });
    const client = await signedInClient(sut, head);
    expect((await client.put('/api/session/acting-for', { organizationId: org.id })).status).toBe(200);
    const { email } = (await findOrganization(sut.database.db, org.id))!;
    return { ...org, head, client, cert: await legalEntityCertificate(head, org), email };
  }

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

  const responsible = (p: Person) => ({
    accountId: p.id,
    lastName: p.personalData.lastName,
    firstName: p.personalData.firstName,
    middleName: p.personalData.middleName,
    position: 'Заместитель директора',
    workPhone: '+7 (8172) 23-00-01',
    mobilePhone: '+7 921 000-00-01',
    email: 'responsible@example.ru',
  });

  /** A draft of `form` with every field filled in: the head responsible and signing. */
  async function filledDraft(org: Org, form: 'form_z' | 'form_i' = 'form_z') {
    const created = await org.client.post('/api/organization/applications', { form });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const saved = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: created.body.revision,
      content: { ...created.body.content, responsible: responsible(org.head) },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    return saved.body;
  }

  async function signAndSend(
    client: TestClient,
    cert: TestCertificate,
    application: { id: string; revision: number },
  ) {
    const challenge = await client.post(`/api/organization/applications/${application.id}/challenge`, {
      revision: application.revision,
      certificate: cert.certificate.toString('base64'),
    });
    if (challenge.status !== 200) return challenge;
    return client.post(`/api/organization/applications/${application.id}/submit-signed`, {
      revision: application.revision,
      challengeId: challenge.body.challengeId,
      signature: cert.sign(Buffer.from(challenge.body.dataToSign, 'base64')),
    });
  }

  async function groups(org: Org) {
    const res = await org.client.get('/api/organization/groups');
    return Object.fromEntries(
      (res.body.groups as { group: string; open: boolean }[]).map((g) => [g.group, g.open]),
    );
  }

  async function row(id: string) {
    const [r] = await sut.database.db
      .select()
      .from(organizationApplications)
      .where(eq(organizationApplications.id, id));
    return r!;
  }

  it('goes from a draft through a return and a forward to approval, and the groups open with it', async () => {
    const org = await organization('35');
    const regional = await regionalOperator('35');

    // The list offers Форма З, not yet Форма И.
    const list = await org.client.get('/api/organization/applications');
    expect(list.body.forms).toEqual([
      { form: 'form_z', available: true, refusal: null },
      { form: 'form_i', available: false, refusal: 'application.form_z_required' },
    ]);

    // A draft prefilled from the organization, the head as the signatory.
    const created = await org.client.post('/api/organization/applications', { form: 'form_z' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'draft',
      content: {
        ogrn: org.ogrn,
        organizationType: 'state_institution',
        signatory: { role: 'head', accountId: org.head.id, lastName: org.head.personalData.lastName },
      },
    });
    const second = await org.client.post('/api/organization/applications', { form: 'form_z' });
    expect(second.body.error.code).toBe('application.already_open');
    const saved = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: created.body.revision,
      content: { ...created.body.content, responsible: responsible(org.head) },
    });
    expect(saved.status).toBe(200);

    const since = new Date(0);
    const sent = await signAndSend(org.client, org.cert, saved.body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({
      status: 'submitted',
      version: 1,
      signingMethod: 'qualified_signature',
    });
    expect(sent.body.versions[0].signer.serialNumber).toBe(org.cert.serialNumber);
    await waitForMessage(sut, org.email, since, /отправлена региональному оператору/);

    // The kept signature verifies over the document anyone can download.
    const base = `/api/organization/applications/${created.body.id}/versions/1`;
    const document = await org.client.getBytes(`${base}/document`);
    const signature = await org.client.getBytes(`${base}/signature`);
    expect(document.status).toBe(200);
    expect(document.headers['content-disposition']).toContain('attachment');
    expect(document.body.toString('utf8')).toContain(`ОГРН: ${org.ogrn}`);
    const verified = await sut.services.signatures.verify(signature.body, document.body);
    expect(verified.signer.serialNumber).toBe(org.cert.serialNumber);

    // The regional operator sees it in its queue, with the time it has left, and returns it.
    const queue = await regional.get('/api/regional-operator/applications');
    const queued = queue.body.applications.find((a: { id: string }) => a.id === created.body.id);
    expect(queued).toMatchObject({ status: 'submitted', overdue: false, organization: { ogrn: org.ogrn } });
    expect(queued.dueAt).toBeTruthy();
    const returned = await regional.post(`/api/regional-operator/applications/${created.body.id}/review`, {
      decision: 'return',
      remarks: 'Укажите рабочий телефон с кодом города.',
      revision: queued.revision,
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      remarks: 'Укажите рабочий телефон с кодом города.',
    });
    await waitForMessage(sut, org.email, since, /Замечания: Укажите рабочий телефон/);

    // The organization fixes it and sends version 2.
    const mine = await org.client.get(`/api/organization/applications/${created.body.id}`);
    const fixed = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: mine.body.revision,
      content: {
        ...mine.body.content,
        responsible: { ...responsible(org.head), workPhone: '+7 (8172) 23-00-02' },
      },
    });
    const resent = await signAndSend(org.client, org.cert, fixed.body);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ status: 'submitted', version: 2 });
    expect(resent.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    // Forwarded; the federal operator approves; the group opens at once.
    const forwarded = await regional.post(`/api/regional-operator/applications/${created.body.id}/review`, {
      decision: 'forward',
      revision: resent.body.revision,
    });
    expect(forwarded.body.status).toBe('forwarded');
    expect((await groups(org)).identity_specialists).toBe(false);
    const federalQueue = await federal.get('/api/federal-operator/applications');
    expect(federalQueue.body.applications.some((a: { id: string }) => a.id === created.body.id)).toBe(true);
    const approved = await federal.post(`/api/federal-operator/applications/${created.body.id}/decision`, {
      decision: 'approve',
      revision: forwarded.body.revision,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.events.map((e: { event: string }) => e.event)).toEqual([
      'create',
      'submit',
      'regional_return',
      'resubmit',
      'regional_forward',
      'federal_approve',
    ]);
    await waitForMessage(sut, org.email, since, /уполномоченной организации/);
    expect(await groups(org)).toMatchObject({ identity_specialists: true, registration_specialists: false });

    // Форма И is now offered, and its approval opens the second АРМ group.
    const formI = await filledDraft(org, 'form_i');
    const sentI = await signAndSend(org.client, org.cert, formI);
    expect(sentI.status).toBe(200);
    const forwardedI = await regional.post(`/api/regional-operator/applications/${formI.id}/review`, {
      decision: 'forward',
      revision: sentI.body.revision,
    });
    const approvedI = await federal.post(`/api/federal-operator/applications/${formI.id}/decision`, {
      decision: 'approve',
      revision: forwardedI.body.revision,
    });
    expect(approvedI.body.status).toBe('approved');
    expect(await groups(org)).toMatchObject({ identity_specialists: true, registration_specialists: true });

    const events = await sut.database.db.select().from(auditLog).where(eq(auditLog.subjectId, org.id));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining([
        'application.created',
        'application.submitted',
        'application.regional_review',
        'application.federal_decision',
      ]),
    );
  });

  it('refuses bad input with a clear code and changes nothing', async () => {
    const org = await organization('35');
    const other = await organization('35');

    // Форма И before Форма З is approved.
    const early = await org.client.post('/api/organization/applications', { form: 'form_i' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('application.form_z_required');

    // A missing field is named, the signature never asked for.
    const created = await org.client.post('/api/organization/applications', { form: 'form_z' });
    const incomplete = await org.client.post(`/api/organization/applications/${created.body.id}/challenge`, {
      revision: created.body.revision,
      certificate: org.cert.certificate.toString('base64'),
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['content.responsible.lastName', 'content.responsible.workPhone']),
    );

    // A malformed field in a draft: a NUL byte, an over-long name.
    const hostile = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: created.body.revision,
      content: { organizationFullName: 'a\u0000b', responsible: { lastName: 'x'.repeat(61) } },
    });
    expect(hostile.status).toBe(400);
    expect(hostile.body.error.fields.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['text.invalid_chars', 'too_long']),
    );

    // The ОГРН of another organization.
    const foreign = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: created.body.revision,
      content: { ...created.body.content, ogrn: other.ogrn, responsible: responsible(org.head) },
    });
    expect(foreign.status).toBe(200);
    const foreignSent = await signAndSend(org.client, org.cert, foreign.body);
    expect(foreignSent.body.error.code).toBe('application.ogrn_mismatch');

    // A responsible person who is not an employee.
    const notMember = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: foreign.body.revision,
      content: { ...created.body.content, responsible: responsible(other.head) },
    });
    const notMemberSent = await signAndSend(org.client, org.cert, notMember.body);
    expect(notMemberSent.body.error.fields).toEqual([
      { path: 'content.responsible.accountId', code: 'application.not_member' },
    ]);

    const fine = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: notMember.body.revision,
      content: { ...created.body.content, responsible: responsible(org.head) },
    });

    // Signed by an administrator who is neither the head nor the deputy named.
    const admin = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(admin), { administrator: true });
    const adminClient = await signedInClient(sut, admin);
    await adminClient.put('/api/session/acting-for', { organizationId: org.id });
    const byAdmin = await signAndSend(adminClient, await legalEntityCertificate(admin, org), fine.body);
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.error.code).toBe('application.signer_not_signatory');

    // The head's certificate of another organization.
    const otherCert = await legalEntityCertificate(org.head, other);
    const wrongOrg = await signAndSend(org.client, otherCert, fine.body);
    expect(wrongOrg.body.error.code).toBe('application.certificate_other_organization');

    // A signature over another version: signed, then the form edited before sending.
    const challenge = await org.client.post(`/api/organization/applications/${created.body.id}/challenge`, {
      revision: fine.body.revision,
      certificate: org.cert.certificate.toString('base64'),
    });
    const edited = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: fine.body.revision,
      content: {
        ...fine.body.content,
        responsible: { ...fine.body.content.responsible, position: 'Директор' },
      },
    });
    const stale = await org.client.post(`/api/organization/applications/${created.body.id}/submit-signed`, {
      revision: edited.body.revision,
      challengeId: challenge.body.challengeId,
      signature: org.cert.sign(Buffer.from(challenge.body.dataToSign, 'base64')),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('application.signed_version_mismatch');
    // A page showing an older revision cannot write over a newer one.
    const older = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: fine.body.revision,
      content: fine.body.content,
    });
    expect(older.body.error.code).toBe('application.stale');
    expect((await row(created.body.id)).status).toBe('draft');

    // Another organization's application is unknown.
    expect((await other.client.get(`/api/organization/applications/${created.body.id}`)).status).toBe(404);

    // Sent; then another region's operator cannot see or decide it.
    const sent = await signAndSend(org.client, org.cert, edited.body);
    expect(sent.status).toBe(200);
    const elsewhere = await regionalOperator('41');
    expect((await elsewhere.get(`/api/regional-operator/applications/${created.body.id}`)).status).toBe(404);
    const foreignReview = await elsewhere.post(
      `/api/regional-operator/applications/${created.body.id}/review`,
      {
        decision: 'forward',
        revision: sent.body.revision,
      },
    );
    expect(foreignReview.status).toBe(404);
    expect(foreignReview.body.error.code).toBe('application.not_found');
    const queue41 = await elsewhere.get('/api/regional-operator/applications');
    expect(queue41.body.applications.some((a: { id: string }) => a.id === created.body.id)).toBe(false);

    // Not editable once sent; the federal operator cannot decide before the regional one.
    const lateEdit = await org.client.put(`/api/organization/applications/${created.body.id}`, {
      revision: sent.body.revision,
      content: fine.body.content,
    });
    expect(lateEdit.body.error.code).toBe('application.wrong_state');
    const early2 = await federal.post(`/api/federal-operator/applications/${created.body.id}/decision`, {
      decision: 'approve',
      revision: sent.body.revision,
    });
    expect(early2.body.error.code).toBe('application.wrong_state');

    // Forwarded, rejected with a reason; a second decision is refused.
    const regional = await regionalOperator('35');
    const forwarded = await regional.post(`/api/regional-operator/applications/${created.body.id}/review`, {
      decision: 'forward',
      revision: sent.body.revision,
    });
    const noReason = await federal.post(`/api/federal-operator/applications/${created.body.id}/decision`, {
      decision: 'reject',
      reason: '  ',
      revision: forwarded.body.revision,
    });
    expect(noReason.status).toBe(400);
    const rejected = await federal.post(`/api/federal-operator/applications/${created.body.id}/decision`, {
      decision: 'reject',
      reason: 'Организация не оказывает услуги населению.',
      revision: forwarded.body.revision,
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Организация не оказывает услуги населению.',
    });
    const twice = await federal.post(`/api/federal-operator/applications/${created.body.id}/decision`, {
      decision: 'approve',
      revision: rejected.body.revision,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('application.wrong_state');
    expect((await groups(org)).identity_specialists).toBe(false);

    // After a rejection a new application may be filed.
    const again = await org.client.post('/api/organization/applications', { form: 'form_z' });
    expect(again.status).toBe(200);

    // Neither an employee without the role nor a citizen reaches the operators' queues.
    expect((await org.client.get('/api/federal-operator/applications')).status).toBe(403);
    expect((await org.client.get('/api/regional-operator/applications')).status).toBe(403);
  });

  it('prints the form as a PDF and takes the scan of the signed paper, refusing a wrong or large file', async () => {
    const org = await organization('35');
    const draft = await filledDraft(org);
    const pdf = await org.client.getBytes(`/api/organization/applications/${draft.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const text = (await readPdf(pdf.body)).map((p) => p.text).join(' ');
    expect(text).toContain(org.ogrn);
    expect(text).toContain(org.head.personalData.lastName);
    expect(text).toContain('М.П.');
    expect(text).toContain(draft.id);

    const scan = (bytes: Buffer, fileName = 'скан.pdf', revision = draft.revision) =>
      org.client.post(`/api/organization/applications/${draft.id}/submit-scan`, {
        revision,
        fileName,
        scan: bytes.toString('base64'),
      });
    // A text file named .pdf, an empty file, more than 10 MiB: refused, the draft unchanged.
    const renamed = await scan(Buffer.from('это не скан, а текст'));
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.code).toBe('application.scan_type');
    const empty = await scan(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const large = Buffer.concat([pdf.body, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await scan(large);
    expect([400, 413]).toContain(tooLarge.status);
    expect((await row(draft.id)).status).toBe('draft');

    // The printed PDF itself stands in for a scanned PDF: its type is read from its bytes.
    const sent = await scan(pdf.body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'submitted', signingMethod: 'scan', version: 1 });
    expect(sent.body.versions[0].scan).toMatchObject({
      contentType: 'application/pdf',
      fileName: 'скан.pdf',
    });
    const regional = await regionalOperator('35');
    const download = await regional.getBytes(
      `/api/regional-operator/applications/${draft.id}/versions/1/scan`,
    );
    expect(download.status).toBe(200);
    expect(download.body.equals(pdf.body)).toBe(true);
    const elsewhere = await (
      await regionalOperator('41')
    ).getBytes(`/api/regional-operator/applications/${draft.id}/versions/1/scan`);
    expect(elsewhere.status).toBe(404);
  });

  it('lets the deputy for informatization named in the form sign it', async () => {
    const org = await organization('35');
    const deputy = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(deputy));
    const draft = await filledDraft(org);
    const withDeputy = await org.client.put(`/api/organization/applications/${draft.id}`, {
      revision: draft.revision,
      content: {
        ...draft.content,
        signatory: {
          role: 'deputy',
          accountId: deputy.id,
          lastName: deputy.personalData.lastName,
          firstName: deputy.personalData.firstName,
          middleName: deputy.personalData.middleName,
          position: 'Заместитель директора по информатизации',
        },
      },
    });
    // The head no longer signs this version; the deputy (an employee, no administrator) does.
    const byHead = await signAndSend(org.client, org.cert, withDeputy.body);
    expect(byHead.body.error.code).toBe('application.signer_not_signatory');
    const deputyClient = await signedInClient(sut, deputy);
    await deputyClient.put('/api/session/acting-for', { organizationId: org.id });
    const sent = await signAndSend(
      deputyClient,
      await legalEntityCertificate(deputy, org, 'Заместитель'),
      withDeputy.body,
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.status).toBe('submitted');
    // The deputy may sign, not edit.
    const edit = await deputyClient.put(`/api/organization/applications/${draft.id}`, {
      revision: sent.body.revision,
      content: draft.content,
    });
    expect(edit.status).toBe(403);
  });
});
