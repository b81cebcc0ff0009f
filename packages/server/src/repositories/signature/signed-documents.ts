import {} from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { signedDocuments } from '../../db/schema/index.js';

/** Documents signed by a citizen, with the signature kept. */

export async function insertSignedDocument(
  db: DbOrTx,
  row: typeof signedDocuments.$inferInsert,
): Promise<void> {
  await db.insert(signedDocuments).values(row);
}
