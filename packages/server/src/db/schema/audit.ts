import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
