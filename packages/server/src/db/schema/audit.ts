import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained log of security events and of every operator and administrator
 * action (152-ФЗ accountability). A trigger in the migrations rejects UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    event: text('event').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    subjectId: text('subject_id'),
    ip: text('ip'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** which of the chains (audit_head rows) this entry extends */
    chain: integer('chain').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** HMAC-SHA-256 of the entry's canonical JSON under AUDIT_KEY, which the database never sees */
    mac: text('mac'),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectId),
    index('audit_log_event_idx').on(t.event),
    // An organization's journal reads the entries of those who acted for it, newest first: without
    // this, a quiet organization's page would scan the whole log (audit/reader.ts, organizationId).
    index('audit_log_acting_for_organization_idx')
      .on(sql`(${t.data} -> 'actingFor' ->> 'organizationId')`, t.seq)
      .where(sql`(${t.data} -> 'actingFor' ->> 'organizationId') is not null`),
  ],
);

/**
 * The heads of the chains, one row each (migration 0009 makes 16). Appending locks its chain's
 * row, inserts the entry and moves the head in the same statement; the row lock orders concurrent
 * appends to one chain, so no two entries ever link to the same predecessor, while appends to
 * other chains go on in parallel.
 */
export const auditHead = pgTable('audit_head', {
  /** the chain's number */
  id: integer('id').primaryKey(),
  /** seq of the chain's last entry (0 while the chain is empty) */
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** the link before the last one, set by the same UPDATE (SET reads the old row) */
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
