import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AccessGroup } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import {
  accounts,
  organizationGroupMembers,
  organizationMembers,
  serviceCenterEvents,
  serviceCenterOperators,
  serviceCenters,
} from '../../db/schema/index.js';

export type CenterRow = typeof serviceCenters.$inferSelect;
export type CenterInsert = typeof serviceCenters.$inferInsert;
export type CenterEventRow = typeof serviceCenterEvents.$inferSelect;

/** The АРМ groups: membership of one of them is what lets an attached operator work at a center. */
export const ARM_GROUPS: readonly AccessGroup[] = ['identity_specialists', 'registration_specialists'];

export async function insertCenter(tx: DbOrTx, row: CenterInsert): Promise<void> {
  await tx.insert(serviceCenters).values(row);
}

/** The center of the organization, or undefined (another organization's center is not found either). */
export async function findCenter(
  db: DbOrTx,
  organizationId: string,
  centerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CenterRow | undefined> {
  const query = db
    .select()
    .from(serviceCenters)
    .where(and(eq(serviceCenters.id, centerId), eq(serviceCenters.organizationId, organizationId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Writes the changes at `revision`, bumping it; false when another save came first. */
export async function updateCenterAtRevision(
  tx: DbOrTx,
  centerId: string,
  revision: number,
  changes: Partial<CenterInsert>,
): Promise<boolean> {
  const rows = await tx
    .update(serviceCenters)
    .set({ ...changes, revision: revision + 1 })
    .where(and(eq(serviceCenters.id, centerId), eq(serviceCenters.revision, revision)))
    .returning({ id: serviceCenters.id });
  return rows.length === 1;
}

/** Bumps the revision of a center whose operators changed, so a page open before sees it stale. */
export async function touchCenter(tx: DbOrTx, centerId: string, now: Date): Promise<void> {
  await tx
    .update(serviceCenters)
    .set({ revision: sql`${serviceCenters.revision} + 1`, updatedAt: now })
    .where(eq(serviceCenters.id, centerId));
}

/** «Центры обслуживания» of the organization, by name, with the number of operators attached. */
export async function listCenters(
  db: DbOrTx,
  organizationId: string,
): Promise<(CenterRow & { operatorCount: number })[]> {
  const operatorCounts = db
    .select({ centerId: serviceCenterOperators.centerId, n: count().as('n') })
    .from(serviceCenterOperators)
    .groupBy(serviceCenterOperators.centerId)
    .as('operator_counts');
  const rows = await db
    .select({ center: serviceCenters, n: operatorCounts.n })
    .from(serviceCenters)
    .leftJoin(operatorCounts, eq(operatorCounts.centerId, serviceCenters.id))
    .where(eq(serviceCenters.organizationId, organizationId))
    .orderBy(asc(serviceCenters.name), asc(serviceCenters.id));
  return rows.map((r) => ({ ...r.center, operatorCount: Number(r.n ?? 0) }));
}

/** For each center given, how many other centers carry the same address key. */
export async function countSameAddress(
  db: DbOrTx,
  centers: readonly { id: string; addressKey: string }[],
): Promise<Map<string, number>> {
  if (!centers.length) return new Map();
  const keys = [...new Set(centers.map((c) => c.addressKey))];
  const rows = await db
    .select({ addressKey: serviceCenters.addressKey, n: count() })
    .from(serviceCenters)
    .where(inArray(serviceCenters.addressKey, keys))
    .groupBy(serviceCenters.addressKey);
  const byKey = new Map(rows.map((r) => [r.addressKey, Number(r.n)]));
  // Each center counts itself once: the others are the rest.
  return new Map(centers.map((c) => [c.id, Math.max(0, (byKey.get(c.addressKey) ?? 1) - 1)]));
}

// ---- operators ----

export interface AttachedOperatorRow {
  accountId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  attachedAt: Date;
  /** still an employee of the center's organization */
  employee: boolean;
}

/** The operators attached to a center, by name. */
export async function listAttachedOperators(db: DbOrTx, centerId: string): Promise<AttachedOperatorRow[]> {
  const rows = await db
    .select({
      accountId: serviceCenterOperators.accountId,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
      attachedAt: serviceCenterOperators.attachedAt,
      memberId: organizationMembers.id,
    })
    .from(serviceCenterOperators)
    .innerJoin(serviceCenters, eq(serviceCenters.id, serviceCenterOperators.centerId))
    .innerJoin(accounts, eq(accounts.id, serviceCenterOperators.accountId))
    .leftJoin(
      organizationMembers,
      and(
        eq(organizationMembers.organizationId, serviceCenters.organizationId),
        eq(organizationMembers.accountId, serviceCenterOperators.accountId),
        isNull(organizationMembers.removedAt),
      ),
    )
    .where(eq(serviceCenterOperators.centerId, centerId))
    .orderBy(asc(accounts.lastName), asc(accounts.firstName), asc(serviceCenterOperators.accountId));
  return rows.map(({ memberId, ...r }) => ({ ...r, employee: memberId !== null }));
}

/** The АРМ groups each active employee of the organization is in (the groups as granted, open or not). */
export async function listArmGroupMembers(
  db: DbOrTx,
  organizationId: string,
  accountIds?: readonly string[],
): Promise<
  Map<string, { lastName: string; firstName: string; middleName: string | null; groups: AccessGroup[] }>
> {
  if (accountIds && !accountIds.length) return new Map();
  const rows = await db
    .select({
      accountId: organizationGroupMembers.accountId,
      group: organizationGroupMembers.group,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
    })
    .from(organizationGroupMembers)
    .innerJoin(
      organizationMembers,
      and(
        eq(organizationMembers.organizationId, organizationGroupMembers.organizationId),
        eq(organizationMembers.accountId, organizationGroupMembers.accountId),
        isNull(organizationMembers.removedAt),
      ),
    )
    .innerJoin(accounts, eq(accounts.id, organizationGroupMembers.accountId))
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        inArray(organizationGroupMembers.group, [...ARM_GROUPS]),
        accountIds ? inArray(organizationGroupMembers.accountId, [...accountIds]) : undefined,
      ),
    )
    .orderBy(asc(accounts.lastName), asc(accounts.firstName), asc(organizationGroupMembers.accountId));
  const byAccount = new Map<
    string,
    { lastName: string; firstName: string; middleName: string | null; groups: AccessGroup[] }
  >();
  for (const r of rows) {
    const entry = byAccount.get(r.accountId) ?? {
      lastName: r.lastName,
      firstName: r.firstName,
      middleName: r.middleName,
      groups: [],
    };
    entry.groups.push(r.group);
    byAccount.set(r.accountId, entry);
  }
  return byAccount;
}

/** True when the operator is newly attached; attached already changes nothing. */
export async function attachOperator(
  tx: DbOrTx,
  row: typeof serviceCenterOperators.$inferInsert,
): Promise<boolean> {
  const rows = await tx
    .insert(serviceCenterOperators)
    .values(row)
    .onConflictDoNothing()
    .returning({ accountId: serviceCenterOperators.accountId });
  return rows.length === 1;
}

export async function detachOperator(tx: DbOrTx, centerId: string, accountId: string): Promise<boolean> {
  const rows = await tx
    .delete(serviceCenterOperators)
    .where(
      and(eq(serviceCenterOperators.centerId, centerId), eq(serviceCenterOperators.accountId, accountId)),
    )
    .returning({ accountId: serviceCenterOperators.accountId });
  return rows.length === 1;
}

// ---- history ----

export async function insertCenterEvent(
  tx: DbOrTx,
  row: typeof serviceCenterEvents.$inferInsert,
): Promise<void> {
  await tx.insert(serviceCenterEvents).values(row);
}

/** The center's history, newest first. */
export async function listCenterEvents(db: DbOrTx, centerId: string): Promise<CenterEventRow[]> {
  return db
    .select()
    .from(serviceCenterEvents)
    .where(eq(serviceCenterEvents.centerId, centerId))
    .orderBy(desc(serviceCenterEvents.seq));
}
