import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * What the simulated SMS gateway, mail server and post deliver. Kept in the database so every
 * server process and the tests see one outbox; readable at /dev/outbox in demo mode only.
 */
export const simulatorOutbox = pgTable(
  'simulator_outbox',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel', { enum: ['sms', 'email', 'post'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('simulator_outbox_recipient_idx').on(t.recipient, t.createdAt)],
);
