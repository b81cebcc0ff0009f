import {
  centerFieldLabels,
  accessGroupInfo,
  accessGroupSchema,
  organizationStatusLabels,
  taxRegisterRefusalLabels,
  type OrganizationStatus,
  type TaxRegisterRefusal,
} from '@openesia/contracts';
import type { z } from 'zod';
import type { organizationJournalEntrySchema, organizationJournalSchema } from '@openesia/contracts';
import { readAuditLog, type AuditRecord } from '../../audit/reader.js';
import type { Db } from '../../db/client.js';
import { moscowDate } from '../../domain/shared/moscow-time.js';
import type { Actor } from '../../domain/policy/actor.js';
import { fieldError } from '../../lib/errors.js';
import { listAccountNames, type PersonName } from '../../repositories/organization/directory.js';
import { actingMember } from './members.js';

const PAGE = 50;

type Entry = z.infer<typeof organizationJournalEntrySchema>;

const fullName = (n: PersonName) => [n.lastName, n.firstName, n.middleName].filter(Boolean).join(' ');

function groupLabel(group: string): string {
  const parsed = accessGroupSchema.safeParse(group);
  return parsed.success ? `«${accessGroupInfo[parsed.data].label}»` : group;
}

/** The names of the organization's fields that the journal's entries list as changed. */
const fieldLabels: Record<string, string> = {
  shortName: 'краткое наименование',
  fullName: 'полное наименование',
  kpp: 'КПП',
  legalAddress: 'юридический адрес',
  postalAddress: 'почтовый адрес',
  phone: 'телефон',
  email: 'электронная почта',
  headLastName: 'фамилия руководителя',
  headFirstName: 'имя руководителя',
  headMiddleName: 'отчество руководителя',
  headPosition: 'должность руководителя',
  refusal: 'сведения о ликвидации',
};
const fieldsText = (fields: readonly string[]) => fields.map((f) => fieldLabels[f] ?? f).join(', ');

const statusLabel = (status: string) => organizationStatusLabels[status as OrganizationStatus] ?? status;
const refusalLabel = (refusal: string) => taxRegisterRefusalLabels[refusal as TaxRegisterRefusal] ?? refusal;
const registerStatusLabels: Record<string, string> = {
  active: 'организация действует',
  in_liquidation: taxRegisterRefusalLabels.in_liquidation,
  liquidated: taxRegisterRefusalLabels.liquidated,
  not_found: taxRegisterRefusalLabels.not_found,
};

const formName = (form: string) => (form === 'form_i' ? 'форме И' : 'форме З');

const groupsText = (groups: readonly string[]) =>
  groups.length ? `; группы: ${groups.map(groupLabel).join(', ')}` : '';

/** The entry's details in Russian; null for an event the organization's journal has no words for. */
function details(record: AuditRecord): string | null {
  if (record.undescribed) return null;
  switch (record.event) {
    case 'organization.member_removed':
      return 'Сотрудник исключён из организации';
    case 'organization.member_left':
      return 'Сотрудник вышел из организации';
    case 'organization.administrator_set':
      return record.data.administrator
        ? 'Назначен администратором профиля организации'
        : 'Снята роль администратора профиля организации';
    case 'organization.invitation_sent':
      return `Приглашение сотрудника: ${record.data.lastName} ${record.data.firstName}${groupsText(record.data.groups)}`;
    case 'organization.invitation_resent':
      return `Приглашение отправлено повторно: ${record.data.lastName} ${record.data.firstName}`;
    case 'organization.invitation_revoked':
      return `Приглашение отозвано: ${record.data.lastName} ${record.data.firstName}`;
    case 'organization.invitation_accepted':
      return `Приглашение принято, сотрудник присоединился к организации${groupsText(record.data.groups)}`;
    case 'organization.group_member_added':
      return `Добавлен в группу ${groupLabel(record.data.group)}`;
    case 'organization.group_member_removed':
      return `Исключён из группы ${groupLabel(record.data.group)}`;
    case 'organization.registration_submitted':
      return `Заявка на регистрацию организации подписана сертификатом руководителя (ОГРН ${record.data.ogrn})`;
    case 'organization.checked':
      return `Проверка в ЕГРЮЛ: ${statusLabel(record.data.status)}${
        record.data.refusal ? ` — ${refusalLabel(record.data.refusal)}` : ''
      }`;
    case 'organization.check_restarted':
      return record.data.reason === 'retry'
        ? 'Проверка в ЕГРЮЛ запущена повторно'
        : 'Сведения исправлены, заявка отправлена повторно';
    case 'organization.regional_decision':
      return record.data.decision === 'confirm'
        ? 'Региональный оператор подтвердил регистрацию организации'
        : `Региональный оператор вернул заявку на доработку${record.data.reason ? `: ${record.data.reason}` : ''}`;
    case 'organization.contacts_updated':
      return record.data.fields.length
        ? `Изменены сведения организации: ${fieldsText(record.data.fields)}`
        : 'Сведения организации сохранены без изменений';
    case 'organization.refreshed':
      return `Обновлено из ЕГРЮЛ (${registerStatusLabels[record.data.registerStatus] ?? record.data.registerStatus})${
        record.data.changed.length ? `; изменено: ${fieldsText(record.data.changed)}` : '; без изменений'
      }`;
    case 'organization.head_changed':
      return record.data.newHeadAccountId
        ? 'Сменился руководитель организации по сведениям ЕГРЮЛ'
        : 'Сменился руководитель организации по сведениям ЕГРЮЛ; новый руководитель ещё не сотрудник организации';
    case 'application.created':
      return `Создан черновик заявки по ${formName(record.data.form)}`;
    case 'application.submitted':
      return `Заявка по ${formName(record.data.form)} (версия ${record.data.version}) отправлена региональному оператору: ${
        record.data.method === 'scan'
          ? 'скан подписанной на бумаге заявки'
          : 'подписана квалифицированной электронной подписью'
      }`;
    case 'application.regional_review':
      return record.data.decision === 'forward'
        ? `Региональный оператор направил заявку по ${formName(record.data.form)} оператору ЕСИА`
        : `Региональный оператор вернул заявку по ${formName(record.data.form)} на доработку: ${record.data.remarks ?? ''}`;
    case 'application.federal_decision':
      return record.data.decision === 'approve'
        ? `Оператор ЕСИА согласовал заявку по ${formName(record.data.form)}`
        : `Оператор ЕСИА отклонил заявку по ${formName(record.data.form)}: ${record.data.reason ?? ''}`;
    case 'complaint.answered':
      return `Дан ответ на жалобу № ${record.data.number}${record.data.overdue ? ' (после истечения срока ответа)' : ''}`;
    case 'organization.blocked':
      return `Оператор ЕСИА заблокировал организацию как оператора выдачи ключа ПЭП. Причина: ${record.data.reason}`;
    case 'organization.unblocked':
      return `Оператор ЕСИА снял блокировку организации (заблокирована ${moscowDate(new Date(record.data.blockedAt))}; причина: ${record.data.reason})`;
    case 'organization.approval_revoked':
      return `Оператор ЕСИА отозвал согласование (${record.data.approvals.map((a) => (a === 'form_i' ? 'форма И' : 'форма З')).join(', ')}): ${record.data.reason}`;
    case 'center.created':
      return `Добавлен центр обслуживания «${record.data.name}»`;
    case 'center.updated': {
      const status =
        record.data.status === 'active'
          ? '; статус «Действующий»'
          : record.data.status === 'inactive'
            ? '; статус «Недействующий»'
            : '';
      const changed = record.data.fields.map(
        (f) => centerFieldLabels[f as keyof typeof centerFieldLabels] ?? f,
      );
      return `Центр обслуживания «${record.data.name}»: ${changed.length ? `изменено: ${changed.join(', ')}` : 'сведения без изменений'}${status}`;
    }
    case 'center.operator_attached':
      return `К центру обслуживания «${record.data.name}» прикреплён оператор`;
    case 'center.operator_detached':
      return `От центра обслуживания «${record.data.name}» откреплён оператор`;
    case 'oidc.client_registered':
      return `Зарегистрирована информационная система «${record.data.name}» (мнемоника ${record.data.clientId}), направлена на согласование оператору ЕСИА`;
    case 'oidc.client_status_changed': {
      const name = `«${record.data.name ?? record.data.clientId}»`;
      const system = `информационную систему ${name}`;
      if (record.data.to === 'blocked')
        return `Оператор ЕСИА заблокировал ${system}${record.data.reason ? `. Причина: ${record.data.reason}` : ''}`;
      if (record.data.from === 'blocked')
        return `Оператор ЕСИА снял блокировку с информационной системы ${name}`;
      return record.data.to === 'approved'
        ? `Оператор ЕСИА одобрил ${system}`
        : `Оператор ЕСИА вернул на согласование ${system}`;
    }
    case 'session.acting_for_chosen':
      return 'Вход как сотрудник организации';
    default:
      return null;
  }
}

/**
 * The organization's own journal of who did what (issue 9, «журнал»): the entries of people who
 * acted for it, and those whose subject is the organization itself (its registration, the tax
 * register's check, the regional operator's decision, a person joining by invitation), newest
 * first, a page at a time. The head and administrators read it.
 */
export class OrganizationJournalService {
  constructor(private readonly deps: { db: Db }) {}

  async read(actor: Actor, query: { cursor?: string }): Promise<z.infer<typeof organizationJournalSchema>> {
    const { organizationId } = actingMember(actor, 'organization.read_journal');
    const { db } = this.deps;
    const before = query.cursor === undefined ? undefined : parseCursor(query.cursor);
    // Two indexed-by-order reads merged by sequence number: the log's reader ANDs its filters.
    const page = { limit: PAGE + 1, before };
    const [actedFor, concerning] = await Promise.all([
      readAuditLog(db, { organizationId }, page),
      readAuditLog(db, { subjectId: organizationId }, page),
    ]);
    const bySeq = new Map<number, AuditRecord>();
    for (const record of [...actedFor.entries, ...concerning.entries]) bySeq.set(record.seq, record);
    const merged = [...bySeq.values()].sort((a, b) => b.seq - a.seq);
    const records = merged.slice(0, PAGE);
    const names = await listAccountNames(
      db,
      records.flatMap((r) => [r.actorId, r.subjectId]).filter((id): id is string => !!id),
    );
    const nameOf = (id: string | null) => {
      const name = id ? names.get(id) : undefined;
      return name ? fullName(name) : null;
    };
    const entries: Entry[] = records.map((r) => ({
      id: String(r.seq),
      at: r.at.toISOString(),
      event: r.event,
      actor: actorLabel(r.actorType, nameOf(r.actorId)),
      subject: r.subjectId === r.actorId ? null : nameOf(r.subjectId),
      details: details(r),
    }));
    return {
      entries,
      nextCursor: merged.length > PAGE ? String(records[records.length - 1]!.seq) : null,
    };
  }
}

function parseCursor(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) throw fieldError('cursor', 'id.invalid');
  return Number(cursor);
}

function actorLabel(actorType: string, name: string | null): string {
  switch (actorType) {
    case 'system':
      return 'Система';
    case 'regional_operator':
      return name ? `${name} (региональный оператор)` : 'Региональный оператор';
    case 'operator':
    case 'administrator':
      return name ? `${name} (оператор ЕСИА)` : 'Оператор ЕСИА';
    default:
      return name ?? 'Неизвестный пользователь';
  }
}
