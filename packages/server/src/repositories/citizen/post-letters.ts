import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { postLetters } from '../../db/schema/index.js';

export type PostLetterRow = typeof postLetters.$inferSelect;
const ACTIVE = ['created', 'sent', 'delivered'] as const;

export async function insertPostLetter(db: DbOrTx, row: typeof postLetters.$inferInsert): Promise<void> {
  await db.insert(postLetters).values(row);
}

export async function findPostLetter(db: DbOrTx, id: string): Promise<PostLetterRow | undefined> {
  const [row] = await db.select().from(postLetters).where(eq(postLetters.id, id)).limit(1);
  return row;
}

/** The letter on its way or waiting for its code (at most one: post_letters_active_unique). */
export async function findActivePostLetter(
  db: DbOrTx,
  accountId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PostLetterRow | undefined> {
  const query = db
    .select()
    .from(postLetters)
    .where(and(eq(postLetters.accountId, accountId), inArray(postLetters.state, [...ACTIVE])))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findLastEndedPostLetter(
  db: DbOrTx,
  accountId: string,
): Promise<PostLetterRow | undefined> {
  const [row] = await db
    .select()
    .from(postLetters)
    .where(and(eq(postLetters.accountId, accountId), notInArray(postLetters.state, [...ACTIVE])))
    .orderBy(desc(postLetters.createdAt))
    .limit(1);
  return row;
}

/** Changes a letter only if it is still in the expected state: a late job cannot undo a newer step. */
export async function updatePostLetterIfState(
  db: DbOrTx,
  id: string,
  expected: PostLetterRow['state'],
  changes: Partial<typeof postLetters.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(postLetters)
    .set(changes)
    .where(and(eq(postLetters.id, id), eq(postLetters.state, expected)))
    .returning({ id: postLetters.id });
  return rows.length > 0;
}
