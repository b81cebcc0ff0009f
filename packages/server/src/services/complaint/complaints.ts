import {
  complaintCategoryLabels,
  type ComplaintAccepted,
  type ComplaintFilter,
  type ComplaintOrganization,
  type ComplaintRequest,
  type ComplaintsPage,
  type ComplaintView,
} from '@openesia/contracts';
import type { z } from 'zod';
import type { complaintRequestSchema } from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  answerDueAt,
  assertAnswerable,
  assertMayHandleComplaints,
  complaintStatus,
  isOverdue,
} from '../../domain/complaint/complaint.js';
import { moscowDate } from '../../domain/shared/moscow-time.js';
import type { Actor, OrganizationMemberActor, RegionalOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { newId, type FieldCipher } from '../../lib/crypto.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { findResponsiblePerson } from '../../repositories/application/applications.js';
import { listVerifiedContacts } from '../../repositories/citizen/accounts.js';
import {
  answerComplaintIfUnanswered,
  countComplaints,
  findComplaint,
  findComplaintCenter,
  findComplaintOrganization,
  findComplaintView,
  insertComplaint,
  listComplaints,
  searchComplaintOrganizations,
  type ComplaintCursor,
  type ComplaintListRow,
  type ComplaintScope,
} from '../../repositories/complaint/complaints.js';
import { findOrganization, listManagerAccountIds } from '../../repositories/organization/organizations.js';
import { actingMember } from '../organization/members.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';

/** How many organizations the form's search offers at once. */
const ORGANIZATION_SUGGESTIONS = 20;

/** The complainant's e-mail is sealed with the complaint's id: a sealed value moved to another row does not open. */
const emailContext = (complaintId: string) => `complaint.email:${complaintId}`;

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): ComplaintCursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? ''))
    throw fieldError('cursor', 'cursor.invalid');
  return { at: date, id: id! };
}

interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  cipher: FieldCipher;
  notifications: NotificationService;
}

/**
 * Complaints about service centers (issue 10, item 5; seed 003, appendix 1; seed 004, step 2.1).
 * Anyone files one about an authorized organization («Пожаловаться на центр обслуживания»), with
 * a category, the text, optionally the place and an e-mail for the answer; a signed-in citizen's
 * account is recorded. The organization's head, administrators and responsible person are told
 * by e-mail and answer it once, by the deadline (COMPLAINT_ANSWER_DAYS); the answer goes to the
 * complainant's e-mail. The regional operator sees the complaints about its region's
 * organizations, the federal operator all of them, each filtered to the unanswered or the overdue.
 */
export class ComplaintService {
  constructor(private readonly deps: Deps) {}

  // ---- the public form ----

  /** The authorized organizations whose name contains what was typed (the form's choice). */
  async organizations(
    actor: Actor,
    query: { q?: string; regionCode?: string },
  ): Promise<ComplaintOrganization[]> {
    assertAllowed(actor, 'complaint.submit');
    return searchComplaintOrganizations(this.deps.db, { ...query, limit: ORGANIZATION_SUGGESTIONS });
  }

  async submit(
    actor: Actor,
    input: z.output<typeof complaintRequestSchema>,
    meta: RequestMeta,
  ): Promise<ComplaintAccepted> {
    assertAllowed(actor, 'complaint.submit');
    const { db, clock, config, cipher } = this.deps;
    return db.transaction(async (tx) => {
      const organization = await findComplaintOrganization(tx, input.organizationId);
      // Unknown, not registered, or not authorized: nothing of it is a service center to complain about.
      if (!organization) throw fieldError('organizationId', 'complaint.organization_unknown');
      // From the map's card: one of that organization's active centers, or refused.
      const center = input.centerId
        ? await findComplaintCenter(tx, organization.id, input.centerId)
        : undefined;
      if (input.centerId && !center) throw fieldError('centerId', 'complaint.center_unknown');
      const now = clock.now();
      const id = newId();
      const complaint = await insertComplaint(tx, {
        id,
        organizationId: organization.id,
        regionCode: organization.regionCode,
        category: input.category,
        text: input.text,
        place: input.place ?? null,
        centerId: center?.id ?? null,
        complainantAccountId: actor.kind === 'citizen' ? actor.accountId : null,
        complainantEmailEncrypted: input.email ? cipher.encrypt(input.email, emailContext(id)) : null,
        createdAt: now,
        answerDueAt: answerDueAt(now, config.complaints.answerDays),
      });
      await appendAudit(
        tx,
        {
          event: 'complaint.submitted',
          ...auditActor(actor),
          subjectId: complaint.id,
          ip: meta.ip,
          data: {
            complaintId: complaint.id,
            number: complaint.number,
            organizationId: organization.id,
            category: complaint.category,
            ...(center ? { centerId: center.id } : {}),
          },
        },
        now,
      );
      await this.notifyHandlers(tx, organization, complaint, center);
      return {
        id: complaint.id,
        number: complaint.number,
        organization: { shortName: organization.shortName },
        answerDueAt: complaint.answerDueAt.toISOString(),
        answerByEmail: !!input.email,
      };
    });
  }

  /**
   * «Поступила жалоба»: to the organization's e-mail, its head and administrators (their verified
   * e-mails) and the responsible person (the e-mail the approved application gives), each once.
   */
  private async notifyHandlers(
    tx: DbOrTx,
    organization: { id: string; shortName: string; email: string },
    complaint: {
      number: number;
      category: ComplaintRequest['category'];
      text: string;
      place: string | null;
      answerDueAt: Date;
    },
    center: { name: string; address: string } | undefined,
  ): Promise<void> {
    const [managers, responsible] = await Promise.all([
      listManagerAccountIds(tx, organization.id),
      findResponsiblePerson(tx, organization.id),
    ]);
    const contacts = await listVerifiedContacts(tx, [
      ...managers,
      ...(responsible ? [responsible.accountId] : []),
    ]);
    const addresses = new Map<string, string>();
    for (const email of [
      organization.email,
      responsible?.email,
      ...contacts.filter((c) => c.type === 'email').map((c) => c.value),
    ])
      if (email) addresses.set(email.toLowerCase(), email);
    const text = [
      `Поступила жалоба № ${complaint.number} на центр обслуживания организации «${organization.shortName}».`,
      `Категория: ${complaintCategoryLabels[complaint.category]}.`,
      ...(center ? [`Центр обслуживания: ${center.name}, ${center.address}.`] : []),
      ...(complaint.place
        ? [`${center ? 'Место, указанное заявителем' : 'Центр обслуживания'}: ${complaint.place}.`]
        : []),
      `Текст жалобы: ${complaint.text}`,
      `Ответьте на жалобу до ${moscowDate(complaint.answerDueAt)} в профиле организации (раздел «Жалобы»). Жалобы без ответа видят региональный оператор и оператор ЕСИА.`,
    ].join('\n');
    for (const to of addresses.values())
      await this.deps.notifications.enqueue(tx, {
        channel: 'email',
        to,
        subject: `Жалоба № ${complaint.number} на центр обслуживания`,
        text,
      });
  }

  // ---- the organization's «Жалобы» ----

  /**
   * The member acting for the organization, if it may handle complaints: the head, an
   * administrator or the responsible person (domain/complaint/complaint.ts).
   */
  private async handler(
    actor: Actor,
    action: 'complaint.read' | 'complaint.answer',
  ): Promise<OrganizationMemberActor> {
    const member = actingMember(actor, action);
    const responsible = await findResponsiblePerson(this.deps.db, member.organizationId);
    assertMayHandleComplaints(member, responsible?.accountId ?? null);
    return member;
  }

  async listOwn(
    actor: Actor,
    query: { filter: ComplaintFilter; cursor?: string; limit: number },
  ): Promise<ComplaintsPage> {
    const { organizationId } = await this.handler(actor, 'complaint.read');
    return this.page({ organizationId }, query);
  }

  /**
   * The organization's answer, once. Another organization's complaint is not found, as an
   * unknown one is; the answer is e-mailed to the complainant if they left an address.
   */
  async answer(
    actor: Actor,
    complaintId: string,
    input: { answer: string },
    meta: RequestMeta,
  ): Promise<ComplaintView> {
    const member = await this.handler(actor, 'complaint.answer');
    const { db, clock, cipher, notifications } = this.deps;
    await db.transaction(async (tx) => {
      const complaint = await findComplaint(tx, complaintId, { forUpdate: true });
      if (!complaint || complaint.organizationId !== member.organizationId)
        throw new AppError('complaint.not_found');
      assertAnswerable(complaint);
      const now = clock.now();
      const answered = await answerComplaintIfUnanswered(tx, complaint.id, {
        answer: input.answer,
        answeredAt: now,
        answeredBy: member.personId,
      });
      if (!answered) throw new AppError('complaint.already_answered');
      await appendAudit(
        tx,
        {
          event: 'complaint.answered',
          ...auditActor(actor),
          subjectId: member.organizationId,
          ip: meta.ip,
          data: { complaintId: complaint.id, number: complaint.number, overdue: isOverdue(complaint, now) },
        },
        now,
      );
      if (complaint.complainantEmailEncrypted) {
        const organization = (await findOrganization(tx, member.organizationId))!;
        await notifications.enqueue(tx, {
          channel: 'email',
          to: cipher.decrypt(complaint.complainantEmailEncrypted, emailContext(complaint.id)),
          subject: `Ответ на жалобу № ${complaint.number}`,
          text: [
            `Организация «${organization.shortName}» ответила на вашу жалобу № ${complaint.number} от ${moscowDate(complaint.createdAt)} (${complaintCategoryLabels[complaint.category]}).`,
            `Ответ: ${input.answer}`,
            'Если ответ вас не устраивает, подайте новую жалобу: её увидят региональный оператор и оператор ЕСИА.',
          ].join('\n'),
        });
      }
    });
    return this.view((await findComplaintView(db, complaintId))!);
  }

  // ---- the operators ----

  /** The complaints about organizations of the regional operator's region. */
  async regionalList(
    actor: Actor,
    query: { filter: ComplaintFilter; cursor?: string; limit: number },
  ): Promise<ComplaintsPage> {
    assertAllowed(actor, 'complaint.list_regional');
    const { regionCode } = actor as RegionalOperatorActor;
    assertAllowed(actor, 'complaint.list_regional', { regionCode });
    return this.page({ regionCode }, query);
  }

  /** One complaint of the region; another region's is not found, as an unknown one is. */
  async regionalGet(actor: Actor, complaintId: string): Promise<ComplaintView> {
    assertAllowed(actor, 'complaint.list_regional');
    const { regionCode } = actor as RegionalOperatorActor;
    const row = await findComplaintView(this.deps.db, complaintId);
    if (!row || row.complaint.regionCode !== regionCode) throw new AppError('complaint.not_found');
    return this.view(row);
  }

  async federalList(
    actor: Actor,
    query: { filter: ComplaintFilter; cursor?: string; limit: number },
  ): Promise<ComplaintsPage> {
    assertAllowed(actor, 'complaint.list_federal');
    return this.page({ all: true }, query);
  }

  async federalGet(actor: Actor, complaintId: string): Promise<ComplaintView> {
    assertAllowed(actor, 'complaint.list_federal');
    const row = await findComplaintView(this.deps.db, complaintId);
    if (!row) throw new AppError('complaint.not_found');
    return this.view(row);
  }

  // ---- views ----

  private async page(
    scope: ComplaintScope,
    query: { filter: ComplaintFilter; cursor?: string; limit: number },
  ): Promise<ComplaintsPage> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const [rows, counts] = await Promise.all([
      listComplaints(db, scope, query.filter, {
        limit: query.limit + 1,
        after: decodeCursor(query.cursor),
        now,
      }),
      countComplaints(db, scope, now),
    ]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const time = (r: ComplaintListRow) =>
      query.filter === 'all' ? r.complaint.createdAt : r.complaint.answerDueAt;
    return {
      complaints: page.map((r) => this.view(r, now)),
      counts,
      nextCursor: rows.length > query.limit && last ? encodeCursor(time(last), last.complaint.id) : null,
    };
  }

  private view(row: ComplaintListRow, now = this.deps.clock.now()): ComplaintView {
    const c = row.complaint;
    return {
      id: c.id,
      number: c.number,
      organization: row.organization,
      category: c.category,
      text: c.text,
      place: c.place,
      status: complaintStatus(c),
      createdAt: c.createdAt.toISOString(),
      answerDueAt: c.answerDueAt.toISOString(),
      overdue: isOverdue(c, now),
      answer: c.answer,
      answeredAt: c.answeredAt?.toISOString() ?? null,
      answeredBy: row.answeredBy,
      answerByEmail: c.complainantEmailEncrypted !== null,
      signedIn: c.complainantAccountId !== null,
    };
  }
}
