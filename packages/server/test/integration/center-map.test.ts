import { emptyHours, type CenterHours, type MapList, type MapViewport } from '@openesia/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, complaints } from '../../src/db/schema/index.js';
import { ManualClock } from '../../src/lib/clock.js';
import { MAP_MAX_POINTS } from '../../src/services/center/map.js';
import {
  insertTestCenter,
  insertTestCenters,
  officeHours,
  setTestCenterStatus,
  type TestCenterOptions,
} from '../support/centers.js';
import { findOrganization } from '../../src/repositories/organization/organizations.js';
import { createFederalOperator, signedInClient, waitForMessage } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import {
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/** Monday 7 December 2026, 10:30 in Moscow and Вологда (UTC+3), 19:30 in Petropavlovsk-Kamchatsky. */
const MONDAY_MORNING = new Date('2026-12-07T07:30:00Z');
/** Вологда and around it: the test's centers are all here, except the thousand of the cluster test. */
const VOLOGDA = '59.0,39.0,59.5,40.5';
const ARKHANGELSK_REGION = '61.0,40.0,66.0,48.0';

interface Org {
  id: string;
  createdBy: string;
  shortName: string;
}

/**
 * «Карта центров обслуживания» through HTTP on a real database (issue 11, item 3): who is shown
 * (active centers of organizations that are not blocked, with the services the approvals allow
 * now), «Открыто сейчас» at a fixed instant, the filters, points and clusters, the list and the
 * card; and every bad parameter refused with its code.
 */
describe('the public map of service centers', () => {
  const clock = new ManualClock(MONDAY_MORNING);
  let sut: TestSystem;
  let visitor: TestClient;
  let federal: TestClient;

  async function organization(
    approvals: ('form_z' | 'form_i')[],
    options: { regionCode?: string; shortName?: string } = {},
  ): Promise<Org> {
    const head = await createConfirmedCitizen(sut);
    const org = await insertTestOrganization(
      sut,
      { id: head.id, ...head.personalData },
      {
        regionCode: options.regionCode ?? '35',
        shortName: options.shortName,
      },
    );
    for (const approval of approvals) await grantTestApproval(sut, org.id, approval);
    return { id: org.id, createdBy: head.id, shortName: options.shortName ?? '' };
  }

  const center = (org: Org, options: TestCenterOptions = {}) => insertTestCenter(sut, org, options);

  async function viewport(query: Record<string, string>): Promise<MapViewport> {
    const res = await visitor.get(`/api/map/viewport?${new URLSearchParams(query).toString()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as MapViewport;
  }

  /** The points in view around Вологда, by id. */
  async function pointsInVologda(filters: Record<string, string> = {}) {
    const body = await viewport({ bbox: VOLOGDA, zoom: '12', ...filters });
    expect(body.kind).toBe('points');
    return new Map(body.kind === 'points' ? body.points.map((p) => [p.id, p]) : []);
  }

  /** Every center the list finds with these filters, page after page. */
  async function listed(filters: Record<string, string> = {}) {
    const found: { id: string; name: string; services: string[]; openNow: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const params: URLSearchParams = new URLSearchParams({
        ...filters,
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      const res = await visitor.get(`/api/map/centers?${params.toString()}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page = res.body as MapList;
      found.push(...page.centers);
      cursor = page.nextCursor;
    } while (cursor);
    return found;
  }

  beforeAll(async () => {
    sut = await startTestSystem({ clock });
    visitor = new TestClient(sut.app, '203.0.113.7');
    federal = await signedInClient(sut, await createFederalOperator(sut));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  it('shows the active centers of approved organizations, each with the services the approvals allow', async () => {
    const both = await organization(['form_z', 'form_i'], { shortName: 'МФЦ Вологодской области' });
    const formZ = await organization(['form_z']);
    const none = await organization([]);
    const all = await center(both, {
      name: 'МФЦ «Мои документы» на Мира',
      services: ['registration', 'confirmation', 'recovery', 'deletion'],
    });
    const inactive = await center(both, { status: 'inactive' });
    const confirmationOnly = await center(formZ, { services: ['registration', 'confirmation'] });
    const nothingAllowed = await center(formZ, { services: ['registration', 'recovery'] });
    const unapproved = await center(none);

    const points = await pointsInVologda();
    expect(points.get(all.id)?.services).toEqual(['registration', 'confirmation', 'recovery', 'deletion']);
    expect(points.get(confirmationOnly.id)?.services).toEqual(['confirmation']);
    for (const hidden of [inactive, nothingAllowed, unapproved]) expect(points.has(hidden.id)).toBe(false);

    const card = await visitor.get(`/api/map/centers/${all.id}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      name: 'МФЦ «Мои документы» на Мира',
      organizationShortName: 'МФЦ Вологодской области',
      phone: '+78172123456',
      services: ['registration', 'confirmation', 'recovery', 'deletion'],
    });
    for (const hidden of [inactive, nothingAllowed, unapproved]) {
      const res = await visitor.get(`/api/map/centers/${hidden.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('map.center_not_found');
    }
    const ids = new Set((await listed({ regionCode: '35' })).map((c) => c.id));
    expect(ids.has(all.id) && ids.has(confirmationOnly.id)).toBe(true);
    for (const hidden of [inactive, nothingAllowed, unapproved]) expect(ids.has(hidden.id)).toBe(false);
  });

  it('takes a center made inactive off the map at once, and puts it back when active again', async () => {
    const org = await organization(['form_z']);
    const c = await center(org);
    expect((await pointsInVologda()).has(c.id)).toBe(true);
    await setTestCenterStatus(sut, c.id, 'inactive');
    expect((await pointsInVologda()).has(c.id)).toBe(false);
    expect((await visitor.get(`/api/map/centers/${c.id}`)).status).toBe(404);
    await setTestCenterStatus(sut, c.id, 'active');
    expect((await pointsInVologda()).has(c.id)).toBe(true);
  });

  it("hides a blocked organization's centers everywhere, and shows them again when it is unblocked", async () => {
    const org = await organization(['form_z', 'form_i']);
    const c = await center(org, { name: 'Блокируемый центр', services: ['registration', 'confirmation'] });
    const blocked = await federal.post(`/api/federal-operator/organizations/${org.id}/block`, {
      reason: 'Жалобы граждан без ответа больше месяца',
    });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);

    expect((await pointsInVologda()).has(c.id)).toBe(false);
    expect((await listed({ q: 'блокируемый' })).map((x) => x.id)).toEqual([]);
    expect((await visitor.get(`/api/map/centers/${c.id}`)).status).toBe(404);

    const unblocked = await federal.post(`/api/federal-operator/organizations/${org.id}/unblock`, {});
    expect(unblocked.status, JSON.stringify(unblocked.body)).toBe(200);
    expect((await pointsInVologda()).get(c.id)?.services).toEqual(['registration', 'confirmation']);
  });

  it('leaves only «Подтверждение» when Форма И is revoked, and nothing when Форма З is', async () => {
    const org = await organization(['form_z', 'form_i']);
    const c = await center(org, { services: ['registration', 'confirmation', 'recovery', 'deletion'] });
    const revoke = (approval: string) =>
      federal.post(`/api/federal-operator/organizations/${org.id}/approvals/${approval}/revoke`, {
        reason: 'Нарушение порядка регистрации',
      });
    expect((await revoke('form_i')).status).toBe(200);

    expect((await pointsInVologda()).get(c.id)?.services).toEqual(['confirmation']);
    expect((await visitor.get(`/api/map/centers/${c.id}`)).body.services).toEqual(['confirmation']);
    // the service filter reads the services shown, not those ticked
    expect((await pointsInVologda({ service: 'registration' })).has(c.id)).toBe(false);
    expect((await pointsInVologda({ service: 'confirmation' })).has(c.id)).toBe(true);
    expect((await listed({ service: 'recovery' })).some((x) => x.id === c.id)).toBe(false);

    expect((await revoke('form_z')).status).toBe(200);
    expect((await pointsInVologda()).has(c.id)).toBe(false);
  });

  it('computes «Открыто сейчас» from the hours in each center’s own zone, with its holidays', async () => {
    const org = await organization(['form_z']);
    const weekendOnly: CenterHours = emptyHours();
    weekendOnly.weekly.sat = [{ from: '10:00', to: '16:00' }];
    const holiday = officeHours();
    holiday.exceptions = [{ date: '2026-12-07', intervals: [], note: 'Санитарный день' }];
    const shortSunday = emptyHours();
    shortSunday.exceptions = [{ date: '2026-12-07', intervals: [{ from: '10:00', to: '11:00' }] }];

    const open = await center(org, { name: 'Открыт по будням' });
    const closed = await center(org, { name: 'Работает по субботам', hours: weekendOnly });
    const sanitary = await center(org, { name: 'Санитарный день сегодня', hours: holiday });
    const extra = await center(org, { name: 'Особый день сегодня', hours: shortSunday });
    // 19:30 in Petropavlovsk-Kamchatsky: closed, though 10:30 in Moscow is within 09:00–18:00
    const kamchatka = await center(org, { name: 'Камчатский', timeZone: 'Asia/Kamchatka' });

    const all = await pointsInVologda();
    expect(all.get(open.id)?.openNow).toBe(true);
    expect(all.get(extra.id)?.openNow).toBe(true);
    for (const c of [closed, sanitary, kamchatka]) expect(all.get(c.id)?.openNow).toBe(false);

    const openNow = await pointsInVologda({ openNow: 'true' });
    expect(openNow.has(open.id) && openNow.has(extra.id)).toBe(true);
    for (const c of [closed, sanitary, kamchatka]) expect(openNow.has(c.id)).toBe(false);
    expect((await visitor.get(`/api/map/centers/${open.id}`)).body.openNow).toBe(true);
    expect((await visitor.get(`/api/map/centers/${sanitary.id}`)).body.openNow).toBe(false);

    // 13:30 in Moscow: the lunch break closes the office, the special day has ended
    clock.set(new Date('2026-12-07T10:30:00Z'));
    try {
      const lunch = await pointsInVologda({ openNow: 'true' });
      for (const c of [open, closed, sanitary, extra, kamchatka]) expect(lunch.has(c.id)).toBe(false);
      const listedOpen = await listed({ openNow: 'true', q: 'открыт по будням' });
      expect(listedOpen.map((x) => x.id)).not.toContain(open.id);
    } finally {
      clock.set(MONDAY_MORNING);
    }
    expect((await listed({ openNow: 'true', q: 'открыт по будням' })).map((x) => x.id)).toContain(open.id);
  });

  it('gives the card the days to come, not the past ones', async () => {
    const org = await organization(['form_z']);
    const hours = officeHours();
    hours.exceptions = [
      { date: '2026-12-31', intervals: [{ from: '09:00', to: '14:00' }], note: 'Предпраздничный день' },
      { date: '2026-11-04', intervals: [], note: 'День народного единства' },
      { date: '2026-12-07', intervals: [], note: 'Санитарный день' },
    ];
    const c = await center(org, {
      hours,
      directions: 'Вход со двора, второй этаж',
      accessibility: ['step_free_entrance', 'hearing_loop'],
    });
    const card = (await visitor.get(`/api/map/centers/${c.id}`)).body;
    expect(card.hours.exceptions.map((e: { date: string }) => e.date)).toEqual(['2026-12-07', '2026-12-31']);
    expect(card.hours.weekly.mon).toEqual([
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ]);
    expect(card).toMatchObject({
      directions: 'Вход со двора, второй этаж',
      accessibility: ['step_free_entrance', 'hearing_loop'],
      location: { lat: 59.22, lon: 39.89 },
      timeZone: 'Europe/Moscow',
    });
  });

  it('filters by region, by service and by the words of the name or the address', async () => {
    const org = await organization(['form_z', 'form_i'], { regionCode: '29' });
    const inArkhangelsk = await center(org, {
      regionCode: '29',
      name: 'Центр «Берёзка»',
      address: '163000, г. Архангельск, просп. Троицкий, д. 52',
      lat: 64.54,
      lon: 40.52,
      services: ['registration', 'confirmation'],
    });
    const inVologda = await center(org, {
      name: 'Центр на Мира',
      address: '160000, г. Вологда, ул. Мира, д. 12',
      services: ['confirmation', 'recovery'],
    });

    const region29 = await listed({ regionCode: '29' });
    expect(region29.map((c) => c.id)).toContain(inArkhangelsk.id);
    expect(region29.map((c) => c.id)).not.toContain(inVologda.id);
    expect((await listed({ regionCode: '35', service: 'recovery' })).map((c) => c.id)).toContain(
      inVologda.id,
    );
    expect((await listed({ regionCode: '29', service: 'recovery' })).map((c) => c.id)).toEqual([]);

    // every word, any order, any case, «е» for «ё», in the name or the address
    for (const q of ['березка', 'БЕРЁЗКА', 'троицкий 52', 'архангельск берёзка'])
      expect(
        (await listed({ q })).map((c) => c.id),
        q,
      ).toEqual([inArkhangelsk.id]);
    expect((await listed({ q: 'мира 12', regionCode: '35' })).map((c) => c.id)).toContain(inVologda.id);
    expect((await listed({ q: 'берёзка вологда' })).map((c) => c.id)).toEqual([]);
    // wildcards typed are letters, not patterns
    expect((await listed({ q: '%' })).map((c) => c.id)).toEqual([]);
    expect((await listed({ q: '_' })).map((c) => c.id)).toEqual([]);

    // the viewport takes the same filters
    const vologda = await pointsInVologda({ q: 'мира 12', service: 'recovery' });
    expect([...vologda.keys()]).toEqual([inVologda.id]);
  });

  it('pages the list by name, each center once, with the total found', async () => {
    const org = await organization(['form_z'], { regionCode: '10' });
    const names = ['Яблоневый', 'Абрикосовый', 'Вишнёвый', 'Грушевый', 'Абрикосовый'];
    for (const name of names) await center(org, { regionCode: '10', name, lat: 61.78, lon: 34.36 });
    const first = await visitor.get('/api/map/centers?regionCode=10&limit=2');
    expect(first.body.total).toBe(5);
    expect(first.body.centers).toHaveLength(2);
    const all = await listed({ regionCode: '10' });
    expect(all.map((c) => c.name)).toEqual([
      'Абрикосовый',
      'Абрикосовый',
      'Вишнёвый',
      'Грушевый',
      'Яблоневый',
    ]);
    expect(new Set(all.map((c) => c.id)).size).toBe(5);
  });

  it(`answers clusters when more than ${MAP_MAX_POINTS} centers are in view, and points when zoomed in`, async () => {
    const org = await organization(['form_z'], { regionCode: '29' });
    // a grid of centers over Архангельская область, 0.2° apart
    const grid: TestCenterOptions[] = [];
    for (let i = 0; i < 25; i++)
      for (let j = 0; j < 41; j++)
        grid.push({ regionCode: '29', lat: 61.5 + i * 0.18, lon: 40.5 + j * 0.17, name: `Сетка ${i}-${j}` });
    const ids = await insertTestCenters(sut, org, grid);
    expect(ids.length).toBeGreaterThan(MAP_MAX_POINTS);

    const far = await viewport({ bbox: ARKHANGELSK_REGION, zoom: '5', regionCode: '29' });
    expect(far.kind).toBe('clusters');
    if (far.kind !== 'clusters') return;
    const inGrid = far.clusters.reduce((n, c) => n + c.count, 0);
    expect(far.total).toBe(inGrid);
    expect(inGrid).toBeGreaterThanOrEqual(ids.length);
    // at zoom 5 a cell is 64 px: 360° / 2^5 / 4 ≈ 2.8° of longitude, so a few dozen cells
    expect(far.clusters.length).toBeGreaterThan(3);
    expect(far.clusters.length).toBeLessThan(60);
    for (const c of far.clusters) {
      expect(c.lat).toBeGreaterThanOrEqual(61);
      expect(c.lat).toBeLessThanOrEqual(66);
      expect(c.centerId === null).toBe(c.count > 1);
    }
    // more cells, fewer centers in each, as the zoom grows
    const nearer = await viewport({ bbox: ARKHANGELSK_REGION, zoom: '7', regionCode: '29' });
    expect(nearer.kind).toBe('clusters');
    if (nearer.kind === 'clusters') expect(nearer.clusters.length).toBeGreaterThan(far.clusters.length);

    const close = await viewport({ bbox: '62.0,41.0,62.5,42.0', zoom: '11' });
    expect(close.kind).toBe('points');
    if (close.kind === 'points') {
      expect(close.points.length).toBeGreaterThan(10);
      for (const p of close.points) {
        expect(p.lat).toBeGreaterThanOrEqual(62);
        expect(p.lon).toBeLessThanOrEqual(42);
      }
    }
  });

  it('reads a view across the 180th meridian (Chukotka) however its longitudes are written', async () => {
    const org = await organization(['form_z'], { regionCode: '87' });
    const east = await center(org, { regionCode: '87', timeZone: 'Asia/Anadyr', lat: 66.1, lon: -169.8 });
    const west = await center(org, { regionCode: '87', timeZone: 'Asia/Anadyr', lat: 64.73, lon: 177.5 });
    for (const bbox of ['63,170,68,195', '63,170,68,-165', '63,-190,68,-165']) {
      const body = await viewport({ bbox, zoom: '6' });
      const found = body.kind === 'points' ? body.points.map((p) => p.id) : [];
      expect(found, bbox).toEqual(expect.arrayContaining([east.id, west.id]));
    }
    const onlyWest = await viewport({ bbox: '63,170,68,180', zoom: '6' });
    expect(onlyWest.kind === 'points' && onlyWest.points.map((p) => p.id)).toEqual([west.id]);
  });

  it('tells where the tiles come from: nowhere unless configured', async () => {
    const res = await visitor.get('/api/map/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tileUrl: null, tileAttribution: null });
  });

  describe('«Пожаловаться на центр обслуживания» from the card', () => {
    let addresses = 0;
    /** each filing from its own address: the form is limited to 10 an hour per address */
    const complainant = () => new TestClient(sut.app, `198.51.100.${++addresses}`);
    const complaint = (organizationId: string, centerId?: string) => ({
      organizationId,
      category: 'wrong_center_information',
      text: 'На карте указано, что центр открыт по субботам, но в субботу он был закрыт.',
      ...(centerId ? { centerId } : {}),
    });
    const complaintCount = async () =>
      (await sut.database.db.select({ id: complaints.id }).from(complaints)).length;

    it('keeps the center with the complaint and names it in the notice to the organization', async () => {
      const org = await organization(['form_z']);
      const c = await center(org, {
        name: 'МФЦ на Ленина',
        address: '160000, г. Вологда, ул. Ленина, д. 15',
      });
      const res = await complainant().post('/api/complaints', complaint(org.id, c.id));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [row] = await sut.database.db.select().from(complaints).where(eq(complaints.id, res.body.id));
      expect(row!.centerId).toBe(c.id);
      const email = (await findOrganization(sut.database.db, org.id))!.email;
      const notice = await waitForMessage(sut, email, new Date(0), new RegExp(`№ ${res.body.number}`));
      expect(notice!.body).toContain(
        'Центр обслуживания: МФЦ на Ленина, 160000, г. Вологда, ул. Ленина, д. 15.',
      );
      const [audited] = await sut.database.db
        .select({ data: auditLog.data })
        .from(auditLog)
        .where(and(eq(auditLog.event, 'complaint.submitted'), eq(auditLog.subjectId, res.body.id)));
      expect(audited!.data).toMatchObject({ centerId: c.id });
    });

    it("refuses another organization's center, an inactive one and an id that is none, storing nothing", async () => {
      const org = await organization(['form_z']);
      const other = await organization(['form_z']);
      const othersCenter = await center(other);
      const inactive = await center(org, { status: 'inactive' });
      const before = await complaintCount();
      for (const centerId of [othersCenter.id, inactive.id, '6f1c1a52-3d4e-4b7a-9c1d-2e3f4a5b6c7d']) {
        const res = await complainant().post('/api/complaints', complaint(org.id, centerId));
        expect(res.status).toBe(400);
        expect(res.body.error.fields).toEqual([{ path: 'centerId', code: 'complaint.center_unknown' }]);
      }
      const malformed = await complainant().post('/api/complaints', {
        ...complaint(org.id),
        centerId: 'ЦО-1',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.fields).toContainEqual({ path: 'centerId', code: 'id.invalid' });
      expect(await complaintCount()).toBe(before);
    });
  });

  describe('refuses every bad parameter with its code', () => {
    const cases: [string, string, string, string][] = [
      ['no viewport', '/api/map/viewport?zoom=5', 'bbox', 'required'],
      ['a viewport of words', '/api/map/viewport?bbox=north&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['three numbers', '/api/map/viewport?bbox=1,2,3&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['five numbers', '/api/map/viewport?bbox=1,2,3,4,5&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['south above north', '/api/map/viewport?bbox=60,30,50,40&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['a latitude past the pole', '/api/map/viewport?bbox=50,30,95,40&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['a longitude of 1000°', '/api/map/viewport?bbox=50,30,60,1000&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['an exponent', '/api/map/viewport?bbox=5e1,30,60,40&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['Infinity', '/api/map/viewport?bbox=-Infinity,30,60,40&zoom=5', 'bbox', 'map.bbox_invalid'],
      ['a NUL in the viewport', '/api/map/viewport?bbox=50,30,60,40%00&zoom=5', 'bbox', 'text.invalid_chars'],
      ['no zoom', `/api/map/viewport?bbox=${VOLOGDA}`, 'zoom', 'required'],
      ['an empty zoom', `/api/map/viewport?bbox=${VOLOGDA}&zoom=`, 'zoom', 'map.zoom_invalid'],
      ['a zoom of words', `/api/map/viewport?bbox=${VOLOGDA}&zoom=far`, 'zoom', 'map.zoom_invalid'],
      ['a zoom too close', `/api/map/viewport?bbox=${VOLOGDA}&zoom=25`, 'zoom', 'map.zoom_invalid'],
      ['a negative zoom', `/api/map/viewport?bbox=${VOLOGDA}&zoom=-1`, 'zoom', 'map.zoom_invalid'],
      ['a fractional zoom', `/api/map/viewport?bbox=${VOLOGDA}&zoom=4.5`, 'zoom', 'map.zoom_invalid'],
      [
        'an unknown region',
        `/api/map/viewport?bbox=${VOLOGDA}&zoom=5&regionCode=00`,
        'regionCode',
        'region.unknown',
      ],
      [
        'an unknown service',
        `/api/map/viewport?bbox=${VOLOGDA}&zoom=5&service=passport`,
        'service',
        'center.service_unknown',
      ],
      [
        '«Открыто сейчас» as yes',
        `/api/map/viewport?bbox=${VOLOGDA}&zoom=5&openNow=yes`,
        'openNow',
        'map.flag_invalid',
      ],
      [
        'a NUL in the search',
        `/api/map/viewport?bbox=${VOLOGDA}&zoom=5&q=%D0%BC%00`,
        'q',
        'text.invalid_chars',
      ],
      ['a search too long', `/api/map/centers?q=${'а'.repeat(201)}`, 'q', 'too_long'],
      ['an unknown region in the list', '/api/map/centers?regionCode=100', 'regionCode', 'region.unknown'],
      ['a forged cursor', '/api/map/centers?cursor=bm90IGEgY3Vyc29y', 'cursor', 'cursor.invalid'],
      [
        'a cursor with NUL',
        `/api/map/centers?cursor=${Buffer.from(JSON.stringify(['a\0', '6f1c1a52-3d4e-4b7a-9c1d-2e3f4a5b6c7d'])).toString('base64url')}`,
        'cursor',
        'cursor.invalid',
      ],
      ['a page of none', '/api/map/centers?limit=0', 'limit', 'map.limit_invalid'],
      ['a page too long', '/api/map/centers?limit=1000', 'limit', 'map.limit_invalid'],
      ['a card of no id', '/api/map/centers/not-an-id', 'centerId', 'id.invalid'],
    ];
    for (const [name, path, field, code] of cases)
      it(`${name}: ${code}`, async () => {
        const res = await visitor.get(path);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.error.code).toBe('validation.failed');
        expect(res.body.error.fields).toContainEqual({ path: field, code });
      });

    it('a parameter given twice', async () => {
      const res = await visitor.get(`/api/map/viewport?bbox=${VOLOGDA}&zoom=5&zoom=6`);
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('zoom');
    });

    it('a card of a center that does not exist: map.center_not_found', async () => {
      const res = await visitor.get('/api/map/centers/6f1c1a52-3d4e-4b7a-9c1d-2e3f4a5b6c7d');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('map.center_not_found');
    });
  });
});
