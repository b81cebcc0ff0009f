import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, type AuditEntry } from '../../src/audit/log.js';
import type { TestClient } from '../support/http.js';
import { signedInClient, uniqueEmail, waitForMessage } from '../support/factories.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { actingForClient as actingFor } from '../support/acting-for.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Citizen = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const person = (c: Citizen) => ({ id: c.id, ...c.personalData });

interface Entry {
  id: string;
  event: string;
  actor: string;
  subject: string | null;
  details: string | null;
}

/** The organization's own journal: who did what for it, and what concerned it, newest first. */
describe('organization journal', () => {
  let sut: TestSystem;
  let head: Citizen;
  let org: { id: string };
  let byHead: TestClient;
  beforeAll(async () => {
    sut = await startTestSystem();
    head = await createConfirmedCitizen(sut, {
      lastName: 'Громова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
    });
    org = await insertTestOrganization(sut, person(head));
    byHead = await actingFor(sut, head, org.id);
  });
  afterAll(async () => sut?.stop());

  it('shows who did what, with names and Russian details, and nothing of another organization', async () => {
    const invitee = await createConfirmedCitizen(sut, {
      lastName: 'Белов',
      firstName: 'Игорь',
      middleName: null,
    });
    const email = uniqueEmail();
    await byHead.post('/api/organization/invitations', {
      email,
      lastName: 'Белов',
      firstName: 'Игорь',
      groups: ['tech_portal'],
    });
    const token = (await waitForMessage(sut, email)).body.match(/#token=([A-Za-z0-9_-]+)/)![1];
    const byInvitee = await signedInClient(sut, invitee);
    expect((await byInvitee.post('/api/invitations/accept', { token })).status).toBe(200);
    await byHead.put(`/api/organization/members/${invitee.id}/administrator`, { administrator: true });

    const otherHead = await createConfirmedCitizen(sut);
    const other = await insertTestOrganization(sut, person(otherHead));
    const byOther = await actingFor(sut, otherHead, other.id);
    await byOther.post('/api/organization/invitations', {
      email: uniqueEmail(),
      lastName: 'Чужой',
      firstName: 'Чеслав',
    });

    const res = await byHead.get('/api/organization/journal');
    expect(res.status).toBe(200);
    const entries: Entry[] = res.body.entries;
    expect(entries.slice(0, 3)).toMatchObject([
      {
        event: 'organization.administrator_set',
        actor: 'Громова Анна Сергеевна',
        subject: 'Белов Игорь',
        details: 'Назначен администратором профиля организации',
      },
      {
        event: 'organization.invitation_accepted',
        actor: 'Белов Игорь',
        subject: null,
        details:
          'Приглашение принято, сотрудник присоединился к организации; группы: «Технологический портал»',
      },
      {
        event: 'organization.invitation_sent',
        actor: 'Громова Анна Сергеевна',
        details: 'Приглашение сотрудника: Белов Игорь; группы: «Технологический портал»',
      },
    ]);
    expect(entries.some((e) => e.details?.includes('Чужой'))).toBe(false);
    expect(entries.map((e) => Number(e.id))).toEqual(
      [...entries.map((e) => Number(e.id))].sort((a, b) => b - a),
    );

    const byOtherJournal = await byOther.get('/api/organization/journal');
    expect(byOtherJournal.body.entries.some((e: Entry) => e.details?.includes('Белов'))).toBe(false);
  });

  it('pages with a cursor, newest first', async () => {
    const now = sut.clock.now();
    await sut.database.db.transaction(async (tx) => {
      for (let i = 0; i < 60; i++)
        await appendAudit(
          tx,
          {
            event: 'organization.group_member_removed',
            actorType: 'organization_member',
            actorId: head.id,
            subjectId: head.id,
            actingFor: { organizationId: org.id },
            data: { group: 'tech_portal' },
          },
          now,
        );
    });
    const first = await byHead.get('/api/organization/journal');
    expect(first.body.entries).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await byHead.get(`/api/organization/journal?cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    const firstIds = new Set(first.body.entries.map((e: Entry) => e.id));
    expect(second.body.entries.every((e: Entry) => !firstIds.has(e.id))).toBe(true);
    expect(Number(second.body.entries[0].id)).toBeLessThan(Number(first.body.entries[49].id));
    expect((await byHead.get('/api/organization/journal?cursor=abc')).status).toBe(400);
  });

  it('is read by the head and administrators only', async () => {
    const employee = await createConfirmedCitizen(sut);
    await addTestMember(sut, org.id, person(employee));
    const byEmployee = await actingFor(sut, employee, org.id);
    const res = await byEmployee.get('/api/organization/journal');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.forbidden');
  });

  it('tells the registration’s events in Russian: the signed application, the ЕГРЮЛ check, the regional operator, changes', async () => {
    const registrant = await createConfirmedCitizen(sut);
    const registered = await insertTestOrganization(sut, person(registrant));
    const byRegistrant = await actingFor(sut, registrant, registered.id);
    const organizationId = registered.id;
    const about = { subjectId: organizationId };
    const events = [
      {
        event: 'organization.registration_submitted',
        actorType: 'citizen',
        actorId: registrant.id,
        ...about,
        data: { organizationId, ogrn: '1023500000010', certificate: '01', issuer: 'Тестовый УЦ' },
      },
      {
        event: 'organization.checked',
        actorType: 'system',
        ...about,
        data: { organizationId, status: 'rejected', refusal: 'head_differs' },
      },
      {
        event: 'organization.check_restarted',
        actorType: 'citizen',
        actorId: registrant.id,
        ...about,
        data: { organizationId, reason: 'resubmitted' },
      },
      {
        event: 'organization.checked',
        actorType: 'system',
        ...about,
        data: { organizationId, status: 'awaiting_regional_operator' },
      },
      {
        event: 'organization.regional_decision',
        actorType: 'system',
        ...about,
        data: { organizationId, decision: 'return', reason: 'Уточните почтовый адрес' },
      },
      {
        event: 'organization.regional_decision',
        actorType: 'system',
        ...about,
        data: { organizationId, decision: 'confirm' },
      },
      {
        event: 'organization.contacts_updated',
        actorType: 'organization_member',
        actorId: registrant.id,
        actingFor: { organizationId },
        data: { organizationId, fields: ['phone', 'postalAddress'] },
      },
      {
        event: 'organization.refreshed',
        actorType: 'organization_member',
        actorId: registrant.id,
        actingFor: { organizationId },
        data: { organizationId, registerStatus: 'active', changed: ['headPosition'] },
      },
      {
        event: 'organization.head_changed',
        actorType: 'organization_member',
        actorId: registrant.id,
        actingFor: { organizationId },
        data: { organizationId, previousHeadAccountId: registrant.id, newHeadAccountId: null },
      },
    ] satisfies AuditEntry[];
    const now = sut.clock.now();
    await sut.database.db.transaction(async (tx) => {
      for (const e of events) await appendAudit(tx, e, now);
    });
    const res = await byRegistrant.get('/api/organization/journal');
    expect(res.status).toBe(200);
    const told = (res.body.entries as Entry[])
      .filter((e) => e.event !== 'session.acting_for_chosen')
      .map((e) => [e.event, e.details])
      .reverse();
    expect(told.slice(-events.length)).toEqual([
      [
        'organization.registration_submitted',
        'Заявка на регистрацию организации подписана сертификатом руководителя (ОГРН 1023500000010)',
      ],
      [
        'organization.checked',
        'Проверка в ЕГРЮЛ: Отказано в регистрации — Руководитель организации по сведениям ЕГРЮЛ — другое лицо',
      ],
      ['organization.check_restarted', 'Сведения исправлены, заявка отправлена повторно'],
      ['organization.checked', 'Проверка в ЕГРЮЛ: На проверке у регионального оператора'],
      [
        'organization.regional_decision',
        'Региональный оператор вернул заявку на доработку: Уточните почтовый адрес',
      ],
      ['organization.regional_decision', 'Региональный оператор подтвердил регистрацию организации'],
      ['organization.contacts_updated', 'Изменены сведения организации: телефон, почтовый адрес'],
      [
        'organization.refreshed',
        'Обновлено из ЕГРЮЛ (организация действует); изменено: должность руководителя',
      ],
      [
        'organization.head_changed',
        'Сменился руководитель организации по сведениям ЕГРЮЛ; новый руководитель ещё не сотрудник организации',
      ],
    ]);
  });
});
