import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organizationGroupMembers, organizationMembers } from '../../db/schema/index.js';

export type MemberRow = typeof organizationMembers.$inferSelect;

/**
 * The key employees are suggested by as someone types: «фамилия имя отчество» in lower case, ё as
 * е, single spaces — so «Ёлкина а» finds Ёлкина Анна.
 */
export function memberNameKey(person: {
  lastName: string;
  firstName: string;
  middleName?: string | null;
}): string {
  return [person.lastName, person.firstName, person.middleName ?? '']
    .join(' ')
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function insertMember(db: DbOrTx, row: typeof organizationMembers.$inferInsert): Promise<void> {
  await db.insert(organizationMembers).values(row);
}

export async function findActiveMember(
  db: DbOrTx,
  organizationId: string,
  accountId: string,
  options: { forUpdate?: boolean } = {},
): Promise<MemberRow | undefined> {
  const query = db
    .select()
    .from(organizationMembers)
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        eq(organizationMembers.accountId, accountId),
        isNull(organizationMembers.removedAt),
      ),
    )
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * The head and the administrators, locked: the rules about the last administrator are decided on
 * them (domain/organization/membership.ts) while nobody else can change them.
 */
export async function listManagersForUpdate(db: DbOrTx, organizationId: string): Promise<MemberRow[]> {
  return db
    .select()
    .from(organizationMembers)
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        isNull(organizationMembers.removedAt),
        sql`(${organizationMembers.isHead} or ${organizationMembers.isAdministrator})`,
      ),
    )
    .orderBy(asc(organizationMembers.joinedAt))
    .for('update');
}

/** Removes an employee and, in the same statement's transaction, every group membership they had. */
export async function removeMember(
  db: DbOrTx,
  member: Pick<MemberRow, 'id' | 'organizationId' | 'accountId'>,
  removedBy: string,
  now: Date,
): Promise<void> {
  await db
    .update(organizationMembers)
    .set({ removedAt: now, removedBy, isAdministrator: false })
    .where(eq(organizationMembers.id, member.id));
  await db
    .delete(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, member.organizationId),
        eq(organizationGroupMembers.accountId, member.accountId),
      ),
    );
}

/**
 * Employees whose name key starts with what was typed (a prefix search on the
 * (organization_id, name_key text_pattern_ops) index), for «Добавить участника».
 */
export async function suggestMembers(
  db: DbOrTx,
  organizationId: string,
  typed: string,
  limit: number,
): Promise<MemberRow[]> {
  const prefix = memberNameKey({ lastName: typed, firstName: '' }).replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select()
    .from(organizationMembers)
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        isNull(organizationMembers.removedAt),
        like(organizationMembers.nameKey, `${prefix}%`),
      ),
    )
    .orderBy(asc(organizationMembers.nameKey))
    .limit(limit);
}
