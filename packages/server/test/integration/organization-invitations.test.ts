import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  organizationGroupMembers,
  organizationInvitations,
  organizationMembers,
} from '../../src/db/schema/index.js';
import { ManualClock } from '../../src/lib/clock.js';
import type { TestClient } from '../support/http.js';
import { createStandardCitizen, signedInClient, uniqueEmail, waitForMessage } from '../support/factories.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import { actingForClient as actingFor } from '../support/acting-for.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

type Citizen = Awaited<ReturnType<typeof createStandardCitizen>>;
const person = (c: Citizen) => ({ id: c.id, ...c.personalData });
const DAY = 24 * 60 * 60 * 1000;

/**
 * «Пригласить сотрудника» (seed 000, section 3): a link by e-mail, single use, valid 60 days,
 * revocable and resendable; only a confirmed account of the invited name accepts it.
 */
describe('organization invitations', () => {
  const clock = new ManualClock(new Date());
  let sut: TestSystem;
  let head: Citizen;
  let org: { id: string };
  let byHead: TestClient;

  /** Invites and returns the invitation and the token the e-mail carries. */
  async function invite(
    client: TestClient,
    body: { lastName: string; firstName: string; groups?: string[] },
  ): Promise<{ id: string; token: string; email: string }> {
    const email = uniqueEmail();
    const res = await client.post('/api/organization/invitations', { email, ...body });
    if (res.status !== 200) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
    const message = await waitForMessage(sut, email);
    return { id: res.body.id, token: tokenOf(message.body), email };
  }

  function tokenOf(body: string): string {
    const m = body.match(/\/organizations\/invitation#token=([A-Za-z0-9_-]+)/);
    if (!m) throw new Error(`no link in ${body}`);
    return m[1];
  }

  beforeAll(async () => {
    sut = await startTestSystem({ clock });
    head = await createConfirmedCitizen(sut, { lastName: 'Громова', firstName: 'Анна' });
    org = await insertTestOrganization(sut, person(head), { shortName: 'ГУ «Приглашающий»' });
    byHead = await actingFor(sut, head, org.id);
  });
  afterAll(async () => sut?.stop());

  it('sends the link by e-mail, keeps only its HMAC, and the invited person joins with the groups', async () => {
    const invitee = await createConfirmedCitizen(sut, { lastName: 'Ёлкина', firstName: 'Мария' });
    const invited = await invite(byHead, { lastName: 'Елкина', firstName: 'мария', groups: ['tech_portal'] });
    const message = await waitForMessage(sut, invited.email);
    expect(message.body).toContain('ГУ «Приглашающий»');
    const [row] = await sut.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.id, invited.id));
    expect(row.tokenHash).not.toContain(invited.token);
    expect(row.expiresAt.getTime() - row.sentAt.getTime()).toBe(60 * DAY);

    const list = await byHead.get('/api/organization/invitations');
    expect(list.body.invitations).toContainEqual(
      expect.objectContaining({ id: invited.id, state: 'pending', groups: ['tech_portal'] }),
    );

    const client = await signedInClient(sut, invitee);
    const preview = await client.post('/api/invitations/preview', { token: invited.token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      organization: { shortName: 'ГУ «Приглашающий»' },
      lastName: 'Елкина',
      state: 'pending',
    });
    const accepted = await client.post('/api/invitations/accept', { token: invited.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: org.id, roles: ['employee'] });
    const groups = await sut.database.db
      .select({ group: organizationGroupMembers.group })
      .from(organizationGroupMembers)
      .where(
        and(
          eq(organizationGroupMembers.organizationId, org.id),
          eq(organizationGroupMembers.accountId, invitee.id),
        ),
      );
    expect(groups).toEqual([{ group: 'tech_portal' }]);
    expect((await client.put('/api/session/acting-for', { organizationId: org.id })).status).toBe(200);

    const again = await client.post('/api/invitations/accept', { token: invited.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invitation.used');
    const [entry] = await sut.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'organization.invitation_accepted'), eq(auditLog.actorId, invitee.id)));
    expect(entry).toMatchObject({
      subjectId: org.id,
      data: { invitationId: invited.id, groups: ['tech_portal'] },
    });
  });

  it('refuses an account that is not confirmed and a person of another name, changing nothing', async () => {
    const invited = await invite(byHead, { lastName: 'Петров', firstName: 'Пётр' });
    const standard = await createStandardCitizen(sut, {
      lastName: 'Петров',
      firstName: 'Пётр',
      email: uniqueEmail(),
    });
    const other = await createConfirmedCitizen(sut, { lastName: 'Петров', firstName: 'Павел' });

    const notConfirmed = await (
      await signedInClient(sut, standard)
    ).post('/api/invitations/accept', { token: invited.token });
    expect(notConfirmed.status).toBe(409);
    expect(notConfirmed.body.error.code).toBe('invitation.account_not_confirmed');
    const otherName = await (
      await signedInClient(sut, other)
    ).post('/api/invitations/accept', { token: invited.token });
    expect(otherName.status).toBe(422);
    expect(otherName.body.error.code).toBe('invitation.name_mismatch');

    const [row] = await sut.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.id, invited.id));
    expect(row.acceptedAt).toBeNull();
    const members = await sut.database.db
      .select()
      .from(organizationMembers)
      .where(eq(organizationMembers.organizationId, org.id));
    expect(members.map((m) => m.accountId)).not.toContain(other.id);
    expect(members.map((m) => m.accountId)).not.toContain(standard.id);
  });

  it('refuses a locked group and an employee inviting', async () => {
    const locked = await byHead.post('/api/organization/invitations', {
      email: uniqueEmail(),
      lastName: 'Сидоров',
      firstName: 'Семён',
      groups: ['identity_specialists'],
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('group.locked');
    const rows = await sut.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.lastName, 'Сидоров'));
    expect(rows).toEqual([]);

    const employee = await createConfirmedCitizen(sut);
    await addTestMember(sut, org.id, person(employee));
    const byEmployee = await actingFor(sut, employee, org.id);
    const refused = await byEmployee.post('/api/organization/invitations', {
      email: uniqueEmail(),
      lastName: 'Сидоров',
      firstName: 'Семён',
    });
    expect(refused.status).toBe(403);
    expect((await byEmployee.get('/api/organization/invitations')).status).toBe(403);
  });

  it('revokes: the link then answers revoked', async () => {
    const invitee = await createConfirmedCitizen(sut, { lastName: 'Орлова', firstName: 'Ольга' });
    const invited = await invite(byHead, { lastName: 'Орлова', firstName: 'Ольга' });
    const revoked = await byHead.post(`/api/organization/invitations/${invited.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const accept = await (
      await signedInClient(sut, invitee)
    ).post('/api/invitations/accept', {
      token: invited.token,
    });
    expect(accept.status).toBe(410);
    expect(accept.body.error.code).toBe('invitation.revoked');
    const twice = await byHead.post(`/api/organization/invitations/${invited.id}/revoke`);
    expect(twice.body.error.code).toBe('invitation.revoked');
    const resend = await byHead.post(`/api/organization/invitations/${invited.id}/resend`);
    expect(resend.body.error.code).toBe('invitation.revoked');
  });

  it('resends a new link: the old one is dead, the new one works', async () => {
    const invitee = await createConfirmedCitizen(sut, { lastName: 'Зайцев', firstName: 'Захар' });
    const invited = await invite(byHead, { lastName: 'Зайцев', firstName: 'Захар' });
    const resent = await byHead.post(`/api/organization/invitations/${invited.id}/resend`);
    expect(resent.status).toBe(200);
    // The clock is manual: the new message is the one whose link is not the first.
    const message = await waitForMessage(
      sut,
      invited.email,
      new Date(0),
      new RegExp(`#token=(?!${invited.token})`),
    );
    const fresh = tokenOf(message.body);
    expect(fresh).not.toBe(invited.token);
    const client = await signedInClient(sut, invitee);
    const old = await client.post('/api/invitations/accept', { token: invited.token });
    expect(old.status).toBe(404);
    expect(old.body.error.code).toBe('invitation.not_found');
    expect((await client.post('/api/invitations/accept', { token: fresh })).status).toBe(200);
  });

  it("answers not found to an unknown token and to another organization's invitation id", async () => {
    const invited = await invite(byHead, { lastName: 'Чужой', firstName: 'Чеслав' });
    const otherHead = await createConfirmedCitizen(sut);
    const other = await insertTestOrganization(sut, person(otherHead));
    const byOther = await actingFor(sut, otherHead, other.id);
    for (const action of ['revoke', 'resend']) {
      const res = await byOther.post(`/api/organization/invitations/${invited.id}/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('invitation.not_found');
    }
    expect((await byOther.get('/api/organization/invitations')).body.invitations).toEqual([]);
    const unknown = await byOther.post('/api/invitations/preview', { token: 'x'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('invitation.not_found');
    const [row] = await sut.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.id, invited.id));
    expect(row).toMatchObject({ revokedAt: null, acceptedAt: null });
  });

  it('accepts one link once when two acceptances come at the same time', async () => {
    const first = await createConfirmedCitizen(sut, { lastName: 'Двойнов', firstName: 'Денис' });
    const second = await createConfirmedCitizen(sut, { lastName: 'Двойнов', firstName: 'Денис' });
    const invited = await invite(byHead, { lastName: 'Двойнов', firstName: 'Денис' });
    const [a, b] = await Promise.all([signedInClient(sut, first), signedInClient(sut, second)]);
    const results = await Promise.all([
      a.post('/api/invitations/accept', { token: invited.token }),
      b.post('/api/invitations/accept', { token: invited.token }),
      a.post('/api/invitations/accept', { token: invited.token }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const joined = await sut.database.db
      .select()
      .from(organizationMembers)
      .where(eq(organizationMembers.organizationId, org.id));
    const ids = joined.map((m) => m.accountId);
    expect(ids.filter((id) => id === first.id || id === second.id)).toHaveLength(1);
  });

  it('limits the attempts with tokens per account, so that tokens cannot be guessed', async () => {
    const guesser = await createConfirmedCitizen(sut);
    const client = await signedInClient(sut, guesser);
    const answers: number[] = [];
    for (let i = 0; i < 31; i++)
      answers.push((await client.post('/api/invitations/preview', { token: `guess${i}` })).status);
    expect(answers.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(answers[30]).toBe(429);
  });

  // Last: it moves the clock 60 days on.
  it('refuses an expired link, which can be resent for 60 days more', async () => {
    const invitee = await createConfirmedCitizen(sut, { lastName: 'Поздняков', firstName: 'Пётр' });
    const invited = await invite(byHead, { lastName: 'Поздняков', firstName: 'Пётр' });
    clock.advance(60 * DAY);
    const client = await signedInClient(sut, invitee);
    const late = await client.post('/api/invitations/accept', { token: invited.token });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('invitation.expired');
    const head2 = await actingFor(sut, head, org.id);
    expect((await head2.get('/api/organization/invitations')).body.invitations).toContainEqual(
      expect.objectContaining({ id: invited.id, state: 'expired' }),
    );
    const resent = await head2.post(`/api/organization/invitations/${invited.id}/resend`);
    expect(resent.status).toBe(200);
    expect(new Date(resent.body.expiresAt).getTime()).toBe(clock.now().getTime() + 60 * DAY);
  });
});
