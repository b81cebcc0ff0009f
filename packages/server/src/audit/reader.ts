import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import {
  actingForSchema,
  auditEventSchemas,
  parseEventData,
  type ActingFor,
  type AuditActorType,
  type AuditEventData,
  type AuditEventType,
} from './events.js';

/**
 * The journal as the operator screens and exports read it: filtered by actor, event type, period,
 * organization and region, newest first, a page at a time. Read-only: the log has no update or
 * delete path in code. Who may read which part is domain/policy's `audit.read` (the federal
 * operator all, a regional operator its region, an organization's head its organization): the
 * use-case that calls this passes the matching filter.
 */
export interface AuditFilter {
  actorType?: AuditActorType;
  actorId?: string;
  events?: readonly AuditEventType[];
  subjectId?: string;
  /** from this instant, inclusive */
  from?: Date;
  /** until this instant, exclusive */
  to?: Date;
  /** entries of actors who acted for this organization */
  organizationId?: string;
  /** entries of actors who acted for this region */
  regionCode?: string;
}

export interface AuditPageRequest {
  /** 1..500; 50 unless given */
  limit?: number;
  /** the `next` of the previous page */
  before?: number;
}

interface RecordBase {
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  actingFor: ActingFor | null;
}

/** An entry whose data its event's schema describes: `data` typed by `event`. */
export type TypedAuditRecord = {
  [E in AuditEventType]: RecordBase & { event: E; data: AuditEventData<E>; undescribed: false };
}[AuditEventType];

/**
 * An entry no schema describes (an event since removed, or data written by hand): shown as it is,
 * never hidden from the operator, and marked.
 */
export interface UndescribedAuditRecord extends RecordBase {
  event: string;
  data: Record<string, unknown>;
  undescribed: true;
}

export type AuditRecord = TypedAuditRecord | UndescribedAuditRecord;

export interface AuditPage {
  entries: AuditRecord[];
  /** pass as `before` for the next (older) page; null on the last */
  next: number | null;
}

const MAX_LIMIT = 500;

function conditions(filter: AuditFilter, page: AuditPageRequest): SQL[] {
  const where: SQL[] = [];
  if (filter.actorType) where.push(eq(auditLog.actorType, filter.actorType));
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.subjectId) where.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.events)
    where.push(filter.events.length ? inArray(auditLog.event, [...filter.events]) : sql`false`);
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  if (filter.organizationId)
    where.push(sql`${auditLog.data} -> 'actingFor' ->> 'organizationId' = ${filter.organizationId}`);
  if (filter.regionCode)
    where.push(sql`${auditLog.data} -> 'actingFor' ->> 'regionCode' = ${filter.regionCode}`);
  if (page.before !== undefined) where.push(lt(auditLog.seq, page.before));
  return where;
}

function toRecord(row: typeof auditLog.$inferSelect): AuditRecord {
  const { actingFor: rawActingFor, ...data } = row.data as Record<string, unknown>;
  const actingFor = rawActingFor === undefined ? null : actingForSchema.safeParse(rawActingFor);
  const base = {
    seq: row.seq,
    at: row.at,
    actorType: row.actorType,
    actorId: row.actorId,
    subjectId: row.subjectId,
    ip: row.ip,
    actingFor: actingFor?.success ? actingFor.data : null,
  };
  const event = row.event as AuditEventType;
  const parsed =
    event in auditEventSchemas && (actingFor === null || actingFor.success)
      ? parseEventData(event, data)
      : null;
  if (parsed === null) return { ...base, event: row.event, data: row.data, undescribed: true };
  return { ...base, event, data: parsed, undescribed: false } as TypedAuditRecord;
}

/** One page of the entries that match `filter`, newest first (by their sequence number). */
export async function readAuditLog(
  db: DbOrTx,
  filter: AuditFilter = {},
  page: AuditPageRequest = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), MAX_LIMIT);
  // One more than the page: whether an older page exists, without counting.
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions(filter, page)))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  const entries = rows.slice(0, limit).map(toRecord);
  return { entries, next: rows.length > limit ? entries[entries.length - 1]!.seq : null };
}
