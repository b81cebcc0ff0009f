import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, complaints } from '../../src/db/schema/index.js';
import { ManualClock } from '../../src/lib/clock.js';
import { findOrganization } from '../../src/repositories/organization/organizations.js';
import {
  createFederalOperator,
  createSimplifiedCitizen,
  signedInClient,
  uniqueEmail,
  waitForMessage,
} from '../support/factories.js';
import { TestClient } from '../support/http.js';
import {
  addTestMember,
  createConfirmedCitizen,
  grantTestApproval,
  insertApprovedApplication,
  insertTestOrganization,
} from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

const DAY_MS = 86_400_000;
/** The deadline this system is given (COMPLAINT_ANSWER_DAYS), not the default. */
const ANSWER_DAYS = 7;

type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const named = (p: Person) => ({ id: p.id, ...p.personalData });

/**
 * Complaints about service centers (issue 10, item 5), through HTTP on a real database: the public
 * form (anonymous or signed in), the organization's answer by its head, administrators or
 * responsible person, the deadline and the overdue, the regional and federal operators' lists; and
 * every refusal, each with nothing changed.
 */
describe('complaints about service centers', () => {
  const clock = new ManualClock(new Date());
  let sut: TestSystem;
  let federal: TestClient;
  /** read-only requests of a signed-out visitor */
  let anonymous: TestClient;
  /** Each filing from its own address: the form is limited to 10 an hour per address. */
  let addresses = 0;
  const visitor = () => {
    addresses++;
    return new TestClient(sut.app, `198.51.${(addresses >> 8) & 255}.${addresses & 255}`);
  };

  interface Org {
    id: string;
    ogrn: string;
    shortName: string;
    email: string;
    head: Person;
    client: TestClient;
  }

  async function organization(
    options: { regionCode?: string; approved?: boolean; shortName?: string } = {},
  ): Promise<Org> {
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const org = await insertTestOrganization(sut, named(head), {
      regionCode: options.regionCode ?? '35',
      shortName: options.shortName,
    });
    if (options.approved ?? true) await grantTestApproval(sut, org.id);
    const row = (await findOrganization(sut.database.db, org.id))!;
    return {
      ...org,
      shortName: row.shortName,
      email: row.email,
      head,
      client: await actingFor(head, org.id),
    };
  }

  async function actingFor(person: Person, organizationId: string): Promise<TestClient> {
    const client = await signedInClient(sut, person);
    const chosen = await client.put('/api/session/acting-for', { organizationId });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    return client;
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
    return actingFor(person, orgId);
  }

  const complaint = (organizationId: string, extra: Record<string, unknown> = {}) => ({
    organizationId,
    category: 'refused_service',
    text: 'Оператор отказался подтвердить учётную запись без объяснения причин.',
    place: 'г. Вологда, ул. Мира, д. 30, окно 4',
    ...extra,
  });

  /** A complaint filed `daysAgo` days ago (the clock moved back for the filing alone). */
  async function fileComplaint(organizationId: string, extra: Record<string, unknown> = {}, daysAgo = 0) {
    clock.advance(-daysAgo * DAY_MS);
    try {
      const res = await visitor().post('/api/complaints', complaint(organizationId, extra));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { id: string; number: number; answerDueAt: string };
    } finally {
      clock.advance(daysAgo * DAY_MS);
    }
  }

  async function complaintCount(): Promise<number> {
    const [row] = await sut.database.db.select({ n: count() }).from(complaints);
    return row!.n;
  }

  async function stored(id: string) {
    const [row] = await sut.database.db.select().from(complaints).where(eq(complaints.id, id));
    return row!;
  }

  async function auditOf(event: string, subjectId: string) {
    return sut.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, subjectId))
      .then((rows) => rows.filter((r) => r.event === event));
  }

  beforeAll(async () => {
    sut = await startTestSystem({ clock, env: { COMPLAINT_ANSWER_DAYS: String(ANSWER_DAYS) } });
    federal = await signedInClient(sut, await createFederalOperator(sut));
    anonymous = new TestClient(sut.app, '192.0.2.10');
  });
  afterAll(async () => sut?.stop());

  describe('the public form', () => {
    it('offers the authorized organizations by part of their name and by region, not the others', async () => {
      const approved = await organization({ shortName: 'МФЦ «Сокол» Вологодской области' });
      const other = await organization({ shortName: 'МФЦ «Сокол» Камчатского края', regionCode: '41' });
      const unapproved = await organization({ approved: false, shortName: 'МФЦ «Сокол» без согласования' });

      const found = await anonymous.get(`/api/complaints/organizations?q=${encodeURIComponent('сокол')}`);
      expect(found.status).toBe(200);
      const ids = found.body.organizations.map((o: { id: string }) => o.id);
      expect(ids).toContain(approved.id);
      expect(ids).toContain(other.id);
      expect(ids).not.toContain(unapproved.id);
      expect(found.body.organizations.find((o: { id: string }) => o.id === approved.id)).toEqual({
        id: approved.id,
        shortName: approved.shortName,
        fullName: expect.any(String),
        regionCode: '35',
      });

      const inRegion = await anonymous.get(
        `/api/complaints/organizations?q=${encodeURIComponent('Сокол')}&regionCode=41`,
      );
      expect(inRegion.body.organizations.map((o: { id: string }) => o.id)).toEqual([other.id]);
      // A percent sign is a character typed, not a wildcard.
      const literal = await anonymous.get(`/api/complaints/organizations?q=${encodeURIComponent('%')}`);
      expect(literal.body.organizations).toEqual([]);
      const badRegion = await anonymous.get('/api/complaints/organizations?regionCode=XX');
      expect(badRegion.status).toBe(400);
      expect(badRegion.body.error.fields).toEqual([{ path: 'regionCode', code: 'region.unknown' }]);
    });

    it('takes an anonymous complaint with the deadline of COMPLAINT_ANSWER_DAYS and tells the organization', async () => {
      const org = await organization();
      const admin = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      await addTestMember(sut, org.id, named(admin), { administrator: true });
      const responsible = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      await addTestMember(sut, org.id, named(responsible));
      const responsibleEmail = uniqueEmail();
      await insertApprovedApplication(sut, org, { ...named(responsible), email: responsibleEmail }, 'form_i');

      const res = await visitor().post(
        '/api/complaints',
        complaint(org.id, { email: '  Complainant@Example.RU ', category: 'staff_conduct' }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({
        id: expect.any(String),
        number: expect.any(Number),
        organization: { shortName: org.shortName },
        answerDueAt: new Date(clock.now().getTime() + ANSWER_DAYS * DAY_MS).toISOString(),
        answerByEmail: true,
      });

      const row = await stored(res.body.id);
      expect(row).toMatchObject({
        organizationId: org.id,
        regionCode: '35',
        category: 'staff_conduct',
        place: 'г. Вологда, ул. Мира, д. 30, окно 4',
        complainantAccountId: null,
        answeredAt: null,
      });
      // The address is sealed: the table holds no readable e-mail.
      expect(row.complainantEmailEncrypted!.toString('latin1')).not.toContain('example.ru');

      const [entry] = await auditOf('complaint.submitted', res.body.id);
      expect(entry).toMatchObject({ actorType: 'anonymous', actorId: null });
      expect(entry!.data).toEqual({
        complaintId: res.body.id,
        number: res.body.number,
        organizationId: org.id,
        category: 'staff_conduct',
      });

      // The organization's e-mail, its head, its administrator and the responsible person are told.
      const told = new RegExp(`Поступила жалоба № ${res.body.number} `);
      for (const to of [org.email, org.head.email!, admin.email!, responsibleEmail])
        expect((await waitForMessage(sut, to, new Date(0), told)).body).toContain(
          'Некорректное поведение сотрудника',
        );
    });

    it("records a signed-in citizen's account with the complaint", async () => {
      const org = await organization();
      const citizen = await createSimplifiedCitizen(sut);
      const client = await signedInClient(sut, citizen);
      const res = await client.post('/api/complaints', complaint(org.id, { place: '' }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.answerByEmail).toBe(false);
      const row = await stored(res.body.id);
      expect(row.complainantAccountId).toBe(citizen.id);
      expect(row.place).toBeNull();
      expect(row.complainantEmailEncrypted).toBeNull();
      const [entry] = await auditOf('complaint.submitted', res.body.id);
      expect(entry).toMatchObject({ actorType: 'citizen', actorId: citizen.id });
    });

    it('refuses a complaint with missing fields, naming each, and keeps nothing', async () => {
      const before = await complaintCount();
      const res = await visitor().post('/api/complaints', {});
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation.failed');
      expect(res.body.error.fields).toEqual(
        expect.arrayContaining([
          { path: 'organizationId', code: 'required' },
          { path: 'category', code: 'required' },
          { path: 'text', code: 'required' },
        ]),
      );
      const blank = await visitor().post('/api/complaints', {
        organizationId: '',
        category: '',
        text: '   ',
      });
      expect(blank.status).toBe(400);
      expect(blank.body.error.fields).toEqual(
        expect.arrayContaining([
          { path: 'organizationId', code: 'required' },
          { path: 'text', code: 'required' },
        ]),
      );
      expect(await complaintCount()).toBe(before);
    });

    it('refuses malformed fields with their own codes and keeps nothing', async () => {
      const org = await organization();
      const before = await complaintCount();
      const cases: [Record<string, unknown>, { path: string; code: string }][] = [
        [{ organizationId: 'не-идентификатор' }, { path: 'organizationId', code: 'id.invalid' }],
        [{ category: 'everything' }, { path: 'category', code: 'complaint.category_unknown' }],
        [{ text: 'Плохо' }, { path: 'text', code: 'complaint.text_too_short' }],
        [{ text: 'ж'.repeat(4001) }, { path: 'text', code: 'too_long' }],
        [{ text: 'Текст с нулевым символом \u0000 внутри' }, { path: 'text', code: 'text.invalid_chars' }],
        [{ place: 'м'.repeat(501) }, { path: 'place', code: 'too_long' }],
        [{ email: 'не почта' }, { path: 'email', code: 'email.invalid' }],
      ];
      for (const [extra, field] of cases) {
        const res = await visitor().post('/api/complaints', complaint(org.id, extra));
        expect(res.status, JSON.stringify(extra)).toBe(400);
        expect(res.body.error.fields, JSON.stringify(extra)).toContainEqual(field);
      }
      expect(await complaintCount()).toBe(before);
    });

    it('refuses a complaint about an organization that does not exist or is not authorized', async () => {
      const unapproved = await organization({ approved: false });
      const awaiting = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      const notRegistered = await insertTestOrganization(sut, named(awaiting), {
        status: 'awaiting_regional_operator',
      });
      await grantTestApproval(sut, notRegistered.id);
      const before = await complaintCount();
      for (const organizationId of [
        '6f1c2a4e-1111-4222-8333-444455556666',
        unapproved.id,
        notRegistered.id,
      ]) {
        const res = await visitor().post('/api/complaints', complaint(organizationId));
        expect(res.status, organizationId).toBe(400);
        expect(res.body.error).toEqual({
          code: 'validation.failed',
          fields: [{ path: 'organizationId', code: 'complaint.organization_unknown' }],
        });
      }
      expect(await complaintCount()).toBe(before);
    });

    it('takes ten complaints an hour from one address, then asks to wait', async () => {
      const org = await organization();
      const client = visitor();
      for (let i = 0; i < 10; i++)
        expect((await client.post('/api/complaints', complaint(org.id))).status).toBe(200);
      const before = await complaintCount();
      const eleventh = await client.post('/api/complaints', complaint(org.id));
      expect(eleventh.status).toBe(429);
      expect(eleventh.body.error.code).toBe('rate.limited');
      expect(await complaintCount()).toBe(before);
    });
  });

  describe("the organization's «Жалобы»", () => {
    it('lets an administrator answer once; the complainant gets the answer by e-mail', async () => {
      const org = await organization();
      const admin = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      await addTestMember(sut, org.id, named(admin), { administrator: true });
      const adminClient = await actingFor(admin, org.id);
      const complainant = uniqueEmail();
      const filed = await fileComplaint(org.id, { email: complainant });

      const list = await org.client.get('/api/organization/complaints?filter=awaiting_answer');
      expect(list.status).toBe(200);
      expect(list.body.counts).toEqual({ awaitingAnswer: 1, overdue: 0 });
      expect(list.body.complaints).toHaveLength(1);
      expect(list.body.complaints[0]).toMatchObject({
        id: filed.id,
        number: filed.number,
        status: 'awaiting_answer',
        overdue: false,
        answer: null,
        answerByEmail: true,
        signedIn: false,
        organization: { id: org.id },
      });
      // No page shows the complainant's address.
      expect(JSON.stringify(list.body)).not.toContain(complainant);

      const answer = 'Проведена проверка, с оператором проведена беседа. Приносим извинения.';
      const res = await adminClient.post(`/api/organization/complaints/${filed.id}/answer`, { answer });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        status: 'answered',
        answer,
        answeredBy: { lastName: admin.personalData.lastName, firstName: admin.personalData.firstName },
        overdue: false,
      });
      const mail = await waitForMessage(sut, complainant, new Date(0), /Ответ:/);
      expect(mail.body).toContain(`жалобу № ${filed.number}`);
      expect(mail.body).toContain(answer);
      const [entry] = await auditOf('complaint.answered', org.id);
      expect(entry).toMatchObject({ actorType: 'organization_member', actorId: admin.id });
      expect(entry!.data).toMatchObject({ complaintId: filed.id, number: filed.number, overdue: false });

      // Answered once: a second answer changes nothing.
      const second = await org.client.post(`/api/organization/complaints/${filed.id}/answer`, {
        answer: 'Другой ответ, который не должен заменить первый.',
      });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('complaint.already_answered');
      expect((await stored(filed.id)).answer).toBe(answer);
      expect(
        (await org.client.get('/api/organization/complaints?filter=awaiting_answer')).body.counts,
      ).toEqual({
        awaitingAnswer: 0,
        overdue: 0,
      });
      // The organization's journal says it was answered.
      const journal = await org.client.get('/api/organization/journal');
      expect(journal.body.entries.map((e: { details: string }) => e.details)).toContain(
        `Дан ответ на жалобу № ${filed.number}`,
      );
    });

    it('lets the responsible person of the approved application answer, and no other employee', async () => {
      const org = await organization({ approved: false });
      const responsible = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      const employee = await createConfirmedCitizen(sut, { email: uniqueEmail() });
      await addTestMember(sut, org.id, named(responsible));
      await addTestMember(sut, org.id, named(employee));
      await insertApprovedApplication(sut, org, { ...named(responsible), email: uniqueEmail() });
      const filed = await fileComplaint(org.id);

      const employeeClient = await actingFor(employee, org.id);
      const listed = await employeeClient.get('/api/organization/complaints');
      expect(listed.status).toBe(403);
      expect(listed.body.error.code).toBe('complaint.not_responsible');
      const refused = await employeeClient.post(`/api/organization/complaints/${filed.id}/answer`, {
        answer: 'Ответ сотрудника, который не отвечает за жалобы.',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('complaint.not_responsible');
      expect((await stored(filed.id)).answeredAt).toBeNull();

      const responsibleClient = await actingFor(responsible, org.id);
      expect((await responsibleClient.get('/api/organization/complaints')).body.complaints).toHaveLength(1);
      const answered = await responsibleClient.post(`/api/organization/complaints/${filed.id}/answer`, {
        answer: 'Сведения о центре на карте исправлены.',
      });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(answered.body.answeredBy.lastName).toBe(responsible.personalData.lastName);
    });

    it("refuses to answer another organization's complaint and changes nothing", async () => {
      const [ours, theirs] = await Promise.all([organization(), organization()]);
      const filed = await fileComplaint(theirs.id);
      const res = await ours.client.post(`/api/organization/complaints/${filed.id}/answer`, {
        answer: 'Ответ чужой организации на не свою жалобу.',
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('complaint.not_found');
      expect((await stored(filed.id)).answeredAt).toBeNull();
      // Nor does it list it.
      const list = await ours.client.get('/api/organization/complaints');
      expect(list.body.complaints.map((c: { id: string }) => c.id)).not.toContain(filed.id);
    });

    it('refuses an empty, short or malformed answer and an unknown complaint, changing nothing', async () => {
      const org = await organization();
      const filed = await fileComplaint(org.id);
      const base = `/api/organization/complaints/${filed.id}/answer`;
      const cases: [string, unknown, number, string, { path: string; code: string }?][] = [
        [base, {}, 400, 'validation.failed', { path: 'answer', code: 'required' }],
        [base, { answer: '   ' }, 400, 'validation.failed', { path: 'answer', code: 'required' }],
        [
          base,
          { answer: 'Ок' },
          400,
          'validation.failed',
          { path: 'answer', code: 'complaint.text_too_short' },
        ],
        [base, { answer: 'о'.repeat(4001) }, 400, 'validation.failed', { path: 'answer', code: 'too_long' }],
        [
          '/api/organization/complaints/не-идентификатор/answer',
          { answer: 'Ответ на жалобу без номера.' },
          400,
          'validation.failed',
          { path: 'complaintId', code: 'id.invalid' },
        ],
        [
          '/api/organization/complaints/6f1c2a4e-1111-4222-8333-444455556666/answer',
          { answer: 'Ответ на жалобу, которой нет.' },
          404,
          'complaint.not_found',
        ],
      ];
      for (const [path, body, status, code, field] of cases) {
        const res = await org.client.post(path, body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(res.body.error.code).toBe(code);
        if (field) expect(res.body.error.fields).toContainEqual(field);
      }
      expect((await stored(filed.id)).answeredAt).toBeNull();
    });
  });

  describe('the deadline', () => {
    it('marks an unanswered complaint overdue after its deadline, and an answer then as late', async () => {
      const org = await organization();
      const fresh = await fileComplaint(org.id, {}, 1);
      const old = await fileComplaint(org.id, { category: 'waiting_time' }, ANSWER_DAYS + 2);
      const answeredOld = await fileComplaint(org.id, { category: 'other' }, ANSWER_DAYS + 1);

      const all = await org.client.get('/api/organization/complaints');
      expect(all.body.counts).toEqual({ awaitingAnswer: 3, overdue: 2 });
      // All: newest first.
      expect(all.body.complaints.map((c: { id: string }) => c.id)).toEqual([
        fresh.id,
        answeredOld.id,
        old.id,
      ]);
      const overdue = await org.client.get('/api/organization/complaints?filter=overdue');
      // Overdue: the most overdue first.
      expect(overdue.body.complaints.map((c: { id: string; overdue: boolean }) => [c.id, c.overdue])).toEqual(
        [
          [old.id, true],
          [answeredOld.id, true],
        ],
      );

      const late = await org.client.post(`/api/organization/complaints/${answeredOld.id}/answer`, {
        answer: 'Отвечаем с опозданием: проверка заняла больше времени.',
      });
      expect(late.body).toMatchObject({ status: 'answered', overdue: false });
      const [entry] = (await auditOf('complaint.answered', org.id)).filter(
        (e) => (e.data as { complaintId: string }).complaintId === answeredOld.id,
      );
      expect(entry!.data).toMatchObject({ overdue: true });
      const after = await org.client.get('/api/organization/complaints?filter=awaiting_answer');
      expect(after.body.counts).toEqual({ awaitingAnswer: 2, overdue: 1 });
      expect(after.body.complaints.map((c: { id: string }) => c.id)).toEqual([old.id, fresh.id]);
    });
  });

  describe('the operators', () => {
    it("shows the regional operator its region's complaints only, filtered and paged", async () => {
      const [ours, ours2, theirs] = await Promise.all([
        organization({ regionCode: '29' }),
        organization({ regionCode: '29' }),
        organization({ regionCode: '51' }),
      ]);
      const regional = await regionalOperator('29');
      const a = await fileComplaint(ours.id, {}, ANSWER_DAYS + 3);
      const b = await fileComplaint(ours2.id, {}, ANSWER_DAYS + 1);
      const c = await fileComplaint(ours.id, {}, 0);
      const foreign = await fileComplaint(theirs.id, {}, ANSWER_DAYS + 5);

      const all = await regional.get('/api/regional-operator/complaints');
      expect(all.status).toBe(200);
      expect(all.body.complaints.map((x: { id: string }) => x.id)).toEqual([c.id, b.id, a.id]);
      expect(all.body.counts).toEqual({ awaitingAnswer: 3, overdue: 2 });

      // Page by page, one at a time, the overdue by their deadline.
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: { body: { complaints: { id: string }[]; nextCursor: string | null } } =
          await regional.get(
            `/api/regional-operator/complaints?filter=overdue&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          );
        seen.push(...page.body.complaints.map((x) => x.id));
        cursor = page.body.nextCursor;
      }
      expect(seen).toEqual([a.id, b.id]);

      // Another region's complaint is as unknown as one that never was.
      const other = await regional.get(`/api/regional-operator/complaints/${foreign.id}`);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('complaint.not_found');
      const own = await regional.get(`/api/regional-operator/complaints/${a.id}`);
      expect(own.body).toMatchObject({ id: a.id, overdue: true, organization: { id: ours.id } });

      // The other region's operator sees that one, and none of these.
      const theirOperator = await regionalOperator('51');
      const theirList = await theirOperator.get('/api/regional-operator/complaints');
      expect(theirList.body.complaints.map((x: { id: string }) => x.id)).toEqual([foreign.id]);

      const badCursor = await regional.get('/api/regional-operator/complaints?cursor=bm90LWEtY3Vyc29y');
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.error.fields).toEqual([{ path: 'cursor', code: 'cursor.invalid' }]);
      const badFilter = await regional.get('/api/regional-operator/complaints?filter=everything');
      expect(badFilter.status).toBe(400);
      expect(badFilter.body.error.fields).toEqual([{ path: 'filter', code: 'filter.unknown' }]);
    });

    it('shows the federal operator every region’s complaints, the overdue among them', async () => {
      const [north, east] = await Promise.all([
        organization({ regionCode: '10' }),
        organization({ regionCode: '25' }),
      ]);
      const x = await fileComplaint(north.id, {}, ANSWER_DAYS + 4);
      const y = await fileComplaint(east.id, {}, 0);
      const overdue = await federal.get('/api/federal-operator/complaints?filter=overdue&limit=100');
      expect(overdue.status).toBe(200);
      const ids = overdue.body.complaints.map((c: { id: string }) => c.id);
      expect(ids).toContain(x.id);
      expect(ids).not.toContain(y.id);
      const awaiting = await federal.get('/api/federal-operator/complaints?filter=awaiting_answer&limit=100');
      expect(awaiting.body.complaints.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining([x.id, y.id]),
      );
      expect(awaiting.body.counts.awaitingAnswer).toBeGreaterThanOrEqual(2);
      const one = await federal.get(`/api/federal-operator/complaints/${y.id}`);
      expect(one.body).toMatchObject({ id: y.id, organization: { regionCode: '25' }, overdue: false });
      const unknown = await federal.get(
        '/api/federal-operator/complaints/6f1c2a4e-1111-4222-8333-444455556666',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('complaint.not_found');
    });

    it('shows the lists to no one else', async () => {
      const citizen = await signedInClient(sut, await createSimplifiedCitizen(sut));
      const org = await organization();
      for (const path of ['/api/regional-operator/complaints', '/api/federal-operator/complaints']) {
        expect((await anonymous.get(path)).status).toBe(401);
        expect((await citizen.get(path)).status).toBe(403);
        expect((await org.client.get(path)).status).toBe(403);
      }
      expect((await federal.get('/api/organization/complaints')).status).toBe(403);
      expect((await anonymous.get('/api/organization/complaints')).status).toBe(401);
    });
  });
});
