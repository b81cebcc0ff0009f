import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { accountContacts, accounts, regionalOperatorStaff } from '../../db/schema/index.js';

/** «Региональный оператор» granted to a person (db/schema/staff.ts): one live grant per person. */

export type RegionalGrantRow = typeof regionalOperatorStaff.$inferSelect;
export type GrantVia = RegionalGrantRow['grantedVia'];

const live = isNull(regionalOperatorStaff.revokedAt);

/** The person's live grant, if any: asked on every request of the regional operator's audience. */
export async function findLiveRegionalGrant(
  db: DbOrTx,
  accountId: string,
): Promise<Pick<RegionalGrantRow, 'id' | 'regionCode'> | undefined> {
  const [row] = await db
    .select({ id: regionalOperatorStaff.id, regionCode: regionalOperatorStaff.regionCode })
    .from(regionalOperatorStaff)
    .where(and(eq(regionalOperatorStaff.accountId, accountId), live))
    .limit(1);
  return row;
}

/** A live grant by its id (the registry's «Отозвать»). */
export async function findLiveRegionalGrantById(
  db: DbOrTx,
  id: string,
): Promise<RegionalGrantRow | undefined> {
  const [row] = await db
    .select()
    .from(regionalOperatorStaff)
    .where(and(eq(regionalOperatorStaff.id, id), live))
    .limit(1);
  return row;
}

/**
 * Inserts a live grant; false when the person already holds one (the partial unique index
 * `regional_operator_staff_live`, so a concurrent grant loses without aborting the transaction).
 */
export async function insertRegionalGrant(
  db: DbOrTx,
  row: Pick<RegionalGrantRow, 'id' | 'accountId' | 'regionCode' | 'grantedBy' | 'grantedVia' | 'grantedAt'>,
): Promise<boolean> {
  const inserted = await db
    .insert(regionalOperatorStaff)
    .values(row)
    .onConflictDoNothing({ target: regionalOperatorStaff.accountId, where: live })
    .returning({ id: regionalOperatorStaff.id });
  return inserted.length === 1;
}

/** Ends a live grant; false when it was not live any more (revoked meanwhile). */
export async function revokeRegionalGrant(
  db: DbOrTx,
  id: string,
  revoked: { revokedAt: Date; revokedBy: string | null; revokedVia: GrantVia },
): Promise<boolean> {
  const rows = await db
    .update(regionalOperatorStaff)
    .set(revoked)
    .where(and(eq(regionalOperatorStaff.id, id), live))
    .returning({ id: regionalOperatorStaff.id });
  return rows.length === 1;
}

export interface RegionalStaffRow {
  grant: RegionalGrantRow;
  person: { lastName: string; firstName: string; middleName: string | null };
  /** a verified e-mail, else a verified phone */
  contact: string | null;
  grantedBy: { lastName: string; firstName: string; middleName: string | null } | null;
}

/** The live grants, of one region or of all, by region and then by name. */
export function listLiveRegionalStaff(db: DbOrTx, regionCode?: string): Promise<RegionalStaffRow[]> {
  return selectStaff(
    db,
    regionCode === undefined ? live : and(live, eq(regionalOperatorStaff.regionCode, regionCode)),
  );
}

/** One live grant as the list shows it (the answer to a grant, read in its transaction). */
export async function findLiveRegionalStaffMember(
  db: DbOrTx,
  id: string,
): Promise<RegionalStaffRow | undefined> {
  const [row] = await selectStaff(db, and(live, eq(regionalOperatorStaff.id, id)));
  return row;
}

async function selectStaff(db: DbOrTx, where: SQL | undefined): Promise<RegionalStaffRow[]> {
  const granter = alias(accounts, 'granter');
  const rows = await db
    .select({
      grant: regionalOperatorStaff,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
      contact: sql<string | null>`(
        select ${accountContacts.value} from ${accountContacts}
        where ${accountContacts.accountId} = ${regionalOperatorStaff.accountId}
          and ${accountContacts.verifiedAt} is not null
        order by ${accountContacts.type} = 'email' desc, ${accountContacts.verifiedAt}
        limit 1)`,
      granterLastName: granter.lastName,
      granterFirstName: granter.firstName,
      granterMiddleName: granter.middleName,
    })
    .from(regionalOperatorStaff)
    .innerJoin(accounts, eq(accounts.id, regionalOperatorStaff.accountId))
    .leftJoin(granter, eq(granter.id, regionalOperatorStaff.grantedBy))
    .where(where)
    .orderBy(
      asc(regionalOperatorStaff.regionCode),
      asc(accounts.lastName),
      asc(accounts.firstName),
      asc(regionalOperatorStaff.id),
    );
  return rows.map((r) => ({
    grant: r.grant,
    person: { lastName: r.lastName, firstName: r.firstName, middleName: r.middleName },
    contact: r.contact,
    grantedBy:
      r.granterLastName === null
        ? null
        : { lastName: r.granterLastName, firstName: r.granterFirstName!, middleName: r.granterMiddleName },
  }));
}
