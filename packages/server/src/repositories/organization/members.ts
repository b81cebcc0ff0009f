import { and, asc, eq, isNull, like, ne, sql, type AnyColumn } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import {
  accounts,
  organizationGroupMembers,
  organizationMemberWords,
  organizationMembers,
} from '../../db/schema/index.js';

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
  return foldCase([person.lastName, person.firstName, person.middleName ?? ''].join(' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower case, ё as е: how both a name and what is typed are compared. */
function foldCase(text: string): string {
  return text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
}

/**
 * Where a name or a typed text splits into words: spaces, and the hyphen of a double surname
 * (Петров-Водкин is found by «водкин»), the dot and comma of initials («Иванов И.П.»). Nothing
 * else is a separator: LIKE's own characters stay in the word and are matched literally.
 */
const WORD_SEPARATORS = /[\s.,-]+/;

/** The words of a name key, in order: what organization_member_words holds for the employee. */
export function memberNameWords(nameKey: string): string[] {
  return nameKey.split(WORD_SEPARATORS).filter(Boolean).slice(0, MAX_NAME_WORDS);
}

/**
 * Words kept per name: a real one has three to five («Мамедов Эльчин Гасан оглы»); the cap keeps
 * a name of many one-letter words from multiplying the ways five typed words can match it.
 */
const MAX_NAME_WORDS = 8;

/**
 * How much of what is typed is searched: a full name is under 100 characters and 5 words (a
 * double surname, or «оглы» after a patronymic); more only widens the work, never the answer
 * an administrator is after.
 */
export const SUGGEST_MAX_CHARS = 100;
export const SUGGEST_MAX_WORDS = 5;
const SUGGEST_MAX_LIMIT = 50;

/** The employee and the words of their name, in one transaction (a savepoint inside a caller's). */
export async function insertMember(db: DbOrTx, row: typeof organizationMembers.$inferInsert): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(organizationMembers).values(row);
    const words = memberNameWords(row.nameKey);
    if (words.length === 0) return;
    await tx.insert(organizationMemberWords).values(
      words.map((word, position) => ({
        memberId: row.id,
        position,
        organizationId: row.organizationId,
        word,
        nameKey: row.nameKey,
      })),
    );
  });
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
  // A former employee is never suggested again; the words go, the row stays for the journal.
  await db.delete(organizationMemberWords).where(eq(organizationMemberWords.memberId, member.id));
  await db
    .delete(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, member.organizationId),
        eq(organizationGroupMembers.accountId, member.accountId),
      ),
    );
}

/** What a suggestion list shows for an employee. */
export interface SuggestedMember {
  accountId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/** The words an administrator typed, folded as names are, at most SUGGEST_MAX_WORDS of them. */
export function typedWords(typed: string): string[] {
  return memberNameWords(foldCase(typed.slice(0, SUGGEST_MAX_CHARS))).slice(0, SUGGEST_MAX_WORDS);
}

/** Name keys compared byte by byte: the same order on every database, and alphabetical (а…я, е for ё). */
const byName = (nameKey: AnyColumn) => sql`${nameKey} collate "C"`;

/**
 * The query behind suggestMembers, exported for the benchmark's EXPLAIN. Employees of the
 * organization whose name has, for every typed word, a word of its own starting with it: «Пет Ив»
 * finds Иванов Пётр and Петрова Ирина Ивановна; «иванов иван» finds Иванов Иван but not Иванов
 * Пётр (both typed words would need the surname). Each typed word is an index-only range scan of
 * organization_member_words in the organization (the planner starts from the narrowest and checks
 * the others on the same member); the order and the limit are decided there, and the employees
 * and accounts are read for the rows shown only.
 */
export function suggestMembersQuery(db: DbOrTx, organizationId: string, words: string[], limit: number) {
  const w = words.map((_, i) => alias(organizationMemberWords, `w${i}`));
  const first = w[0]!;
  let matching = db.select({ memberId: first.memberId, nameKey: first.nameKey }).from(first).$dynamic();
  for (let i = 1; i < w.length; i++) {
    const word = w[i]!;
    matching = matching.innerJoin(
      word,
      and(
        eq(word.memberId, first.memberId),
        ...w.slice(0, i).map((earlier) => ne(word.position, earlier.position)),
      ),
    );
  }
  const found = matching
    .where(
      and(
        ...w.flatMap((word, i) => [
          eq(word.organizationId, organizationId),
          like(word.word, `${words[i]!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        ]),
      ),
    )
    // One row per employee, however many ways their words match.
    .groupBy(first.memberId, first.nameKey)
    .orderBy(byName(first.nameKey), first.memberId)
    .limit(Math.max(1, Math.min(limit, SUGGEST_MAX_LIMIT)))
    .as('found');
  return db
    .select({
      accountId: organizationMembers.accountId,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
    })
    .from(found)
    .innerJoin(
      organizationMembers,
      // Words are deleted with the employee; the check is for the rows shown only.
      and(eq(organizationMembers.id, found.memberId), isNull(organizationMembers.removedAt)),
    )
    .innerJoin(accounts, eq(accounts.id, organizationMembers.accountId))
    .orderBy(byName(found.nameKey), found.memberId);
}

/**
 * «Добавить участника»: employees suggested as an administrator types part of a name — any word
 * of «Фамилия Имя Отчество» by its start, in any order, any case, ё as е — ordered by name.
 */
export async function suggestMembers(
  db: DbOrTx,
  organizationId: string,
  typed: string,
  limit: number,
): Promise<SuggestedMember[]> {
  const words = typedWords(typed);
  if (words.length === 0) return [];
  return suggestMembersQuery(db, organizationId, words, limit);
}
