import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { simulatorOutbox } from '../../db/schema/index.js';

/** What the simulated SMS gateway, mail server and post delivered (development and demo only). */
export type OutboxRow = typeof simulatorOutbox.$inferSelect;

export async function insertOutboxMessage(db: DbOrTx, row: OutboxRow): Promise<void> {
  await db.insert(simulatorOutbox).values(row);
}

/** Newest first; one recipient's messages when `recipient` is given. */
export async function listOutboxMessages(
  db: DbOrTx,
  options: { recipient?: string; limit: number },
): Promise<OutboxRow[]> {
  return db
    .select()
    .from(simulatorOutbox)
    .where(options.recipient ? eq(simulatorOutbox.recipient, options.recipient) : undefined)
    .orderBy(desc(simulatorOutbox.createdAt))
    .limit(options.limit);
}
