import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, serviceCenterEvents, serviceCenters } from '../../src/db/schema/index.js';
import { ManualClock } from '../../src/lib/clock.js';
import { removeGroupMember } from '../../src/repositories/organization/directory.js';
import { signedInClient, uniqueEmail } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import {
  addTestMember,
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const named = (p: Person) => ({ id: p.id, ...p.personalData });

/** Monday to Friday 09:00-18:00 with a break 13:00-14:00: complete hours for «Действующий». */
const workingWeek = {
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
      d,
      [
        { from: '09:00', to: '13:00' },
        { from: '14:00', to: '18:00' },
      ],
    ]),
  ),
  exceptions: [{ date: '2027-01-01', intervals: [] }],
};

/** A center of Вологда (region 35), every field the form has. */
const vologda = (extra: Record<string, unknown> = {}) => ({
  name: 'Центр обслуживания на Мира',
  regionCode: '35',
  address: '160000, г. Вологда, ул. Мира, д. 12',
  location: { lat: 59.2205, lon: 39.8915 },
  hours: workingWeek,
  phone: '8 (8172) 72-15-20',
  email: 'co@vologda.example',
  directions: 'Вход со двора, второй этаж, окно 3',
  accessibility: ['step_free_entrance', 'disabled_parking'],
  services: ['confirmation'],
  ...extra,
});

/**
 * «Центры обслуживания» on the technological portal (issue 11, items 1, 2 and 5), through HTTP on
 * a real database: a member of «Технологический портал» adds a center, attaches operators of the
 * АРМ groups and makes it «Действующий»; every refusal the issue names, each with nothing changed.
 */
describe('service centers on the technological portal', () => {
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  let sut: TestSystem;

  interface Org {
    id: string;
    head: Person;
    /** a member of «Технологический портал» acting for the organization */
    officer: TestClient;
    officerPerson: Person;
    /** an employee in «Специалисты по подтверждению личности» */
    operator: Person;
  }

  async function actingFor(person: Person, organizationId: string): Promise<TestClient> {
    const client = await signedInClient(sut, person);
    const chosen = await client.put('/api/session/acting-for', { organizationId });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    return client;
  }

  async function organization(
    approvals: ('form_z' | 'form_i')[] = ['form_z'],
    regionCode = '35',
  ): Promise<Org> {
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, named(head), { regionCode });
    for (const a of approvals) await grantTestApproval(sut, org.id, a);
    const officerPerson = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(officerPerson), { groups: ['tech_portal'] });
    const operator = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(operator), { groups: ['identity_specialists'] });
    return { id: org.id, head, officer: await actingFor(officerPerson, org.id), officerPerson, operator };
  }

  async function create(org: Org, body: Record<string, unknown> = vologda()) {
    const res = await org.officer.post('/api/tech/centers', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; revision: number; [k: string]: any };
  }

  const centerCount = async () => (await sut.database.db.select({ n: count() }).from(serviceCenters))[0]!.n;
  const eventsOf = async (centerId: string) =>
    sut.database.db.select().from(serviceCenterEvents).where(eq(serviceCenterEvents.centerId, centerId));
  const stored = async (centerId: string) =>
    (await sut.database.db.select().from(serviceCenters).where(eq(serviceCenters.id, centerId)))[0]!;
  const update = (org: Org, center: { id: string; revision: number }, body: Record<string, unknown>) =>
    org.officer.put(`/api/tech/centers/${center.id}`, {
      ...vologda(),
      status: 'inactive',
      revision: center.revision,
      ...body,
    });

  beforeAll(async () => {
    sut = await startTestSystem({ clock });
  });
  afterAll(async () => sut?.stop());

  it('adds a center as «Недействующий», with its history, audit entry and what «Действующий» still needs', async () => {
    const org = await organization();
    const center = await create(org, {
      name: 'ЦО на Ленина',
      regionCode: '35',
      address: 'г. Вологда, ул. Ленина, д. 1',
    });
    expect(center).toMatchObject({
      status: 'inactive',
      timeZone: 'Europe/Moscow',
      location: null,
      services: [],
      allowedServices: ['confirmation'],
      missingForActivation: ['location', 'hours', 'phone', 'services', 'operators'],
      quality: ['never_open'],
    });
    const list = await org.officer.get('/api/tech/centers');
    expect(list.body.centers.map((c: { id: string }) => c.id)).toEqual([center.id]);
    expect(list.body.organizationRegionCode).toBe('35');
    expect((await eventsOf(center.id)).map((e) => [e.kind, e.actorName])).toEqual([
      [
        'created',
        `${org.officerPerson.personalData.lastName} ${org.officerPerson.personalData.firstName}${org.officerPerson.personalData.middleName ? ` ${org.officerPerson.personalData.middleName}` : ''}`,
      ],
    ]);
    const audit = await sut.database.db.select().from(auditLog).where(eq(auditLog.subjectId, org.id));
    expect(audit.map((a) => a.event)).toContain('center.created');
    const phone = await create(org);
    expect(phone.phone).toBe('+78172721520');
  });

  it("is the group «Технологический портал»'s: the head without it, an operator and a stranger are refused", async () => {
    const org = await organization();
    const head = await actingFor(org.head, org.id);
    const operator = await actingFor(org.operator, org.id);
    const before = await centerCount();
    for (const client of [head, operator]) {
      expect((await client.get('/api/tech/centers')).status).toBe(403);
      expect((await client.post('/api/tech/centers', vologda())).body.error.code).toBe('auth.forbidden');
    }
    const anonymous = new TestClient(sut.app, '192.0.2.77');
    expect((await anonymous.get('/api/tech/centers')).status).toBe(401);
    // a citizen who does not act for the organization
    expect((await (await signedInClient(sut, org.head)).get('/api/tech/centers')).status).toBe(403);
    expect(await centerCount()).toBe(before);
  });

  it('offers only the services the approvals allow: «Подтверждение» alone after Форма З', async () => {
    const formZ = await organization(['form_z']);
    const before = await centerCount();
    const refused = await formZ.officer.post(
      '/api/tech/centers',
      vologda({ services: ['confirmation', 'registration'] }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ path: 'services.1', code: 'center.service_not_allowed' }]);
    expect(await centerCount()).toBe(before);

    const formI = await organization(['form_z', 'form_i']);
    const all = await create(
      formI,
      vologda({ services: ['registration', 'confirmation', 'recovery', 'deletion'] }),
    );
    expect(all.allowedServices.sort()).toEqual(['confirmation', 'deletion', 'recovery', 'registration']);
  });

  it('refuses hours that end before they start or overlap, a point outside Russia or the region, a zone of another region', async () => {
    const org = await organization();
    const before = await centerCount();
    const cases: [Record<string, unknown>, { path: string; code: string }][] = [
      [
        { hours: { weekly: { mon: [{ from: '18:00', to: '09:00' }] } } },
        { path: 'hours.weekly.mon.0.to', code: 'hours.end_before_start' },
      ],
      [
        {
          hours: {
            weekly: {
              tue: [
                { from: '09:00', to: '13:00' },
                { from: '12:30', to: '18:00' },
              ],
            },
          },
        },
        { path: 'hours.weekly.tue.1.from', code: 'hours.overlap' },
      ],
      [{ location: { lat: 52.52, lon: 13.405 } }, { path: 'location', code: 'location.outside_russia' }],
      [{ location: { lat: 55.7558, lon: 37.6173 } }, { path: 'location', code: 'location.outside_region' }],
      [{ location: { lat: 91, lon: 10 } }, { path: 'location.lat', code: 'location.invalid' }],
      [{ timeZone: 'Asia/Kamchatka' }, { path: 'timeZone', code: 'center.time_zone_invalid' }],
      [{ phone: '12345' }, { path: 'phone', code: 'center.phone_invalid' }],
      [{ name: 'ЦО\u0000' }, { path: 'name', code: 'text.invalid_chars' }],
      [
        { services: ['confirmation', 'confirmation'] },
        { path: 'services', code: 'center.duplicate_service' },
      ],
    ];
    for (const [change, field] of cases) {
      const res = await org.officer.post('/api/tech/centers', vologda(change));
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(change)).toContainEqual(field);
    }
    expect(await centerCount()).toBe(before);
  });

  it('makes a center «Действующий» only when complete and with an operator who has access', async () => {
    const org = await organization();
    let center = await create(org, {
      name: 'ЦО',
      regionCode: '35',
      address: 'г. Череповец, ул. Ленина, д. 5',
    });
    const incomplete = await update(org, center, {
      name: 'ЦО',
      address: 'г. Череповец, ул. Ленина, д. 5',
      location: null,
      hours: { weekly: {} },
      phone: '',
      services: [],
      status: 'active',
    });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error).toMatchObject({
      code: 'center.incomplete',
      fields: [
        { path: 'location', code: 'required' },
        { path: 'hours', code: 'required' },
        { path: 'phone', code: 'required' },
        { path: 'services', code: 'required' },
      ],
    });
    const noOperator = await update(org, center, { status: 'active' });
    expect(noOperator.body.error.code).toBe('center.no_operator');
    expect((await stored(center.id)).status).toBe('inactive');
    expect((await stored(center.id)).revision).toBe(center.revision);

    const attached = await org.officer.post(`/api/tech/centers/${center.id}/operators`, {
      accountId: org.operator.id,
    });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    expect(attached.body.operators).toMatchObject([
      { accountId: org.operator.id, hasAccess: true, groups: ['identity_specialists'] },
    ]);
    center = attached.body;
    const active = await update(org, center, { status: 'active' });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    expect(active.body).toMatchObject({ status: 'active', missingForActivation: [] });
    expect((await eventsOf(center.id)).map((e) => e.kind).sort()).toEqual(
      ['activated', 'created', 'operator_attached', 'updated'].sort(),
    );
    const history = await org.officer.get(`/api/tech/centers/${center.id}/history`);
    expect(history.body.events[0].kind).toBe('activated');
    expect(history.body.events.find((e: { kind: string }) => e.kind === 'updated').changedFields).toEqual(
      expect.arrayContaining(['address', 'location', 'hours', 'phone', 'services']),
    );

    // «Недействующий» again: one save, recorded.
    const inactive = await update(org, active.body, { status: 'inactive' });
    expect(inactive.body.status).toBe('inactive');
    expect((await eventsOf(center.id)).filter((e) => e.kind === 'deactivated')).toHaveLength(1);
    // Saving nothing new records nothing.
    const same = await update(org, inactive.body, {});
    expect(same.body.revision).toBe(inactive.body.revision);
    expect(await eventsOf(center.id)).toHaveLength(5);
  });

  it('refuses a page edited from a stale read', async () => {
    const org = await organization();
    const center = await create(org);
    expect((await update(org, center, { name: 'Первое изменение' })).status).toBe(200);
    const stale = await update(org, center, { name: 'Второе изменение' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('center.stale');
    expect((await stored(center.id)).name).toBe('Первое изменение');
  });

  it('attaches only employees in an АРМ group; one person may serve several centers; leaving the group ends access', async () => {
    const org = await organization();
    const other = await organization();
    const first = await create(org);
    const second = await create(org, vologda({ address: 'г. Вологда, ул. Ленина, д. 3' }));
    const outsider = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const notInGroup = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    await addTestMember(sut, org.id, named(notInGroup));
    for (const accountId of [outsider.id, notInGroup.id, other.operator.id, org.officerPerson.id]) {
      const res = await org.officer.post(`/api/tech/centers/${first.id}/operators`, { accountId });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('center.operator_not_eligible');
    }
    const candidates = await org.officer.get(`/api/tech/centers/${first.id}/operator-candidates`);
    expect(candidates.body.candidates.map((c: { accountId: string }) => c.accountId)).toEqual([
      org.operator.id,
    ]);

    for (const c of [first, second])
      expect(
        (await org.officer.post(`/api/tech/centers/${c.id}/operators`, { accountId: org.operator.id }))
          .status,
      ).toBe(200);
    const twice = await org.officer.post(`/api/tech/centers/${first.id}/operators`, {
      accountId: org.operator.id,
    });
    expect(twice.body.error.code).toBe('center.operator_already_attached');

    await removeGroupMember(sut.database.db, org.id, 'identity_specialists', org.operator.id);
    const after = await org.officer.get(`/api/tech/centers/${first.id}`);
    expect(after.body.operators).toMatchObject([
      { accountId: org.operator.id, hasAccess: false, groups: [] },
    ]);
    expect(after.body.missingForActivation).toContain('operators');

    const detached = await org.officer.delete(`/api/tech/centers/${second.id}/operators/${org.operator.id}`);
    expect(detached.status).toBe(200);
    expect(detached.body.operators).toEqual([]);
    const again = await org.officer.delete(`/api/tech/centers/${second.id}/operators/${org.operator.id}`);
    expect(again.body.error.code).toBe('center.operator_not_attached');
    expect((await eventsOf(second.id)).map((e) => e.kind)).toContain('operator_detached');
  });

  it("does not let one organization see or touch another's center", async () => {
    const org = await organization();
    const other = await organization();
    const center = await create(other);
    expect((await org.officer.get(`/api/tech/centers/${center.id}`)).body.error.code).toBe(
      'center.not_found',
    );
    expect((await update(org, center, { name: 'Чужой' })).status).toBe(404);
    expect(
      (await org.officer.post(`/api/tech/centers/${center.id}/operators`, { accountId: org.operator.id }))
        .status,
    ).toBe(404);
    expect((await org.officer.get(`/api/tech/centers/${center.id}/history`)).status).toBe(404);
    expect((await stored(center.id)).name).toBe(vologda().name);
  });

  it('flags what looks wrong: a phone that does not dial, hours that never open, a duplicate address', async () => {
    const org = await organization();
    const a = await create(
      org,
      vologda({
        address: 'г. Вологда, ул. Преображенского, д. 28',
        phone: '+7 (000) 123-45-67',
        hours: { weekly: {} },
      }),
    );
    expect(a.quality.sort()).toEqual(['never_open', 'phone_not_dialable']);
    const b = await create(org, vologda({ address: 'Вологда город, улица Преображенского, дом 28' }));
    expect(b.quality).toEqual(['duplicate_address']);
    const list = await org.officer.get('/api/tech/centers');
    expect(list.body.centers.find((c: { id: string }) => c.id === a.id).quality).toContain(
      'duplicate_address',
    );
  });

  it('finds an address through the geocoder (the simulator knows the cities)', async () => {
    const org = await organization();
    const found = await org.officer.get(
      `/api/tech/geocode?q=${encodeURIComponent('г. Вологда, ул. Мира, д. 12')}&regionCode=35`,
    );
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.results[0]).toMatchObject({ regionCode: '35', precision: 'house' });
    const { lat, lon } = found.body.results[0].location;
    expect(Math.abs(lat - 59.22)).toBeLessThan(0.1);
    expect(Math.abs(lon - 39.89)).toBeLessThan(0.15);
    const nothing = await org.officer.get(
      `/api/tech/geocode?q=${encodeURIComponent('Атлантида, ул. Морская')}`,
    );
    expect(nothing.body.results).toEqual([]);
  });
});
