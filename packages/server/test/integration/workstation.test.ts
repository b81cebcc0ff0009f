import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountContacts, accounts, personalData, workstationJournal } from '../../src/db/schema/index.js';
import {
  createSimplifiedCitizen,
  createStandardCitizen,
  signedInClient,
  uniqueEmail,
  uniquePhone,
  validPersonalData,
  waitForMessage,
} from '../support/factories.js';
import { eventually, TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import {
  workstationAtCenter,
  workstationOperator,
  workstationOrganization,
  type WorkstationOrg,
  type TestOperator,
} from '../support/workstation.js';

/**
 * АРМ «Центр обслуживания» (issue 12) through HTTP on a real database: an operator signs in with a
 * service certificate, chooses the center, accepts the terms, searches first and does what the
 * search offers; the citizen registered at the desk signs in with the temporary password and must
 * change it.
 */
describe('the operator workstation', () => {
  let sut: TestSystem;
  let org: WorkstationOrg;
  let registrar: TestOperator;
  let desk: TestClient;

  beforeAll(async () => {
    sut = await startTestSystem();
    org = await workstationOrganization(sut);
    registrar = await workstationOperator(sut, org, { groups: ['registration_specialists'] });
    desk = await workstationAtCenter(sut, registrar, org);
  });
  afterAll(async () => sut?.stop());

  const journalOf = async (accountId: string) =>
    sut.database.db
      .select()
      .from(workstationJournal)
      .where(eq(workstationJournal.targetAccountId, accountId));

  it('shows the session bound to the center, with the operations its services and the group allow', async () => {
    const res = await desk.get('/api/ra/session');
    expect(res.status).toBe(200);
    const session = res.body.session;
    expect(session.center.id).toBe(org.centerId);
    expect(session.termsAccepted).toBe(true);
    expect(session.operator.certificateThumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(session.operations.sort()).toEqual(
      [
        'add_child',
        'confirmation',
        'deletion',
        'reconfirmation',
        'recovery',
        'registration',
        'upgrade',
      ].sort(),
    );
  });

  it('registers a citizen nobody found; the checks confirm the account; the temporary password must be changed', async () => {
    const person = validPersonalData({
      lastName: 'Сидорова',
      firstName: 'Анна',
      middleName: 'Петровна',
      gender: 'F',
    });
    const phone = uniquePhone();
    const search = await desk.post('/api/ra/search', {
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      birthDate: person.birthDate,
    });
    expect(search.status, JSON.stringify(search.body)).toBe(200);
    expect(search.body.results).toEqual([]);
    expect(search.body.registration).toBe('offered');

    const registered = await desk.post('/api/ra/registrations', {
      ...person,
      contacts: { phone },
      passwordDelivery: 'sms',
      applicationSigned: true,
      consentSigned: true,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.state).toBe('awaiting_checks');
    const accountId = registered.body.accountId;

    const done = await eventually(async () => {
      const res = await desk.get(`/api/ra/operations/${registered.body.operationId}`);
      return res.body.state === 'done' ? res.body : null;
    });
    expect(done.level).toBe('confirmed');
    const [account] = await sut.database.db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(account).toMatchObject({
      level: 'confirmed',
      confirmationMethod: 'service_center',
      passwordMustChange: true,
    });

    const sms = await waitForMessage(sut, phone, new Date(0), /временный пароль/);
    const temporary = /временный пароль (\S+)\./.exec(sms.body)![1];
    const citizen = new TestClient(sut.app, '10.9.9.9');
    const login = await citizen.post('/api/login', { login: phone, password: temporary });
    expect(login.status).toBe(200);
    expect(login.body.account.passwordChangeRequired).toBe(true);
    expect((await citizen.get('/api/me')).body.error.code).toBe('auth.password_change_required');
    const changed = await citizen.post('/api/auth/temporary-password', {
      password: 'Северная-Звезда-2026',
      passwordRepeat: 'Северная-Звезда-2026',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.account.passwordChangeRequired).toBe(false);
    const me = await citizen.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.account.level).toBe('confirmed');

    const journal = await journalOf(accountId);
    expect(journal.map((e) => [e.action, e.outcome])).toEqual([['registration', 'awaiting_checks']]);
    expect(journal[0].targetMasked).toBe('Сидорова А. П., **.**.1985');
    expect(journal[0].certificateThumbprint).toMatch(/^[0-9A-F]{40}$/);
  });

  it('prints the application, the consent and the receipt with the temporary password', async () => {
    const person = validPersonalData({ lastName: 'Печатникова', firstName: 'Ольга', gender: 'F' });
    const registered = await desk.post('/api/ra/registrations', {
      ...person,
      contacts: { email: uniqueEmail() },
      passwordDelivery: 'print',
      applicationSigned: true,
      consentSigned: true,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.documents).toEqual(['application', 'consent', 'receipt']);
    const base = `/api/ra/operations/${registered.body.operationId}/documents`;
    for (const kind of ['application', 'consent', 'receipt']) {
      const res = await desk.request('GET', `${base}/${kind}`);
      expect(res.status, kind).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(String(res.body).startsWith('%PDF-')).toBe(true);
    }
  });

  it('confirms a standard account in person: the search offers «Подтверждение», the passport must match', async () => {
    const citizen = await createStandardCitizen(sut, { email: uniqueEmail(), lastName: 'Стандартов' });
    const search = await desk.post('/api/ra/search', { snils: citizen.snils });
    expect(search.body.results).toHaveLength(1);
    const [found] = search.body.results;
    expect(found.level).toBe('standard');
    expect(found.snils).toMatch(/^\*\*\*-\*\*\*-\d{3} \d{2}$/);
    expect(
      found.operations
        .filter((o: { available: boolean }) => o.available)
        .map((o: { operation: string }) => o.operation),
    ).toEqual(['confirmation']);
    expect(search.body.registration).toBe('with_reason');

    const wrongPassport = await desk.post(`/api/ra/accounts/${found.accountId}/confirmation`, {
      documentSeries: citizen.personalData.passport.series,
      documentNumber: '000001',
      applicationSigned: true,
      consentSigned: true,
    });
    expect(wrongPassport.status).toBe(422);
    expect(wrongPassport.body.error.code).toBe('workstation.document_mismatch');

    const confirmed = await desk.post(`/api/ra/accounts/${found.accountId}/confirmation`, {
      documentSeries: citizen.personalData.passport.series,
      documentNumber: citizen.personalData.passport.number,
      applicationSigned: true,
      consentSigned: true,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.level).toBe('confirmed');
    const profile = await (await signedInClient(sut, citizen)).get('/api/me');
    expect(profile.body.account.level).toBe('confirmed');
    expect(profile.body.account.confirmationMethod).toBe('service_center');
    expect((await journalOf(found.accountId)).map((e) => [e.action, e.outcome, e.refusalCode])).toEqual(
      expect.arrayContaining([
        ['confirmation', 'refused', 'workstation.document_mismatch'],
        ['confirmation', 'done', null],
      ]),
    );
  });

  it('restores access, adds a child, and deletes on a written request, erasing the personal data', async () => {
    const citizen = await createStandardCitizen(sut, { email: uniqueEmail(), lastName: 'Удалёнов' });
    const passport = citizen.personalData.passport;
    const seen = { documentSeries: passport.series, documentNumber: passport.number };
    const search = await desk.post('/api/ra/search', {
      documentSeries: passport.series,
      documentNumber: passport.number,
    });
    const id = search.body.results[0].accountId;
    await desk.post(`/api/ra/accounts/${id}/confirmation`, {
      ...seen,
      applicationSigned: true,
      consentSigned: true,
    });

    const newPhone = uniquePhone();
    const recovered = await desk.post(`/api/ra/accounts/${id}/recovery`, {
      ...seen,
      contacts: { phone: newPhone },
      passwordDelivery: 'sms',
      applicationSigned: true,
      consentSigned: true,
    });
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
    const contacts = await sut.database.db
      .select()
      .from(accountContacts)
      .where(eq(accountContacts.accountId, id));
    expect(contacts.map((c) => c.value)).toEqual([newPhone]);

    const child = await desk.post(`/api/ra/accounts/${id}/children`, {
      ...seen,
      child: {
        lastName: 'Удалёнов',
        firstName: 'Пётр',
        gender: 'M',
        birthDate: '2019-05-01',
        birthCertificate: {
          series: 'II-ОД',
          number: '123456',
          issueDate: '2019-05-10',
          issuedBy: 'Отдел ЗАГС г. Вологды',
        },
      },
      applicationSigned: true,
      consentSigned: true,
    });
    expect(child.status, JSON.stringify(child.body)).toBe(200);
    const again = await desk.post(`/api/ra/accounts/${id}/children`, {
      ...seen,
      child: {
        lastName: 'Удалёнов',
        firstName: 'Пётр',
        gender: 'M',
        birthDate: '2019-05-01',
        birthCertificate: {
          series: 'II-ОД',
          number: '123456',
          issueDate: '2019-05-10',
          issuedBy: 'Отдел ЗАГС г. Вологды',
        },
      },
      applicationSigned: true,
      consentSigned: true,
    });
    expect(again.body.error.code).toBe('workstation.child_duplicate');
    const children = await sut.services.workstation.children(
      { kind: 'citizen', accountId: id, level: 'confirmed' },
      id,
    );
    expect(children.map((c) => c.firstName)).toEqual(['Пётр']);

    const deleted = await desk.post(`/api/ra/accounts/${id}/deletion`, {
      ...seen,
      reason: 'Больше не пользуюсь порталом',
      applicationSigned: true,
      consentSigned: true,
    });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    const [account] = await sut.database.db.select().from(accounts).where(eq(accounts.id, id));
    expect(account).toMatchObject({ status: 'deleted', lastName: '', firstName: '', passwordHash: null });
    expect(await sut.database.db.select().from(personalData).where(eq(personalData.accountId, id))).toEqual(
      [],
    );
    const journal = await journalOf(id);
    expect(journal.length).toBeGreaterThan(3);
    expect(journal.every((e) => e.targetMasked === null)).toBe(true);
    const gone = await desk.post('/api/ra/search', { snils: citizen.snils });
    expect(gone.body.results).toEqual([]);
  });

  it('registers a confirmed account on the basis of a simplified one', async () => {
    const phone = uniquePhone();
    const simple = await createSimplifiedCitizen(sut, { phone, lastName: 'Простов', firstName: 'Павел' });
    const search = await desk.post('/api/ra/search', { phone });
    const [found] = search.body.results;
    expect(found.level).toBe('simplified');
    expect(found.operations.find((o: { operation: string }) => o.operation === 'upgrade').available).toBe(
      true,
    );
    const upgraded = await desk.post(`/api/ra/accounts/${simple.id}/upgrade`, {
      ...validPersonalData({ lastName: 'Простов', firstName: 'Павел' }),
      applicationSigned: true,
      consentSigned: true,
    });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    await eventually(
      async () => (await desk.get(`/api/ra/operations/${upgraded.body.operationId}`)).body.state === 'done',
    );
    const [account] = await sut.database.db.select().from(accounts).where(eq(accounts.id, simple.id));
    expect(account.level).toBe('confirmed');
  });
});
