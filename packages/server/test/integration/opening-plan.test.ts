import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { grantApproval } from '../../src/repositories/application/applications.js';
import { attachOperator, insertCenterEvent } from '../../src/repositories/center/centers.js';
import { insertSignedDocument } from '../../src/repositories/signature/signed-documents.js';
import { actingForClient } from '../support/acting-for.js';
import { insertTestCenter } from '../support/centers.js';
import { createFederalOperator, signedInClient, uniqueEmail } from '../support/factories.js';
import type { TestClient } from '../support/http.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';
import { issueTestCertificate } from '../support/test-ca.js';

/**
 * «План открытия ЦО» (issue 10, item 6; seed 004) through HTTP on a real database: an
 * organization's steps move as its facts change, the regional operator's table of its region
 * (filtered, sorted, downloaded as XLSX and read back), the deadline and overdue organizations,
 * the federal operator's regions; and every other region's or audience's refusal.
 */
describe('the opening plan', () => {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  let sut: TestSystem;
  let federal: TestClient;
  beforeAll(async () => {
    sut = await startTestSystem({ clock, env: { OPENING_PLAN_DEADLINE: '2026-12-31' } });
  });
  afterAll(async () => sut?.stop());

  type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
  const named = (p: Person) => ({ id: p.id, ...p.personalData });
  const person = () => createConfirmedCitizen(sut, { email: uniqueEmail() });

  async function organization(regionCode: string, shortName?: string) {
    const head = await person();
    const org = await insertTestOrganization(sut, named(head), { regionCode, shortName });
    return { ...org, head, client: await actingForClient(sut, head, org.id) };
  }

  const operatorOrganizations = new Map<string, string>();
  async function regionalOperator(regionCode: string): Promise<TestClient> {
    const p = await person();
    let orgId = operatorOrganizations.get(regionCode);
    if (orgId) await addTestMember(sut, orgId, named(p));
    else {
      orgId = (await insertTestOrganization(sut, named(p), { operatorOfRegion: regionCode, regionCode })).id;
      operatorOrganizations.set(regionCode, orgId);
    }
    return actingForClient(sut, p, orgId);
  }

  /** A document `employee` signed in ЕСИА with a certificate of the organization `ogrn` (or another). */
  async function signedWith(employee: Person, org: { ogrn: string; inn: string }) {
    const cert = await issueTestCertificate(sut, {
      subject: {
        lastName: employee.personalData.lastName,
        firstName: employee.personalData.firstName,
        middleName: employee.personalData.middleName,
        snils: employee.personalData.snils,
        ogrn: org.ogrn,
        innLe: org.inn,
        organization: 'Государственное учреждение «Тестовый центр»',
        title: 'Специалист',
      },
    });
    await insertSignedDocument(sut.database.db, {
      id: randomUUID(),
      accountId: employee.id,
      documentType: 'application',
      documentHash: '00',
      hashAlgorithm: 'streebog256',
      signature: Buffer.from('signature'),
      certificate: cert.certificate,
      result: 'valid',
      verifiedAt: clock.now(),
    });
  }

  it("moves an organization's steps as its facts change, each control event with its date", async () => {
    const org = await organization('35');
    const registeredAt = clock.now().toISOString();
    let client = org.client;
    const plan = async () => {
      const res = await client.get('/api/organization/opening-plan');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const step = (body: any, name: string) => body.steps.find((s: any) => s.step === name);

    let body = await plan();
    expect(body.organization).toMatchObject({ id: org.id, ogrn: org.ogrn, regionCode: '35' });
    expect(body.stage).toBe('officials');
    expect(step(body, 'registration')).toEqual({
      step: 'registration',
      state: 'done',
      reachedAt: registeredAt,
      missing: [],
    });
    expect(step(body, 'officials').missing).toEqual(['no_technical_official', 'no_operators']);
    // no center, attachment or workstation sign-in yet: said as it is
    expect(step(body, 'centers')).toMatchObject({ state: 'pending', missing: ['no_active_center'] });
    expect(step(body, 'workstations').missing).toEqual([
      'no_operator_in_workstation_groups',
      'no_operator_attached_to_center',
      'no_operator_signed_in_to_workstation',
    ]);
    expect(body.deadline).toEqual({ date: '2026-12-31', source: 'default', setAt: null });
    expect(body.overdue).toBe(false);
    expect(body.today).toBe('2026-11-23');

    // An administrator (the technical official) who signed only with another organization's certificate.
    const official = await person();
    await addTestMember(sut, org.id, named(official), { administrator: true });
    const elsewhere = await insertTestOrganization(sut, named(await person()), { regionCode: '41' });
    await signedWith(official, elsewhere);
    body = await plan();
    expect(body.facts).toEqual({
      technicalOfficials: 1,
      operators: 1,
      operatorsWithServiceCertificate: 0,
      operatorsInWorkstationGroups: 0,
    });
    expect(step(body, 'officials')).toMatchObject({
      state: 'current',
      missing: ['operators_without_service_certificate'],
    });

    // The service certificate of this organization: step 2 is done (it has no control event).
    await signedWith(official, org);
    body = await plan();
    expect(body.facts.operatorsWithServiceCertificate).toBe(1);
    expect(step(body, 'officials')).toEqual({
      step: 'officials',
      state: 'done',
      reachedAt: null,
      missing: [],
    });
    expect(body.stage).toBe('form_z');
    expect(step(body, 'form_z').missing).toEqual(['form_z_not_approved']);

    // Форма З approved by the federal operator: the control event is reached, dated.
    clock.advance(3 * 86_400_000);
    client = await actingForClient(sut, org.head, org.id);
    const approvedAt = clock.now();
    await grantApproval(sut.database.db, org.id, 'form_z', approvedAt);
    body = await plan();
    expect(step(body, 'form_z')).toEqual({
      step: 'form_z',
      state: 'done',
      reachedAt: approvedAt.toISOString(),
      missing: [],
    });
    expect(body.stage).toBe('form_i');

    // An operator in a group of АРМ «Центр обслуживания»: that gap of step 6 is gone.
    const operator = await person();
    await addTestMember(sut, org.id, named(operator), { groups: ['identity_specialists'] });
    body = await plan();
    expect(body.facts.operatorsInWorkstationGroups).toBe(1);
    expect(step(body, 'workstations').missing).toEqual([
      'no_operator_attached_to_center',
      'no_operator_signed_in_to_workstation',
    ]);

    // After the deadline's day the organization, not done, is overdue (signed in again: weeks pass).
    clock.set(new Date('2026-12-31T20:59:00Z'));
    client = await actingForClient(sut, org.head, org.id);
    expect((await plan()).overdue).toBe(false);
    clock.set(new Date('2026-12-31T21:00:00Z'));
    client = await actingForClient(sut, org.head, org.id);
    body = await plan();
    expect(body.today).toBe('2027-01-01');
    expect(body.overdue).toBe(true);
    clock.set(new Date('2026-11-26T09:00:00Z'));
  });

  describe("the regional operator's table", () => {
    let regional: TestClient;
    let orgs: Record<'a' | 'b' | 'c', Awaited<ReturnType<typeof organization>>>;
    beforeAll(async () => {
      federal = await signedInClient(sut, await createFederalOperator(sut));
      regional = await regionalOperator('36');
      orgs = {
        a: await organization('36', 'Архив Воронежской области'),
        b: await organization('36', 'Больница №10'),
        c: await organization('36', 'Больница №2'),
      };
      await grantApproval(sut.database.db, orgs.b.id, 'form_z', new Date('2026-11-24T22:30:00Z'));
      await grantApproval(sut.database.db, orgs.c.id, 'form_z', new Date('2026-11-20T10:00:00Z'));
      await grantApproval(sut.database.db, orgs.c.id, 'form_i', new Date('2026-11-21T10:00:00Z'));
      await organization('37', 'Больница другого региона');
    });

    const table = (query = '') => regional.get(`/api/regional-operator/opening-plan${query}`);
    const ids = (res: { body: { rows: { id: string }[] } }) => res.body.rows.map((r) => r.id);

    it("lists every organization of its region, none of another's, with stage and control events", async () => {
      const res = await table();
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // the regional operator's own organization is one of the region's too
      expect(res.body.total).toBe(4);
      expect(res.body.rows.map((r: any) => r.shortName)).not.toContain('Больница другого региона');
      const b = res.body.rows.find((r: any) => r.id === orgs.b.id);
      expect(b).toMatchObject({
        stage: 'officials',
        status: 'registered',
        overdue: false,
        missing: ['no_technical_official', 'no_operators'],
      });
      expect(b.events.form_z).toBe('2026-11-24T22:30:00.000Z');
      expect(b.events.form_i).toBeNull();
      expect(res.body.byStage).toMatchObject({ officials: 4, complete: 0 });
      expect(res.body.deadline).toEqual({ date: '2026-12-31', source: 'default', setAt: null });
    });

    it('filters by stage, overdue and name, and sorts by name or a control event', async () => {
      expect(ids(await table('?q=больница&sort=name'))).toEqual([orgs.c.id, orgs.b.id]);
      expect(ids(await table('?q=больница&sort=name&order=desc'))).toEqual([orgs.b.id, orgs.c.id]);
      expect(ids(await table(`?q=${orgs.a.ogrn}`))).toEqual([orgs.a.id]);
      // an event not reached sorts last in either order
      const byFormZ = ids(await table('?sort=form_z'));
      expect(byFormZ.slice(0, 2)).toEqual([orgs.c.id, orgs.b.id]);
      expect(ids(await table('?sort=form_z&order=desc')).slice(0, 2)).toEqual([orgs.b.id, orgs.c.id]);
      expect(ids(await table('?stage=form_z'))).toEqual([]);
      expect((await table('?stage=officials')).body.rows).toHaveLength(4);
      expect(ids(await table('?overdue=true'))).toEqual([]);
      const refused = await table('?stage=nowhere&sort=size');
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual(
        expect.arrayContaining([
          { path: 'stage', code: 'plan.stage_unknown' },
          { path: 'sort', code: 'plan.sort_unknown' },
        ]),
      );
    });

    it('sets the region deadline (audited), marks the organizations overdue after it, and returns to the default', async () => {
      const set = await regional.put('/api/regional-operator/opening-plan/deadline', {
        deadline: '2026-11-25',
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body).toEqual({ date: '2026-11-25', source: 'region', setAt: clock.now().toISOString() });
      const [entry] = await sut.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.event, 'opening_plan.deadline_set'));
      expect(entry).toMatchObject({ actorType: 'regional_operator' });
      expect(entry!.data).toMatchObject({ regionCode: '36', deadline: '2026-11-25', previous: null });

      // today is 2026-11-26 in Moscow: every organization of the region is late
      let res = await table('?overdue=true&sort=name');
      expect(res.body.deadline.source).toBe('region');
      expect(res.body.overdue).toBe(4);
      expect(res.body.rows.every((r: any) => r.overdue)).toBe(true);
      // the organization's own page shows its region's deadline
      const own = await (
        await actingForClient(sut, orgs.a.head, orgs.a.id)
      ).get('/api/organization/opening-plan');
      expect(own.body).toMatchObject({ deadline: { date: '2026-11-25', source: 'region' }, overdue: true });
      // another region keeps the default
      const other = await regionalOperator('37');
      expect((await other.get('/api/regional-operator/opening-plan')).body.deadline.source).toBe('default');

      const bad = await regional.put('/api/regional-operator/opening-plan/deadline', {
        deadline: '2026-02-30',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([{ path: 'deadline', code: 'date.invalid' }]);

      const back = await regional.put('/api/regional-operator/opening-plan/deadline', { deadline: null });
      expect(back.body).toEqual({ date: '2026-12-31', source: 'default', setAt: null });
      res = await table();
      expect(res.body.overdue).toBe(0);
    });

    it('downloads exactly the rows the table shows under its filter as XLSX', async () => {
      const query = '?q=больница&sort=name&order=desc';
      const shown = (await table(query)).body;
      const file = await regional.getBytes(`/api/regional-operator/opening-plan.xlsx${query}`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const disposition = String(file.headers['content-disposition']);
      expect(disposition).toContain('filename="');
      expect(disposition).toMatch(/36/);
      expect(disposition).toContain('2026-11-26');
      expect(disposition).toContain(
        `filename*=UTF-8''${encodeURIComponent('План открытия ЦО — 36 — 2026-11-26.xlsx')}`,
      );

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('План открытия ЦО')!;
      expect(sheet.getCell('A1').value).toBe(
        'План открытия центров обслуживания: Воронежская область (код 36)',
      );
      expect(sheet.getCell('B3').value).toEqual(new Date('2026-12-31T00:00:00Z'));
      expect(String(sheet.getCell('A4').value)).toContain('поиск «больница»');
      const header = (sheet.getRow(5).values as unknown[]).slice(1);
      expect(header).toEqual([
        '№',
        'Краткое наименование',
        'Полное наименование',
        'ОГРН',
        'ИНН',
        'Тип органа (организации)',
        'Статус регистрации',
        'Этап плана',
        'Контрольное событие 1: Орган (организация) зарегистрирован в ЕСИА',
        'Контрольное событие 3: Получено согласование на выдачу ПЭП',
        'Контрольное событие 4: Получено согласование на использование АРМ ЕСИА версии 2',
        'Контрольное событие 5: На карте ЕСИА и в отчёте ЕСИА добавлен новый ЦО',
        'Контрольное событие 6: Работы по организации ЦО завершены',
        'Не хватает для следующего контрольного события',
        'Просрочено',
      ]);
      const rows = [6, 7].map((n) => sheet.getRow(n));
      expect(rows.map((r) => r.getCell(2).value)).toEqual(shown.rows.map((r: any) => r.shortName));
      expect(sheet.getRow(8).getCell(2).value).toBeNull();
      expect(rows[0]!.getCell(4).value).toBe(orgs.b.ogrn);
      expect(rows[0]!.getCell(8).value).toBe('2. Должностные лица');
      // a real Excel date: the Moscow day of 2026-11-24T22:30Z is the 25th
      expect(rows[0]!.getCell(10).value).toEqual(new Date('2026-11-25T00:00:00Z'));
      expect(rows[0]!.getCell(10).numFmt).toBe('dd.mm.yyyy');
      expect(rows[0]!.getCell(11).value).toBeNull();
      expect(rows[1]!.getCell(11).value).toEqual(new Date('2026-11-21T00:00:00Z'));
      expect(String(rows[0]!.getCell(14).value)).toContain('Не определено должностное лицо');
      expect(rows[0]!.getCell(15).value).toBe('Нет');
      expect(sheet.autoFilter).toBe('A5:O7');
      expect(sheet.getColumn(3).width).toBe(60);
    });

    it("refuses another region's organization, other audiences, and a regional operator the federal routes", async () => {
      const other = await regionalOperator('37');
      expect((await other.get(`/api/regional-operator/opening-plan/organizations/${orgs.a.id}`)).status).toBe(
        404,
      );
      const own = await regional.get(`/api/regional-operator/opening-plan/organizations/${orgs.a.id}`);
      expect(own.status).toBe(200);
      expect(own.body.organization.id).toBe(orgs.a.id);

      const member = await actingForClient(sut, orgs.a.head, orgs.a.id);
      for (const path of [
        '/api/regional-operator/opening-plan',
        '/api/regional-operator/opening-plan.xlsx',
        '/api/federal-operator/opening-plan',
      ])
        expect((await member.get(path)).status, path).toBe(403);
      expect(
        (await member.put('/api/regional-operator/opening-plan/deadline', { deadline: '2026-12-01' })).status,
      ).toBe(403);
      expect((await regional.get('/api/federal-operator/opening-plan')).status).toBe(403);
      expect((await regional.get('/api/federal-operator/opening-plan/regions/37')).status).toBe(403);
      expect((await federal.get('/api/organization/opening-plan')).status).toBe(403);
    });

    it('shows the federal operator every region by stage, and any region or organization', async () => {
      const res = await federal.get('/api/federal-operator/opening-plan');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.regions).toHaveLength(89);
      const voronezh = res.body.regions.find((r: any) => r.regionCode === '36');
      expect(voronezh).toMatchObject({ total: 4, byStage: { officials: 4 }, overdue: 0 });
      expect(res.body.regions.find((r: any) => r.regionCode === '01')).toMatchObject({ total: 0 });
      expect(res.body.total).toBe(res.body.regions.reduce((n: number, r: any) => n + r.total, 0));

      const region = await federal.get('/api/federal-operator/opening-plan/regions/36?sort=name');
      expect(ids(region)).toEqual(ids(await table('?sort=name')));
      const file = await federal.getBytes(
        '/api/federal-operator/opening-plan/regions/36/xlsx?stage=complete',
      );
      expect(file.status).toBe(200);
      const one = await federal.get(`/api/federal-operator/opening-plan/organizations/${orgs.c.id}`);
      expect(one.body.steps.find((s: any) => s.step === 'form_i').reachedAt).toBe('2026-11-21T10:00:00.000Z');
      expect((await federal.get('/api/federal-operator/opening-plan/regions/00')).status).toBe(400);
      expect(
        (await federal.get(`/api/federal-operator/opening-plan/organizations/${randomUUID()}`)).status,
      ).toBe(404);
    });
  });
  it('reaches «На карте ЕСИА и в отчёте ЕСИА добавлен новый ЦО» with a center the map shows, and loses it with the map', async () => {
    const org = await organization('38');
    const operator = await createFederalOperator(sut);
    const federalClient = await signedInClient(sut, operator);
    const steps = async () => {
      const res = await org.client.get('/api/organization/opening-plan');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const find = (name: string) => res.body.steps.find((s: any) => s.step === name);
      return { centers: find('centers'), workstations: find('workstations') };
    };
    const center = (options: Parameters<typeof insertTestCenter>[2]) =>
      insertTestCenter(sut, { id: org.id, createdBy: org.head.id }, { regionCode: '38', ...options });

    // an inactive center, and an active one offering «Регистрация» that no approval allows yet
    await center({ status: 'inactive', services: ['confirmation'] });
    await grantApproval(sut.database.db, org.id, 'form_z', clock.now());
    await center({ status: 'active', services: ['registration'] });
    expect((await steps()).centers).toMatchObject({ reachedAt: null, missing: ['no_active_center'] });

    // an active center with «Подтверждение», made «Действующий» on a day its history keeps
    const activatedAt = new Date('2026-11-20T07:30:00Z');
    const onMap = await center({ status: 'active', services: ['confirmation'] });
    await insertCenterEvent(sut.database.db, {
      id: randomUUID(),
      centerId: onMap.id,
      at: activatedAt,
      kind: 'activated',
      actorAccountId: org.head.id,
      actorName: 'Руководитель',
    });
    expect((await steps()).centers).toEqual({
      step: 'centers',
      state: 'done',
      reachedAt: activatedAt.toISOString(),
      missing: [],
    });

    // an employee attached to it as an operator: step 6 no longer misses the attachment
    const employee = await person();
    await addTestMember(sut, org.id, named(employee), { groups: ['identity_specialists'] });
    expect((await steps()).workstations.missing).toContain('no_operator_attached_to_center');
    await attachOperator(sut.database.db, {
      centerId: onMap.id,
      accountId: employee.id,
      attachedAt: clock.now(),
      attachedBy: org.head.id,
    });
    expect((await steps()).workstations.missing).toEqual(['no_operator_signed_in_to_workstation']);

    // blocked: off the map, the step is not done; unblocked: back
    const path = `/api/federal-operator/organizations/${org.id}`;
    expect((await federalClient.post(`${path}/block`, { reason: 'Проверка' })).status).toBe(200);
    expect((await steps()).centers).toMatchObject({ reachedAt: null, missing: ['no_active_center'] });
    expect((await steps()).workstations.missing).toContain('no_operator_attached_to_center');
    expect((await federalClient.post(`${path}/unblock`)).status).toBe(200);
    expect((await steps()).centers.reachedAt).toBe(activatedAt.toISOString());

    // Форма З revoked: «Подтверждение» is no longer allowed, the center leaves the map
    const revoked = await federalClient.post(`${path}/approvals/form_z/revoke`, { reason: 'Нарушение' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect((await steps()).centers).toMatchObject({ reachedAt: null, missing: ['no_active_center'] });
  });
});
