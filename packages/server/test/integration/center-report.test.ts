import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingForClient } from '../support/acting-for.js';
import { insertTestCenter } from '../support/centers.js';
import { createFederalOperator, signedInClient, uniqueEmail } from '../support/factories.js';
import type { TestClient } from '../support/http.js';
import {
  addTestMember,
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from '../support/organizations.js';
import { ManualClock, startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The centers' report and data quality (issue 11, items 4-5) through HTTP on a real database: a
 * small known set of centers in three regions — one organization blocked, one with Форма И
 * revoked — counted by region, organization, status and service, with «На карте» by the map's
 * rule; the flagged centers (a duplicate address written two ways, a phone no range holds, hours
 * that never open, a point outside the region); each region's operator sees its own region only;
 * CSV and XLSX read back; every bad query refused with its code.
 */
describe('the centers report', () => {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  let sut: TestSystem;
  let federal: TestClient;
  let regional35: TestClient;
  let regional41: TestClient;
  let member: TestClient;
  const ids: Record<string, string> = {};
  const orgs: Record<string, { id: string; ogrn: string }> = {};

  type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
  const named = (p: Person) => ({ id: p.id, ...p.personalData });
  const person = () => createConfirmedCitizen(sut, { email: uniqueEmail() });

  async function regionalOperator(regionCode: string): Promise<TestClient> {
    const p = await person();
    const org = await insertTestOrganization(sut, named(p), { operatorOfRegion: regionCode, regionCode });
    return actingForClient(sut, p, org.id);
  }

  beforeAll(async () => {
    sut = await startTestSystem({ clock });
    const head = await person();
    const organization = async (key: string, regionCode: string, shortName: string) => {
      orgs[key] = await insertTestOrganization(sut, named(head), { regionCode, shortName });
    };
    await organization('a', '35', 'А-МФЦ');
    await organization('b', '35', 'Б-Заблокированная');
    await organization('c', '35', 'В-Отозванная');
    await organization('d', '77', 'Г-Москва');
    await organization('e', '41', 'Д-Камчатка');
    for (const k of ['a', 'b', 'c', 'd', 'e']) await grantTestApproval(sut, orgs[k]!.id, 'form_z');
    await grantTestApproval(sut, orgs.a!.id, 'form_i');
    await grantTestApproval(sut, orgs.c!.id, 'form_i');

    const center = async (key: string, org: string, options: Parameters<typeof insertTestCenter>[2]) => {
      ids[key] = (
        await insertTestCenter(sut, { id: orgs[org]!.id, createdBy: head.id }, { name: key, ...options })
      ).id;
    };
    // А: on the map with «Регистрация» and «Подтверждение», and with «Удаление»; one inactive
    // center at a1's address written another way
    await center('a1', 'a', {
      services: ['confirmation', 'registration'],
      address: '160000, г. Вологда, ул. Мира, д. 12',
    });
    await center('a2', 'a', { services: ['deletion'] });
    await center('a3', 'a', {
      status: 'inactive',
      services: ['confirmation'],
      address: 'Вологда город, улица Мира, дом 12',
    });
    // Б: blocked, so off the map; its phone dials nowhere
    await center('b1', 'b', { services: ['confirmation'], phone: '+70001234567' });
    // В: Форма И revoked below: c1 stays on the map under «Подтверждение» only, c2 leaves it;
    // c1's point is in Moscow, c2 never opens
    await center('c1', 'c', {
      services: ['confirmation', 'registration'],
      location: { lat: 55.75, lon: 37.62 },
    });
    await center('c2', 'c', {
      services: ['registration'],
      hours: { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] },
    });
    await center('d1', 'd', { regionCode: '77', location: { lat: 55.75, lon: 37.62 } });
    await center('e1', 'e', {
      regionCode: '41',
      timeZone: 'Asia/Kamchatka',
      location: { lat: 53.02, lon: 158.65 },
      address: '683000, г. Петропавловск-Камчатский, ул. Ленинская, д. 1',
    });

    const operator = await createFederalOperator(sut);
    federal = await signedInClient(sut, operator);
    const blocked = await federal.post(`/api/federal-operator/organizations/${orgs.b!.id}/block`, {
      reason: 'Жалобы граждан',
    });
    expect(blocked.status).toBe(200);
    const revoked = await federal.post(
      `/api/federal-operator/organizations/${orgs.c!.id}/approvals/form_i/revoke`,
      { reason: 'Нарушение порядка' },
    );
    expect(revoked.status).toBe(200);

    regional35 = await regionalOperator('35');
    regional41 = await regionalOperator('41');
    const employee = await person();
    await addTestMember(sut, orgs.a!.id, named(employee));
    member = await actingForClient(sut, employee, orgs.a!.id);
  });
  afterAll(async () => sut?.stop());

  const services = (registration: number, confirmation: number, recovery: number, deletion: number) => ({
    registration,
    confirmation,
    recovery,
    deletion,
  });

  describe('the regional operator', () => {
    it('counts its region by organization, status and service, «На карте» by the map’s rule', async () => {
      const res = await regional35.get('/api/regional-operator/centers-report');
      expect(res.status).toBe(200);
      expect(res.body.regionCode).toBe('35');
      expect(res.body.byRegion).toBeNull();
      expect(res.body.totals).toEqual({ total: 6, active: 5, inactive: 1, onMap: 3 });
      expect(res.body.byOrganization).toEqual([
        {
          organizationId: orgs.a!.id,
          shortName: 'А-МФЦ',
          ogrn: orgs.a!.ogrn,
          blocked: false,
          total: 3,
          active: 2,
          inactive: 1,
          onMap: 2,
          services: services(1, 2, 0, 1),
        },
        {
          organizationId: orgs.b!.id,
          shortName: 'Б-Заблокированная',
          ogrn: orgs.b!.ogrn,
          blocked: true,
          total: 1,
          active: 1,
          inactive: 0,
          onMap: 0,
          services: services(0, 1, 0, 0),
        },
        {
          organizationId: orgs.c!.id,
          shortName: 'В-Отозванная',
          ogrn: orgs.c!.ogrn,
          blocked: false,
          total: 2,
          active: 2,
          inactive: 0,
          onMap: 1,
          services: services(2, 1, 0, 0),
        },
      ]);
      expect(res.body.byService).toEqual([
        // a1 on the map with it; c1 and c2 offer it without Форма И
        { service: 'registration', total: 3, active: 3, inactive: 0, onMap: 1 },
        // b1 blocked, a3 inactive
        { service: 'confirmation', total: 4, active: 3, inactive: 1, onMap: 2 },
        { service: 'recovery', total: 0, active: 0, inactive: 0, onMap: 0 },
        { service: 'deletion', total: 1, active: 1, inactive: 0, onMap: 1 },
      ]);
    });

    it('filters by status, «На карте» and service', async () => {
      const get = async (query: string) =>
        (await regional35.get(`/api/regional-operator/centers-report${query}`)).body;
      const inactive = await get('?status=inactive');
      expect(inactive.totals).toEqual({ total: 1, active: 0, inactive: 1, onMap: 0 });
      expect(inactive.byOrganization.map((o: any) => o.shortName)).toEqual(['А-МФЦ']);

      const onMap = await get('?status=on_map');
      expect(onMap.filter).toEqual({ status: 'on_map', service: null });
      expect(onMap.totals).toEqual({ total: 3, active: 3, inactive: 0, onMap: 3 });
      expect(onMap.byOrganization.map((o: any) => [o.shortName, o.onMap, o.services])).toEqual([
        ['А-МФЦ', 2, services(1, 1, 0, 1)],
        // c1 is on the map under «Подтверждение» only
        ['В-Отозванная', 1, services(0, 1, 0, 0)],
      ]);

      const registration = await get('?service=registration');
      expect(registration.totals).toEqual({ total: 3, active: 3, inactive: 0, onMap: 1 });
      const both = await get('?service=registration&status=on_map');
      expect(both.totals).toEqual({ total: 1, active: 1, inactive: 0, onMap: 1 });
      expect(both.byOrganization.map((o: any) => o.shortName)).toEqual(['А-МФЦ']);
      const active = await get('?status=active&service=confirmation');
      expect(active.totals).toEqual({ total: 3, active: 3, inactive: 0, onMap: 2 });
    });

    it('lists the flagged centers of its region with their issues', async () => {
      const res = await regional35.get('/api/regional-operator/centers-report/quality');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ regionCode: '35', checked: 6, flagged: 5, page: 1 });
      expect(res.body.byIssue).toEqual({
        phone_not_dialable: 1,
        never_open: 1,
        location_outside_region: 1,
        duplicate_address: 2,
      });
      expect(res.body.centers.map((c: any) => [c.name, c.organizationShortName, c.issues])).toEqual([
        ['a1', 'А-МФЦ', ['duplicate_address']],
        ['a3', 'А-МФЦ', ['duplicate_address']],
        ['b1', 'Б-Заблокированная', ['phone_not_dialable']],
        ['c1', 'В-Отозванная', ['location_outside_region']],
        ['c2', 'В-Отозванная', ['never_open']],
      ]);
      expect(res.body.centers[0]).toMatchObject({
        id: ids.a1,
        address: '160000, г. Вологда, ул. Мира, д. 12',
        regionCode: '35',
        status: 'active',
        organizationId: orgs.a!.id,
      });
      const phones = await regional35.get(
        '/api/regional-operator/centers-report/quality?issue=phone_not_dialable',
      );
      expect(phones.body.flagged).toBe(1);
      expect(phones.body.centers.map((c: any) => c.id)).toEqual([ids.b1]);
      expect(phones.body.byIssue.duplicate_address).toBe(2);
      const beyond = await regional35.get('/api/regional-operator/centers-report/quality?page=2');
      expect(beyond.body).toMatchObject({ flagged: 5, page: 2, centers: [] });
    });

    it('sees its own region only, and is refused another region and the federal report', async () => {
      const own = await regional41.get('/api/regional-operator/centers-report');
      expect(own.body.regionCode).toBe('41');
      expect(own.body.totals).toEqual({ total: 1, active: 1, inactive: 0, onMap: 1 });
      expect(own.body.byOrganization.map((o: any) => o.organizationId)).toEqual([orgs.e!.id]);
      const quality = await regional41.get('/api/regional-operator/centers-report/quality');
      expect(quality.body).toMatchObject({ checked: 1, flagged: 0, centers: [] });

      for (const path of [
        '/api/regional-operator/centers-report?region=35',
        '/api/regional-operator/centers-report.csv?region=35',
        '/api/regional-operator/centers-report.xlsx?region=35',
        '/api/regional-operator/centers-report/quality?region=35',
        '/api/federal-operator/centers-report',
        '/api/federal-operator/centers-report.csv',
        '/api/federal-operator/centers-report/quality',
      ]) {
        const res = await regional41.get(path);
        expect(res.status, path).toBe(403);
        expect(res.body.error.code, path).toBe('auth.forbidden');
      }
      // naming its own region is the same report
      expect((await regional41.get('/api/regional-operator/centers-report?region=41')).body).toEqual(
        own.body,
      );
    });

    it('refuses an organization’s employee and a signed-out visitor', async () => {
      for (const path of [
        '/api/regional-operator/centers-report',
        '/api/regional-operator/centers-report/quality',
        '/api/federal-operator/centers-report',
      ])
        expect((await member.get(path)).status, path).toBe(403);
      const anonymous = new (federal.constructor as new (app: unknown) => TestClient)(sut.app);
      expect((await anonymous.get('/api/regional-operator/centers-report')).status).toBe(401);
      expect((await anonymous.get('/api/federal-operator/centers-report.xlsx')).status).toBe(401);
    });
  });

  describe('the federal operator', () => {
    it('counts every region, and one region by organization', async () => {
      const res = await federal.get('/api/federal-operator/centers-report');
      expect(res.status).toBe(200);
      expect(res.body.regionCode).toBeNull();
      expect(res.body.byOrganization).toBeNull();
      expect(res.body.totals).toEqual({ total: 8, active: 7, inactive: 1, onMap: 5 });
      expect(res.body.byRegion).toHaveLength(89);
      const row = (code: string) => res.body.byRegion.find((r: any) => r.regionCode === code);
      expect(row('35')).toEqual({
        regionCode: '35',
        organizations: 3,
        total: 6,
        active: 5,
        inactive: 1,
        onMap: 3,
        services: services(3, 4, 0, 1),
      });
      expect(row('77')).toMatchObject({ organizations: 1, total: 1, onMap: 1 });
      expect(row('41')).toMatchObject({ organizations: 1, total: 1, onMap: 1 });
      expect(row('01')).toMatchObject({ organizations: 0, total: 0, onMap: 0 });

      const region = await federal.get('/api/federal-operator/centers-report?region=35');
      const own = await regional35.get('/api/regional-operator/centers-report');
      expect(region.body).toEqual(own.body);
      const onMap = await federal.get('/api/federal-operator/centers-report?status=on_map');
      expect(onMap.body.totals.total).toBe(5);
    });

    it('lists the flagged centers of the country, or of one region', async () => {
      const all = await federal.get('/api/federal-operator/centers-report/quality');
      expect(all.body).toMatchObject({ regionCode: null, checked: 8, flagged: 5 });
      const moscow = await federal.get('/api/federal-operator/centers-report/quality?region=77');
      expect(moscow.body).toMatchObject({ regionCode: '77', checked: 1, flagged: 0 });
    });
  });

  describe('the files', () => {
    /** RFC 4180 with «;»: quoted values, doubled quotes, CRLF. */
    function parseCsv(text: string): string[][] {
      const rows: string[][] = [];
      let row: string[] = [];
      let value = '';
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (quoted) {
          if (ch === '"' && text[i + 1] === '"') ((value += '"'), i++);
          else if (ch === '"') quoted = false;
          else value += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ';') (row.push(value), (value = ''));
        else if (ch === '\r' && text[i + 1] === '\n') {
          (row.push(value), rows.push(row), (row = []), (value = ''), i++);
        } else value += ch;
      }
      return rows;
    }

    it('gives the region’s table as CSV for Russian Excel: BOM, «;», quoted, Russian headers', async () => {
      const file = await regional35.getBytes(
        '/api/regional-operator/centers-report.csv?service=confirmation',
      );
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(String(file.headers['content-disposition'])).toContain(
        `filename*=UTF-8''${encodeURIComponent('Центры обслуживания — 35 — 2026-11-23.csv')}`,
      );
      expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = file.body.subarray(3).toString('utf8');
      expect(text).toContain('"А-МФЦ";"');
      const rows = parseCsv(text);
      expect(rows[0]).toEqual([
        'Организация',
        'ОГРН',
        'Заблокирована',
        'Центров всего',
        'Действующих',
        'Недействующих',
        'На карте',
        'Услуга «Регистрация»',
        'Услуга «Подтверждение»',
        'Услуга «Восстановление»',
        'Услуга «Удаление»',
      ]);
      const json = (await regional35.get('/api/regional-operator/centers-report?service=confirmation')).body;
      expect(rows.slice(1, -1)).toEqual(
        json.byOrganization.map((o: any) => [
          o.shortName,
          o.ogrn,
          o.blocked ? 'Да' : 'Нет',
          ...[o.total, o.active, o.inactive, o.onMap].map(String),
          ...['registration', 'confirmation', 'recovery', 'deletion'].map((s) => String(o.services[s])),
        ]),
      );
      expect(rows.at(-1)).toEqual(['Итого', '', '', '4', '3', '1', '2', '2', '4', '0', '0']);
    });

    it('gives the regions as XLSX with the table by service, read back with exceljs', async () => {
      const file = await federal.getBytes('/api/federal-operator/centers-report.xlsx?status=active');
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(String(file.headers['content-disposition'])).toContain(
        encodeURIComponent('Центры обслуживания — все регионы — 2026-11-23.xlsx'),
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('По регионам')!;
      expect(sheet.getCell('A1').value).toBe('Центры обслуживания: все регионы');
      expect(sheet.getCell('B2').value).toEqual(new Date('2026-11-23T00:00:00Z'));
      expect(sheet.getCell('A3').value).toBe('Отбор: статус «Действующий»; все услуги.');
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(values(5).slice(0, 7)).toEqual([
        'Код региона',
        'Регион',
        'Организаций с центрами',
        'Центров всего',
        'Действующих',
        'Недействующих',
        'На карте',
      ]);
      const vologda = [6, ...Array.from({ length: 89 }, (_, i) => i + 6)]
        .map(values)
        .find((v) => v[0] === '35')!;
      expect(vologda).toEqual(['35', 'Вологодская область', 3, 5, 5, 0, 3, 3, 3, 0, 1]);
      expect(values(6 + 89)).toEqual(['Итого', undefined, 5, 7, 7, 0, 5, 3, 5, 0, 1]);

      const byService = workbook.getWorksheet('По услугам')!;
      expect((byService.getRow(6).values as unknown[]).slice(1)).toEqual(['Регистрация', 3, 3, 0, 1]);
      expect((byService.getRow(7).values as unknown[]).slice(1)).toEqual(['Подтверждение', 5, 5, 0, 4]);
    });

    it('gives one region’s organizations as XLSX to the federal operator', async () => {
      const file = await federal.getBytes('/api/federal-operator/centers-report.xlsx?region=35');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('По организациям')!;
      expect(sheet.getCell('A1').value).toBe('Центры обслуживания: Вологодская область (код 35)');
      expect((sheet.getRow(6).values as unknown[]).slice(1, 5)).toEqual(['А-МФЦ', orgs.a!.ogrn, 'Нет', 3]);
      expect((sheet.getRow(7).values as unknown[]).slice(1, 4)).toEqual([
        'Б-Заблокированная',
        orgs.b!.ogrn,
        'Да',
      ]);
    });
  });

  it('refuses every bad query with 400 and the field’s code', async () => {
    const cases: [TestClient, string, string, string][] = [
      [
        regional35,
        '/api/regional-operator/centers-report?status=closed',
        'status',
        'center_report.status_unknown',
      ],
      [
        regional35,
        '/api/regional-operator/centers-report.csv?service=x',
        'service',
        'center_report.service_unknown',
      ],
      [regional35, '/api/regional-operator/centers-report.xlsx?region=00', 'region', 'region.unknown'],
      [
        regional35,
        '/api/regional-operator/centers-report/quality?page=0',
        'page',
        'center_report.page_invalid',
      ],
      [
        regional35,
        '/api/regional-operator/centers-report/quality?page=abc',
        'page',
        'center_report.page_invalid',
      ],
      [
        regional35,
        '/api/regional-operator/centers-report/quality?page=1.5',
        'page',
        'center_report.page_invalid',
      ],
      [
        regional35,
        '/api/regional-operator/centers-report/quality?issue=ugly',
        'issue',
        'center_report.issue_unknown',
      ],
      [federal, '/api/federal-operator/centers-report?region=99', 'region', 'region.unknown'],
      [
        federal,
        '/api/federal-operator/centers-report.xlsx?status=',
        'status',
        'center_report.status_unknown',
      ],
      [
        federal,
        '/api/federal-operator/centers-report.csv?service=Регистрация',
        'service',
        'center_report.service_unknown',
      ],
      [
        federal,
        '/api/federal-operator/centers-report/quality?page=10001',
        'page',
        'center_report.page_invalid',
      ],
      [federal, '/api/federal-operator/centers-report/quality?region=abc', 'region', 'region.unknown'],
    ];
    for (const [client, path, field, code] of cases) {
      const res = await client.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('validation.failed');
      expect(res.body.error.fields, path).toContainEqual({ path: field, code });
    }
  });
  // last: it adds a center
  it('answers a region’s list from its check for 30 seconds, then checks again', async () => {
    const list = async () => (await regional41.get('/api/regional-operator/centers-report/quality')).body;
    const before = await list();
    expect(before.flagged).toBe(0);
    await insertTestCenter(
      sut,
      { id: orgs.e!.id, createdBy: (await person()).id },
      {
        regionCode: '41',
        timeZone: 'Asia/Kamchatka',
        location: { lat: 53.02, lon: 158.65 },
        phone: '+70001234567',
      },
    );
    // the report counts at once; the list is the check made a moment ago
    expect((await regional41.get('/api/regional-operator/centers-report')).body.totals.total).toBe(2);
    expect((await list()).flagged).toBe(0);
    clock.advance(30_000);
    expect(await list()).toMatchObject({ checked: 2, flagged: 1, byIssue: { phone_not_dialable: 1 } });
  });
});
