import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { testCa, testCaCertificates } from '../../db/schema/index.js';

/** «Тестовый УЦ» (demo mode): its root and the certificates it issued. */

export type TestCaRow = typeof testCa.$inferSelect;
export type TestCaCertificateRow = typeof testCaCertificates.$inferSelect;

export async function findTestCa(db: DbOrTx): Promise<TestCaRow | undefined> {
  const [row] = await db.select().from(testCa).where(eq(testCa.id, 'root')).limit(1);
  return row;
}

export async function insertTestCa(db: DbOrTx, row: typeof testCa.$inferInsert): Promise<boolean> {
  const rows = await db.insert(testCa).values(row).onConflictDoNothing().returning({ id: testCa.id });
  return rows.length === 1;
}

export async function nextCrlNumber(db: DbOrTx): Promise<number> {
  const [row] = await db
    .update(testCa)
    .set({ crlNumber: sql`${testCa.crlNumber} + 1` })
    .where(eq(testCa.id, 'root'))
    .returning({ n: testCa.crlNumber });
  return row.n;
}

export async function insertTestCaCertificate(
  db: DbOrTx,
  row: typeof testCaCertificates.$inferInsert,
): Promise<void> {
  await db.insert(testCaCertificates).values(row);
}

export async function findTestCaCertificate(
  db: DbOrTx,
  serialNumber: string,
): Promise<TestCaCertificateRow | undefined> {
  const [row] = await db
    .select()
    .from(testCaCertificates)
    .where(eq(testCaCertificates.serialNumber, serialNumber))
    .limit(1);
  return row;
}

export async function revokeTestCaCertificate(
  db: DbOrTx,
  serialNumber: string,
  at: Date,
  reason: number,
): Promise<void> {
  await db
    .update(testCaCertificates)
    .set({ revokedAt: at, revocationReason: reason })
    .where(and(eq(testCaCertificates.serialNumber, serialNumber), isNull(testCaCertificates.revokedAt)));
}

/**
 * Revokes the unrevoked test-CA certificates with this СНИЛС (by its HMAC) that were issued to an
 * account other than `accountId`; operator issues (no account) are left alone. The revoked serials.
 */
export async function revokeTestCaCertificatesOfOthers(
  db: DbOrTx,
  snilsLookup: string,
  accountId: string,
  at: Date,
  reason: number,
): Promise<string[]> {
  const rows = await db
    .update(testCaCertificates)
    .set({ revokedAt: at, revocationReason: reason })
    .where(
      and(
        eq(testCaCertificates.snilsLookup, snilsLookup),
        isNull(testCaCertificates.revokedAt),
        isNotNull(testCaCertificates.issuedBy),
        ne(testCaCertificates.issuedBy, accountId),
      ),
    )
    .returning({ serialNumber: testCaCertificates.serialNumber });
  return rows.map((r) => r.serialNumber);
}

/**
 * A cheap fingerprint of the test CA's revocations (count and latest time), so a process serving a
 * cached CRL notices a revocation made by another process (the CLI, a second instance).
 */
export async function testCaRevocationVersion(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      latest: sql<string | null>`max(${testCaCertificates.revokedAt})::text`,
    })
    .from(testCaCertificates)
    .where(sql`${testCaCertificates.revokedAt} is not null`);
  return `${row?.n ?? 0}:${row?.latest ?? ''}`;
}

export async function listRevokedTestCaCertificates(db: DbOrTx): Promise<TestCaCertificateRow[]> {
  return db
    .select()
    .from(testCaCertificates)
    .where(sql`${testCaCertificates.revokedAt} is not null`);
}
