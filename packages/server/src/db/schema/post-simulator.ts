import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

/**
 * The simulated Почта России's own books (development and demo only): what it accepted and when
 * it will deliver. Kept in the database so a letter in transit survives a restart. On delivery
 * the letter's text lands in `simulator_outbox` with channel 'post' (readable at /dev/outbox).
 */
export const simulatorPostItems = pgTable(
  'simulator_post_items',
  {
    /** the sender's letter id: a retried send finds the item it already accepted */
    reference: text('reference').primaryKey(),
    trackingNumber: text('tracking_number').notNull().unique(),
    recipient: text('recipient').notNull(),
    body: text('body').notNull(),
    acceptedAt: ts('accepted_at').notNull(),
    deliverAt: ts('deliver_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [index('simulator_post_items_deliver_idx').on(t.deliverAt)],
);
