import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectId), index('audit_log_event_idx').on(t.event)],
);

/**
 * The head of the chain: one row holding the last hash. Appending updates it in the same
 * statement that inserts the entry; the row lock orders concurrent appends, and PostgreSQL
 * re-reads the row after the wait, so no two entries ever link to the same predecessor.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  /** the link before the last one, set by the same UPDATE (SET reads the old row) */
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
