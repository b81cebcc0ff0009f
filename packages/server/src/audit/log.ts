import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { auditHead, auditLog } from '../db/schema/index.js';
import {
  actingForSchema,
  auditEventSchemas,
  type ActingFor,
  type AuditActorType,
  type AuditEventData,
  type AuditEventType,
} from './events.js';
import type { z } from 'zod';

/**
 * Security events and every operator/administrator action, each with its typed data
 * (audit/events.ts): a reader of the log knows every event that can appear in it.
 */

type EntryOf<E extends AuditEventType> = {
  event: E;
  actorType: AuditActorType;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  /** the organization or region an organization member or a regional operator acted for */
  actingFor?: ActingFor;
  // `{} extends` asks "has this event's data no required field?": then data may be left out.
} & ({} extends AuditEventData<E> ? { data?: AuditEventData<E> } : { data: AuditEventData<E> });

export type AuditEntry = { [E in AuditEventType]: EntryOf<E> }[AuditEventType];

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

/** The canonical JSON that an entry's link and MAC cover. */
export function entryBody(row: HashedFields): string {
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

/**
 * The link: SHA-256 over prev_hash, a newline, the canonical JSON and, on keyed entries, a newline
 * and the MAC (so that removing a MAC changes every later link). Computed by `audit_append`.
 */
export function entryHash(prevHash: string, row: HashedFields, mac: string | null): string {
  const hash = createHash('sha256').update(prevHash).update('\n').update(entryBody(row));
  if (mac !== null) hash.update('\n').update(mac);
  return hash.digest('hex');
}

function entryMac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/**
 * AUDIT_KEY, given once at start-up by the composition root (system.ts): appendAudit keeps the
 * signature its callers use, and the key stays in this process — it is never sent to the
 * database, so a database superuser can neither read it nor compute a valid MAC.
 */
let auditKey: Buffer | null = null;

export function useAuditKey(key: Buffer): void {
  auditKey = key;
}

/**
 * The parameters of `audit_append` (migration 0009) for one entry, hashed body and MAC included.
 * The types check what a call site writes; this checks what it computed (a spread, a value read
 * back from the database) against the event's schema: an entry the reader could not parse is a
 * programming error, and the change it records is not made either.
 */
export function auditAppendCall(entry: AuditEntry, now: Date): SQL {
  const data = (auditEventSchemas[entry.event] as z.ZodType).safeParse(entry.data ?? {});
  if (!data.success)
    throw new Error(`audit entry ${entry.event} does not match its schema: ${data.error.message}`);
  if (entry.actingFor && !actingForSchema.safeParse(entry.actingFor).success)
    throw new Error(`audit entry ${entry.event}: malformed actingFor`);
  return uncheckedAuditAppendCall(entry, now);
}

/**
 * auditAppendCall without the schema check: for tests that write what an older version of an
 * event's schema allowed (the reader must show it, marked, never hide it).
 */
export function uncheckedAuditAppendCall(entry: AuditEntry, now: Date): SQL {
  if (!auditKey) throw new Error('audit key not set: createSystem calls useAuditKey(config.audit.key)');
  // Milliseconds only: that is what survives the round trip through timestamptz and JSON.
  const at = new Date(Math.floor(now.getTime()));
  const row = {
    at,
    event: entry.event,
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip ?? null,
    data: { ...(entry.data ?? {}), ...(entry.actingFor ? { actingFor: entry.actingFor } : {}) },
  };
  const body = entryBody(row);
  return sql`audit_append(${at.toISOString()}::timestamptz, ${row.event}, ${row.actorType}, ${row.actorId}::text, ${row.subjectId}::text, ${row.ip}::text, ${JSON.stringify(row.data)}::jsonb, ${body}, ${entryMac(auditKey, body)})`;
}

/**
 * Appends inside the caller's transaction: the event is recorded if and only if the change is.
 * The database function `audit_append` links the entry to its chain's head in one step.
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry, now: Date): Promise<void> {
  await tx.execute(sql`select ${auditAppendCall(entry, now)}`);
}

/** A chain's end as a checkpoint outside the database recorded it (audit/checkpoints.ts). */
export interface ChainAnchor {
  chain: number;
  seq: number;
  hash: string;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  chains: number;
  /** entries written before migration 0009, without a MAC: only checkpoints anchor them */
  unkeyed: number;
  /** entries newer than the checkpoints given (not yet anchored outside the database) */
  unanchored: number;
  /** sequence number of the entry where the log breaks, when one entry is to blame */
  brokenAt?: number;
  chain?: number;
  reason?: string;
}

interface ChainState {
  hash: string;
  seq: number;
  keyed: boolean;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Walks the whole log in seq order in one snapshot and checks, for every chain: each link
 * (prev_hash and SHA-256), each entry's MAC under AUDIT_KEY, that the chain ends exactly where its
 * `audit_head` row says, and that it passes through the newest checkpoint written outside the
 * database. Without the key nobody can write an entry that passes, and a cut or recomputed tail
 * below a checkpoint differs from it. What no check can see is an entry newer than the last
 * checkpoint removed with the later links and the heads recomputed: `unanchored` counts that window.
 */
export async function verifyAuditChain(
  db: Db,
  options: { key: Buffer; anchors?: ChainAnchor[]; batch?: number },
): Promise<ChainVerification> {
  return db.transaction(async (tx) => verifyInSnapshot(tx, options), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function verifyInSnapshot(
  db: DbOrTx,
  { key, anchors = [], batch = 1000 }: { key: Buffer; anchors?: ChainAnchor[]; batch?: number },
): Promise<ChainVerification> {
  const chains = new Map<number, ChainState>();
  const anchorOf = new Map(anchors.map((a) => [a.chain, a]));
  let lastSeq = 0;
  let entries = 0;
  let unkeyed = 0;
  let unanchored = 0;
  // Every entry after migration 0009 carries a MAC, and seq only grows: once any chain has a keyed
  // entry, an entry without a MAC anywhere later is a stripped one, not one from before the key.
  let keyedSeen = false;
  const result = (broken?: { brokenAt?: number; chain?: number; reason: string }): ChainVerification => ({
    ok: !broken,
    entries,
    chains: chains.size,
    unkeyed,
    unanchored,
    ...broken,
  });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    if (!rows.length) break;
    for (const row of rows) {
      const at = { brokenAt: row.seq, chain: row.chain };
      let state = chains.get(row.chain);
      if (!state) chains.set(row.chain, (state = { hash: GENESIS, seq: 0, keyed: false }));
      if (row.prevHash !== state.hash)
        return result({ ...at, reason: 'prev_hash does not match the previous entry of its chain' });
      if (row.hash !== entryHash(state.hash, row, row.mac))
        return result({ ...at, reason: 'hash does not match the entry contents' });
      if (row.mac === null) {
        // Only the entries of the one chain there was before migration 0009 lack a MAC.
        if (keyedSeen || state.keyed || row.chain !== 1)
          return result({ ...at, reason: 'MAC missing on an entry written with the key' });
        unkeyed++;
      } else {
        if (!sameHex(row.mac, entryMac(key, entryBody(row))))
          return result({
            ...at,
            reason: 'MAC does not match the entry contents: written without AUDIT_KEY (or with another key)',
          });
        state.keyed = true;
        keyedSeen = true;
      }
      const anchor = anchorOf.get(row.chain);
      if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash)
        return result({ ...at, reason: 'entry differs from the checkpoint written outside the database' });
      if (!anchor || row.seq > anchor.seq) unanchored++;
      state.hash = row.hash;
      state.seq = row.seq;
      lastSeq = row.seq;
      entries++;
    }
  }
  const heads = await db.select().from(auditHead).orderBy(asc(auditHead.id));
  const headIds = new Set(heads.map((h) => h.id));
  for (const chain of chains.keys())
    if (!headIds.has(chain)) return result({ chain, reason: `chain ${chain} has no head row` });
  for (const head of heads) {
    const end = chains.get(head.id) ?? { hash: GENESIS, seq: 0, keyed: false };
    if (head.seq !== end.seq || head.hash !== end.hash)
      return result({
        chain: head.id,
        reason:
          head.seq > end.seq
            ? `chain ${head.id} ends at entry ${end.seq} but its head is entry ${head.seq}: the newest entries were removed`
            : `chain ${head.id} ends at entry ${end.seq} but its head says entry ${head.seq} with another hash`,
      });
  }
  for (const anchor of anchors) {
    const end = chains.get(anchor.chain) ?? { hash: GENESIS, seq: 0, keyed: false };
    if (!headIds.has(anchor.chain) && anchor.seq > 0)
      return result({ chain: anchor.chain, reason: `chain ${anchor.chain} of the checkpoint is missing` });
    if (anchor.seq > end.seq)
      return result({
        chain: anchor.chain,
        reason: `chain ${anchor.chain} ends at entry ${end.seq}, below the checkpoint's entry ${anchor.seq}: its newest entries were removed`,
      });
    if (anchor.seq === 0 ? anchor.hash !== GENESIS : !(await hasEntry(db, anchor)))
      return result({
        chain: anchor.chain,
        reason: `entry ${anchor.seq} of chain ${anchor.chain}, recorded by the checkpoint, is not in the log`,
      });
  }
  return result();
}

async function hasEntry(db: DbOrTx, anchor: ChainAnchor): Promise<boolean> {
  const [row] = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(and(eq(auditLog.seq, anchor.seq), eq(auditLog.chain, anchor.chain)));
  return row?.hash === anchor.hash;
}
