import { createHash } from 'node:crypto';
import { asc, gt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';

/**
 * Security events and every operator/administrator action. Typed so that a reader of the log
 * knows every event that can appear in it.
 */
export type AuditEvent =
  | 'citizen.registered'
  | 'citizen.login_succeeded'
  | 'citizen.login_failed'
  | 'citizen.locked_out'
  | 'citizen.logged_out'
  | 'citizen.password_recovered'
  | 'citizen.personal_data_submitted'
  | 'citizen.personal_data_verified'
  | 'citizen.personal_data_rejected'
  | 'citizen.post_letter_ordered'
  | 'citizen.post_code_failed'
  | 'citizen.post_letter_cancelled'
  | 'citizen.snils_taken_refused'
  | 'citizen.confirmed'
  | 'signature.login_succeeded'
  | 'signature.login_failed'
  | 'signature.confirmation_failed'
  | 'trust.root_added'
  | 'trust.root_removed'
  | 'trust.list_imported'
  | 'account.role_granted'
  | 'test_ca.certificate_issued'
  | 'test_ca.certificate_revoked';

export type ActorType = 'citizen' | 'anonymous' | 'system' | 'operator' | 'administrator';

export interface AuditEntry {
  event: AuditEvent;
  actorType: ActorType;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on the order properties were written. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
}

type HashedFields = {
  at: Date;
  event: string;
  actorType: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  data: unknown;
};

function entryBody(row: HashedFields): string {
  return canonical({
    at: row.at.toISOString(),
    event: row.event,
    actorType: row.actorType,
    actorId: row.actorId,
    subjectId: row.subjectId,
    ip: row.ip,
    data: row.data,
  });
}

function entryHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(entryBody(row)).digest('hex');
}

/** The parameters of `audit_append` (migration 0008) for one entry, hashed body included. */
export function auditAppendCall(entry: AuditEntry, now: Date): SQL {
  // Milliseconds only: that is what survives the round trip through timestamptz and JSON.
  const at = new Date(Math.floor(now.getTime()));
  const row = {
    at,
    event: entry.event,
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip ?? null,
    data: entry.data ?? {},
  };
  return sql`audit_append(${at.toISOString()}::timestamptz, ${row.event}, ${row.actorType}, ${row.actorId}::text, ${row.subjectId}::text, ${row.ip}::text, ${JSON.stringify(row.data)}::jsonb, ${entryBody(row)})`;
}

/**
 * Appends inside the caller's transaction: the event is recorded if and only if the change is.
 * The database function `audit_append` links the entry to the chain's head in one step.
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry, now: Date): Promise<void> {
  await tx.execute(sql`select ${auditAppendCall(entry, now)}`);
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** first sequence number where the chain breaks */
  brokenAt?: number;
  reason?: string;
}

/** Walks the whole log in order and recomputes every link. */
export async function verifyAuditChain(db: DbOrTx, batch = 1000): Promise<ChainVerification> {
  let prevHash = GENESIS;
  let lastSeq = 0;
  let entries = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    if (!rows.length) return { ok: true, entries };
    for (const row of rows) {
      if (row.prevHash !== prevHash)
        return {
          ok: false,
          entries,
          brokenAt: row.seq,
          reason: 'prev_hash does not match the previous entry',
        };
      const expected = entryHash(prevHash, row);
      if (row.hash !== expected)
        return { ok: false, entries, brokenAt: row.seq, reason: 'hash does not match the entry contents' };
      prevHash = row.hash;
      lastSeq = row.seq;
      entries++;
    }
  }
}
