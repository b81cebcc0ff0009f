import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { simulatorPostItems } from '../../db/schema/index.js';

/** The simulated Почта России's books: what it accepted and when it delivers (development and demo only). */
export type PostItemRow = typeof simulatorPostItems.$inferSelect;

export async function findPostItemByReference(
  db: DbOrTx,
  reference: string,
): Promise<PostItemRow | undefined> {
  const [row] = await db
    .select()
    .from(simulatorPostItems)
    .where(eq(simulatorPostItems.reference, reference))
    .limit(1);
  return row;
}

export async function findPostItemByTrackingNumber(
  db: DbOrTx,
  trackingNumber: string,
): Promise<PostItemRow | undefined> {
  const [row] = await db
    .select()
    .from(simulatorPostItems)
    .where(eq(simulatorPostItems.trackingNumber, trackingNumber))
    .limit(1);
  return row;
}

/** False when the tracking number is taken (the caller draws another). */
export async function insertPostItem(db: DbOrTx, row: Omit<PostItemRow, 'deliveredAt'>): Promise<boolean> {
  const inserted = await db
    .insert(simulatorPostItems)
    .values(row)
    .onConflictDoNothing()
    .returning({ trackingNumber: simulatorPostItems.trackingNumber });
  return inserted.length > 0;
}

/** Marks the item delivered unless it was already: exactly one caller wins. */
export async function markPostItemDelivered(db: DbOrTx, trackingNumber: string, at: Date): Promise<boolean> {
  const delivered = await db
    .update(simulatorPostItems)
    .set({ deliveredAt: at })
    .where(and(eq(simulatorPostItems.trackingNumber, trackingNumber), isNull(simulatorPostItems.deliveredAt)))
    .returning({ trackingNumber: simulatorPostItems.trackingNumber });
  return delivered.length > 0;
}
