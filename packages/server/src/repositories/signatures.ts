import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import {
  accountRoles,
  signatureChallenges,
  signedDocuments,
  testCa,
  testCaCertificates,
  trustedRoots,
} from '../db/schema/index.js';

export type TrustedRootRow = typeof trustedRoots.$inferSelect;
export type ChallengeRow = typeof signatureChallenges.$inferSelect;
export type TestCaRow = typeof testCa.$inferSelect;
export type TestCaCertificateRow = typeof testCaCertificates.$inferSelect;

// ---- roles ----

export type StaffRole = (typeof accountRoles.$inferSelect)['role'];

/** The staff roles an account holds; the access decisions are domain/policy's, not this file's. */
export async function listRoles(db: DbOrTx, accountId: string): Promise<StaffRole[]> {
  const rows = await db
    .select({ role: accountRoles.role })
    .from(accountRoles)
    .where(eq(accountRoles.accountId, accountId));
  return rows.map((r) => r.role);
}

/** True when the role is new to the account; holding it already changes nothing. */
export async function grantRole(db: DbOrTx, accountId: string, role: StaffRole, now: Date): Promise<boolean> {
  const rows = await db
    .insert(accountRoles)
    .values({ accountId, role, grantedAt: now })
    .onConflictDoNothing()
    .returning({ role: accountRoles.role });
  return rows.length === 1;
}

// ---- trust list ----

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

// ---- challenges ----

export async function insertChallenge(
  db: DbOrTx,
  row: typeof signatureChallenges.$inferInsert,
): Promise<void> {
  await db.insert(signatureChallenges).values(row);
}

export async function findChallenge(db: DbOrTx, id: string): Promise<ChallengeRow | undefined> {
  const [row] = await db.select().from(signatureChallenges).where(eq(signatureChallenges.id, id)).limit(1);
  return row;
}

/** Marks the challenge used only if nobody did before: exactly one caller wins (single use). */
export async function useChallenge(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(signatureChallenges)
    .set({ usedAt: now })
    .where(and(eq(signatureChallenges.id, id), isNull(signatureChallenges.usedAt)))
    .returning({ id: signatureChallenges.id });
  return rows.length === 1;
}

// ---- test CA ----

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

// ---- signed documents ----

export async function insertSignedDocument(
  db: DbOrTx,
  row: typeof signedDocuments.$inferInsert,
): Promise<void> {
  await db.insert(signedDocuments).values(row);
}
