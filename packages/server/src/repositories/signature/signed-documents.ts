import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { signedDocuments } from '../../db/schema/index.js';

/** Documents signed by a citizen, with the signature kept. */

export type SignedDocumentRow = typeof signedDocuments.$inferSelect;

export async function insertSignedDocument(
  db: DbOrTx,
  row: typeof signedDocuments.$inferInsert,
): Promise<void> {
  await db.insert(signedDocuments).values(row);
}

export async function findSignedDocument(db: DbOrTx, id: string): Promise<SignedDocumentRow | undefined> {
  const [row] = await db.select().from(signedDocuments).where(eq(signedDocuments.id, id)).limit(1);
  return row;
}
