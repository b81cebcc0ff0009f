import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { trustedRoots } from '../../db/schema/index.js';

/** The trust list: accredited CAs' roots, active or excluded (kept as history). */

export type TrustedRootRow = typeof trustedRoots.$inferSelect;

export async function listTrustedRoots(db: DbOrTx): Promise<TrustedRootRow[]> {
  return db.select().from(trustedRoots).orderBy(asc(trustedRoots.name));
}

/** Active roots; the test CA's root only when asked for (demo mode). */
export async function listActiveTrustedRoots(
  db: DbOrTx,
  options: { includeTestCa: boolean },
): Promise<TrustedRootRow[]> {
  return db
    .select()
    .from(trustedRoots)
    .where(
      options.includeTestCa
        ? eq(trustedRoots.status, 'active')
        : and(eq(trustedRoots.status, 'active'), ne(trustedRoots.source, 'test_ca')),
    );
}

export async function findTrustedRootByThumbprint(
  db: DbOrTx,
  thumbprint: string,
): Promise<TrustedRootRow | undefined> {
  const [row] = await db.select().from(trustedRoots).where(eq(trustedRoots.thumbprint, thumbprint)).limit(1);
  return row;
}

export async function findTrustedRoot(db: DbOrTx, id: string): Promise<TrustedRootRow | undefined> {
  const [row] = await db.select().from(trustedRoots).where(eq(trustedRoots.id, id)).limit(1);
  return row;
}

export async function insertTrustedRoot(
  db: DbOrTx,
  row: typeof trustedRoots.$inferInsert,
): Promise<TrustedRootRow> {
  const [created] = await db.insert(trustedRoots).values(row).returning();
  return created;
}

/** «Исключить из перечня»: the row stays, as history, with status 'revoked'. */
export async function excludeTrustedRoot(db: DbOrTx, id: string, at: Date, by: string): Promise<void> {
  await db
    .update(trustedRoots)
    .set({ status: 'revoked', excludedAt: at, excludedBy: by })
    .where(eq(trustedRoots.id, id));
}

/** An excluded root added again by the operator becomes active again (one row per certificate). */
export async function reactivateTrustedRoot(
  db: DbOrTx,
  id: string,
  fields: Pick<
    typeof trustedRoots.$inferInsert,
    'name' | 'ogrn' | 'crlUrls' | 'source' | 'addedAt' | 'addedBy'
  >,
): Promise<TrustedRootRow> {
  const [row] = await db
    .update(trustedRoots)
    .set({ ...fields, status: 'active', excludedAt: null, excludedBy: null })
    .where(eq(trustedRoots.id, id))
    .returning();
  return row;
}

/** A cheap fingerprint of the whole list, so a process knows when its parsed copy is stale. */
export async function trustListVersion(db: DbOrTx): Promise<string> {
  const rows = await db.execute(
    sql`select coalesce(string_agg(thumbprint || status || crl_urls::text, ',' order by thumbprint), '') as v from trusted_roots`,
  );
  const list = (rows as any).rows ?? rows;
  return String(list[0]?.v ?? '');
}
