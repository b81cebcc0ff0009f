import type { JournalAction, WorkstationJournal, WorkstationJournalQuery } from '@openesia/contracts';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { newId } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import {
  eraseJournalTarget,
  insertJournalEntry,
  listJournal,
  type JournalFilter,
} from '../../repositories/workstation/journal.js';
import { findResponsiblePerson } from '../../repositories/application/applications.js';

export const JOURNAL_PAGE_SIZE = 50;

export interface JournalRecord {
  operator: { accountId: string; name: string };
  thumbprint: string;
  organizationId: string;
  regionCode: string;
  centerId: string | null;
  action: JournalAction;
  outcome: 'done' | 'refused' | 'awaiting_checks' | 'checks_failed';
  refusal?: string;
  target?: { accountId: string; oid: bigint | null; masked: string | null };
  operationId?: string;
}

/**
 * The workstation's journal: every operator action, written in the transaction of the action (or
 * of its refusal), read by the organization's head, administrators and responsible person, by the
 * region's operator and by the federal operator, each within their own scope.
 */
export class WorkstationJournalService {
  constructor(private readonly deps: { db: Db }) {}

  async record(tx: DbOrTx, entry: JournalRecord, now: Date): Promise<void> {
    await insertJournalEntry(tx, {
      id: newId(),
      at: now,
      operatorAccountId: entry.operator.accountId,
      operatorName: entry.operator.name,
      certificateThumbprint: entry.thumbprint,
      organizationId: entry.organizationId,
      centerId: entry.centerId,
      regionCode: entry.regionCode,
      action: entry.action,
      targetAccountId: entry.target?.accountId ?? null,
      targetOid: entry.target?.oid ?? null,
      targetMasked: entry.target?.masked ?? null,
      outcome: entry.outcome,
      refusalCode: entry.refusal ?? null,
      operationId: entry.operationId ?? null,
    });
  }

  /** «Удаление»: the entries about the person stay, without their masked data. */
  async eraseTarget(tx: DbOrTx, accountId: string): Promise<void> {
    await eraseJournalTarget(tx, accountId);
  }

  /** The organization's operators' journal: its head, administrators and responsible person. */
  async forOrganization(actor: Actor, query: WorkstationJournalQuery): Promise<WorkstationJournal> {
    assertAllowed(actor, 'workstation.journal_organization');
    if (actor.kind !== 'organization_member') throw new AppError('auth.forbidden');
    const manager = actor.roles.includes('head') || actor.roles.includes('administrator');
    if (
      !manager &&
      (await findResponsiblePerson(this.deps.db, actor.organizationId))?.accountId !== actor.personId
    )
      throw new AppError('auth.forbidden');
    return this.page({ ...filterOf(query), organizationId: actor.organizationId }, query.page);
  }

  /** The region's: every organization of the regional operator's region. */
  async forRegion(actor: Actor, query: WorkstationJournalQuery): Promise<WorkstationJournal> {
    assertAllowed(actor, 'workstation.journal_regional');
    if (actor.kind !== 'regional_operator') throw new AppError('auth.forbidden');
    return this.page(
      { ...filterOf(query), organizationId: query.organizationId, regionCode: actor.regionCode },
      query.page,
    );
  }

  async forFederal(actor: Actor, query: WorkstationJournalQuery): Promise<WorkstationJournal> {
    assertAllowed(actor, 'workstation.journal_federal');
    return this.page(
      { ...filterOf(query), organizationId: query.organizationId, regionCode: query.regionCode },
      query.page,
    );
  }

  private async page(filter: JournalFilter, page: number): Promise<WorkstationJournal> {
    const { rows, total } = await listJournal(
      this.deps.db,
      filter,
      (page - 1) * JOURNAL_PAGE_SIZE,
      JOURNAL_PAGE_SIZE,
    );
    return {
      entries: rows.map(({ entry, organizationName, centerName }) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        operator: { accountId: entry.operatorAccountId, name: entry.operatorName },
        certificateThumbprint: entry.certificateThumbprint,
        organization: { id: entry.organizationId, shortName: organizationName },
        center: entry.centerId ? { id: entry.centerId, name: centerName ?? '' } : null,
        regionCode: entry.regionCode,
        action: entry.action,
        target:
          entry.targetAccountId || entry.targetOid
            ? { oid: entry.targetOid?.toString() ?? null, masked: entry.targetMasked }
            : null,
        outcome: entry.outcome,
        refusal: entry.refusalCode,
      })),
      total,
      page,
      pageSize: JOURNAL_PAGE_SIZE,
    };
  }
}

function filterOf(query: WorkstationJournalQuery): JournalFilter {
  return {
    centerId: query.centerId,
    operatorId: query.operatorId,
    action: query.action,
    from: query.from ? new Date(`${query.from}T00:00:00+03:00`) : undefined,
    // «по» includes the whole day, Moscow time
    to: query.to ? new Date(new Date(`${query.to}T00:00:00+03:00`).getTime() + 86_400_000) : undefined,
  };
}
