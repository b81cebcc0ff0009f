import { formatSnils } from '@openesia/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workstationJournal } from '../../src/db/schema/index.js';
import { attachOperator } from '../../src/repositories/center/centers.js';
import { insertTestCenter } from '../support/centers.js';
import {
  createFederalOperator,
  signedInClient,
  uniqueEmail,
  uniquePhone,
  validPersonalData,
  type CreatedStandardCitizen,
} from '../support/factories.js';
import type { HttpResult, TestClient } from '../support/http.js';
import {
  addTestMember,
  createConfirmedCitizen,
  insertApprovedApplication,
} from '../support/organizations.js';
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';
import {
  workstationAtCenter,
  workstationOperator,
  workstationOrganization,
  type TestOperator,
  type WorkstationOrg,
} from '../support/workstation.js';

interface Entry {
  id: string;
  at: string;
  operator: { accountId: string; name: string };
  organization: { id: string };
  center: { id: string } | null;
  regionCode: string;
  action: string;
  target: { oid: string | null; masked: string | null } | null;
  outcome: string;
  refusal: string | null;
}

/**
 * «Журнал АРМ» (issue 12): the organization's head, administrators and responsible person read
 * their organization's operators' entries, the regional operator its region's, the federal
 * operator everyone's with filters and pages; masked data only.
 */
describe('the workstation journal', () => {
  let sut: TestSystem;
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  let vologda: WorkstationOrg;
  let kamchatka: WorkstationOrg;
  /** the second center of the Vologda organization */
  let secondCenter: WorkstationOrg;
  let registrar: TestOperator;
  let second: TestOperator;
  let remote: TestOperator;
  let registered: { snils: string; passportNumber: string; lastName: string };
  let federal: TestClient;

  const person = (p: CreatedStandardCitizen) => ({ id: p.id, ...p.personalData });

  async function actingFor(citizen: CreatedStandardCitizen, organizationId: string): Promise<TestClient> {
    const client = await signedInClient(sut, citizen);
    const chosen = await client.put('/api/session/acting-for', { organizationId });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    return client;
  }

  const entriesOf = (res: HttpResult): Entry[] => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.entries;
  };

  /** Nothing in an answer is a whole СНИЛС or a passport number of the person served. */
  function expectMasked(res: HttpResult): void {
    const json = JSON.stringify(res.body);
    expect(json).not.toMatch(/\d{3}-\d{3}-\d{3}[ -]\d{2}/);
    expect(json).not.toMatch(/\b\d{11}\b/);
    expect(json).not.toContain(registered.snils);
    expect(json).not.toContain(formatSnils(registered.snils));
    expect(json).not.toContain(registered.passportNumber);
  }

  const rowsWhere = async (column: 'organizationId' | 'regionCode', value: string) =>
    (await sut.database.db.select().from(workstationJournal).where(eq(workstationJournal[column], value)))
      .length;

  beforeAll(async () => {
    sut = await startTestSystem({ clock });
    vologda = await workstationOrganization(sut, { regionCode: '35' });
    kamchatka = await workstationOrganization(sut, { regionCode: '41' });
    const center = await insertTestCenter(
      sut,
      { id: vologda.id, createdBy: vologda.head.id },
      { services: ['confirmation', 'registration', 'recovery', 'deletion'], regionCode: '35' },
    );
    secondCenter = { ...vologda, centerId: center.id };

    // 23 November: a registration and a search in Вологда, a search in Камчатка
    registrar = await workstationOperator(sut, vologda);
    const desk = await workstationAtCenter(sut, registrar, vologda);
    const data = validPersonalData({ lastName: 'Журналова', firstName: 'Анна', gender: 'F' });
    registered = {
      snils: data.snils.replace(/\D/g, ''),
      passportNumber: data.passport.number,
      lastName: data.lastName,
    };
    expect((await desk.post('/api/ra/search', { snils: data.snils })).status).toBe(200);
    const done = await desk.post('/api/ra/registrations', {
      ...data,
      contacts: { phone: uniquePhone() },
      passwordDelivery: 'sms',
      applicationSigned: true,
      consentSigned: true,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    remote = await workstationOperator(sut, kamchatka);
    const far = await workstationAtCenter(sut, remote, kamchatka);
    expect((await far.post('/api/ra/search', { phone: uniquePhone() })).status).toBe(200);

    // 25 November: another operator of Вологда at the second center; Камчатка searches a lot
    clock.advance(2 * 24 * 60 * 60_000);
    second = await workstationOperator(sut, vologda, { attach: false });
    await attachOperator(sut.database.db, {
      centerId: secondCenter.centerId,
      accountId: second.person.id,
      attachedAt: clock.now(),
      attachedBy: vologda.head.id,
    });
    const secondDesk = await workstationAtCenter(sut, second, secondCenter);
    expect((await secondDesk.post('/api/ra/search', { email: uniqueEmail() })).status).toBe(200);
    const farAgain = await workstationAtCenter(sut, remote, kamchatka);
    for (let i = 0; i < 52; i++)
      expect((await farAgain.post('/api/ra/search', { phone: uniquePhone() })).status).toBe(200);

    federal = await signedInClient(sut, await createFederalOperator(sut));
  });
  afterAll(async () => sut?.stop());

  describe('of the organization', () => {
    it('shows the head its own operators’ entries only, masked', async () => {
      const head = await actingFor(vologda.head, vologda.id);
      const res = await head.get('/api/organization/workstation-journal');
      const entries = entriesOf(res);
      expect(res.body.total).toBe(await rowsWhere('organizationId', vologda.id));
      expect(entries.length).toBe(res.body.total);
      expect(new Set(entries.map((e) => e.organization.id))).toEqual(new Set([vologda.id]));
      expect(new Set(entries.map((e) => e.operator.accountId))).toEqual(
        new Set([registrar.person.id, second.person.id]),
      );
      const registration = entries.find((e) => e.action === 'registration')!;
      expect(registration).toMatchObject({ outcome: 'awaiting_checks', center: { id: vologda.centerId } });
      expect(registration.target!.masked).toBe('Журналова А. И., **.**.1985');
      expectMasked(res);
    });

    it('filters by center and operator, but never beyond the organization', async () => {
      const head = await actingFor(vologda.head, vologda.id);
      const atSecond = entriesOf(
        await head.get(`/api/organization/workstation-journal?centerId=${secondCenter.centerId}`),
      );
      expect(atSecond.length).toBeGreaterThan(0);
      expect(atSecond.every((e) => e.center?.id === secondCenter.centerId)).toBe(true);
      const byRegistrar = entriesOf(
        await head.get(`/api/organization/workstation-journal?operatorId=${registrar.person.id}`),
      );
      expect(byRegistrar.every((e) => e.operator.accountId === registrar.person.id)).toBe(true);
      const foreign = await head.get(`/api/organization/workstation-journal?operatorId=${remote.person.id}`);
      expect(entriesOf(foreign)).toEqual([]);
      expect(foreign.body.total).toBe(0);
      const foreignOrg = await head.get(
        `/api/organization/workstation-journal?organizationId=${kamchatka.id}`,
      );
      expect(entriesOf(foreignOrg).every((e) => e.organization.id === vologda.id)).toBe(true);
    });

    it('refuses an ordinary employee: 403', async () => {
      const employee = await createConfirmedCitizen(sut, { email: uniqueEmail(), lastName: 'Рядовой' });
      await addTestMember(sut, vologda.id, person(employee));
      const client = await actingFor(employee, vologda.id);
      const res = await client.get('/api/organization/workstation-journal');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    });

    it('shows the responsible person of the approved application', async () => {
      const responsible = await createConfirmedCitizen(sut, {
        email: uniqueEmail(),
        lastName: 'Ответственнов',
      });
      await addTestMember(sut, vologda.id, person(responsible));
      const before = await (
        await actingFor(responsible, vologda.id)
      ).get('/api/organization/workstation-journal');
      expect(before.status).toBe(403);
      await insertApprovedApplication(sut, vologda, {
        id: responsible.id,
        lastName: responsible.personalData.lastName,
        firstName: responsible.personalData.firstName,
        email: responsible.email!,
      });
      const res = await (
        await actingFor(responsible, vologda.id)
      ).get('/api/organization/workstation-journal');
      expect(entriesOf(res).length).toBeGreaterThan(0);
      expect(entriesOf(res).every((e) => e.organization.id === vologda.id)).toBe(true);
    });
  });

  describe('of the region', () => {
    it('shows the regional operator its region’s entries only', async () => {
      const operator = await createConfirmedCitizen(sut, { email: uniqueEmail(), lastName: 'Регионов' });
      const granted = await federal.post('/api/registry/regional-operators', {
        login: operator.email,
        regionCode: '35',
      });
      expect(granted.status, JSON.stringify(granted.body)).toBe(200);
      const client = await signedInClient(sut, operator);
      const res = await client.get('/api/regional-operator/workstation-journal');
      const entries = entriesOf(res);
      expect(res.body.total).toBe(await rowsWhere('regionCode', '35'));
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.regionCode === '35')).toBe(true);
      expect(entries.some((e) => e.organization.id === kamchatka.id)).toBe(false);
      expectMasked(res);
      // another region's organization named: still nothing of it
      const other = await client.get(
        `/api/regional-operator/workstation-journal?organizationId=${kamchatka.id}`,
      );
      expect(entriesOf(other)).toEqual([]);
      const byRegion = await client.get('/api/regional-operator/workstation-journal?regionCode=41');
      expect(entriesOf(byRegion).every((e) => e.regionCode === '35')).toBe(true);
    });

    it('refuses a citizen and the organization’s head: 403', async () => {
      const citizen = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      expect(
        (await (await signedInClient(sut, citizen)).get('/api/regional-operator/workstation-journal')).status,
      ).toBe(403);
      const head = await actingFor(vologda.head, vologda.id);
      expect((await head.get('/api/federal-operator/workstation-journal')).status).toBe(403);
    });
  });

  describe('of the federal operator', () => {
    const journal = (query = '') => federal.get(`/api/federal-operator/workstation-journal${query}`);

    it('shows every region, in pages of 50, newest first', async () => {
      const all = (await sut.database.db.select().from(workstationJournal)).length;
      const first = await journal();
      expect(entriesOf(first)).toHaveLength(50);
      expect(first.body).toMatchObject({ total: all, page: 1, pageSize: 50 });
      expect(new Set(first.body.entries.map((e: Entry) => e.regionCode))).toContain('41');
      const times = first.body.entries.map((e: Entry) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
      const secondPage = await journal('?page=2');
      expect(entriesOf(secondPage)).toHaveLength(all - 50);
      expect(secondPage.body.page).toBe(2);
      const ids = new Set(first.body.entries.map((e: Entry) => e.id));
      expect(secondPage.body.entries.some((e: Entry) => ids.has(e.id))).toBe(false);
      expect(new Set(secondPage.body.entries.map((e: Entry) => e.regionCode))).toContain('35');
      expectMasked(first);
      expectMasked(secondPage);
    });

    it('filters by region, organization, action, center, operator and dates', async () => {
      const region = await journal('?regionCode=35');
      expect(region.body.total).toBe(await rowsWhere('regionCode', '35'));
      expect(entriesOf(region).every((e) => e.regionCode === '35')).toBe(true);

      const organization = await journal(`?organizationId=${kamchatka.id}`);
      expect(organization.body.total).toBe(await rowsWhere('organizationId', kamchatka.id));
      expect(entriesOf(organization).every((e) => e.organization.id === kamchatka.id)).toBe(true);

      const registrations = entriesOf(await journal('?action=registration'));
      expect(registrations).toHaveLength(1);
      expect(registrations[0]).toMatchObject({ operator: { accountId: registrar.person.id } });

      const center = entriesOf(await journal(`?centerId=${secondCenter.centerId}`));
      expect(center.length).toBeGreaterThan(0);
      expect(center.every((e) => e.operator.accountId === second.person.id)).toBe(true);

      const operator = await journal(`?operatorId=${second.person.id}`);
      expect(
        entriesOf(operator)
          .map((e) => e.action)
          .sort(),
      ).toEqual(['accept_terms', 'choose_center', 'search', 'sign_in'].sort());

      // 23 November (Moscow) only, then from 24 November on
      const early = await journal('?to=2026-11-23&regionCode=41');
      expect(
        entriesOf(early)
          .map((e) => e.action)
          .sort(),
      ).toEqual(['accept_terms', 'choose_center', 'search', 'sign_in'].sort());
      const late = await journal('?from=2026-11-24&regionCode=41');
      // signed in again, chose the center, 52 searches; the terms were accepted once, on the 23rd
      expect(late.body.total).toBe(54);
      expect(entriesOf(late).every((e) => e.at >= '2026-11-23T21:00:00.000Z')).toBe(true);
      const none = await journal('?from=2026-11-24&to=2026-11-24');
      expect(none.body.total).toBe(0);
    });

    it('refuses an unknown action with the field code', async () => {
      const res = await journal('?action=teleport');
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'action', code: 'journal.action_unknown' }]);
    });
  });
});
