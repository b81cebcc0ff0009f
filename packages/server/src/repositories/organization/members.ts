import { and, asc, eq, isNull, like, ne, or, sql, type AnyColumn } from 'drizzle-orm';
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

/**
 * Words kept per name: a real one has three to five («Мамедов Эльчин Гасан оглы»); the cap keeps
 * a name of many one-letter words from multiplying the ways five typed words can match it.
 */
const MAX_NAME_WORDS = 8;

/** The words of a name key, in order: what organization_member_words holds for the employee. */
export function memberNameWords(nameKey: string): string[] {
  return nameKey.split(WORD_SEPARATORS).filter(Boolean).slice(0, MAX_NAME_WORDS);
}

/**
 * How much of what is typed is searched: a full name is under 100 characters and 5 words (a
 * double surname, or «оглы» after a patronymic); more only widens the work, never the answer
 * an administrator is after.
 */
const SUGGEST_MAX_CHARS = 100;
const SUGGEST_MAX_WORDS = 5;
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

const startsWith = (column: AnyColumn, typed: string) =>
  like(column, `${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/**
 * Employees whose words match the typed words one to one, as (memberId, nameKey), when no typed
 * word starts another: one range scan of the word index per typed word, joined on the employee,
 * each on a position of its own. The planner starts from the narrowest range («иванов» in
 * «иванов п») and looks up the other words of those employees only.
 */
function matchedByJoin(db: DbOrTx, organizationId: string, words: string[], limit: number) {
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
  return matching
    .where(
      and(
        ...w.flatMap((word, i) => [
          eq(word.organizationId, organizationId),
          startsWith(word.word, words[i]!),
        ]),
      ),
    )
    .groupBy(first.memberId, first.nameKey)
    .orderBy(byName(first.nameKey), first.memberId)
    .limit(limit)
    .as('found');
}

/**
 * The same when short typed words overlap, one starting another («а а а», «и ив»): a join would
 * read the wide range once per typed word and match it with itself. Instead the words
 * starting with any typed word are read once (the typed words that start no other give disjoint
 * ranges), each marked with the typed words it matches, and an employee is kept when the typed
 * words can each have a word of their own — by Hall's theorem, when every set S of typed words
 * matches at least |S| words of the name (at most 31 sets of 5 words).
 */
function matchedByCount(db: DbOrTx, organizationId: string, words: string[], limit: number) {
  const w = organizationMemberWords;
  const distinct = [...new Set(words)];
  const widest = distinct.filter((a) => !distinct.some((b) => b !== a && a.startsWith(b)));
  const marks = distinct.map(
    (typed, i) => sql`case when ${startsWith(w.word, typed)} then ${sql.raw(String(1 << i))} else 0 end`,
  );
  const marked = db
    .select({
      memberId: w.memberId,
      nameKey: w.nameKey,
      mask: sql<number>`${sql.join(marks, sql` | `)}`.as('mask'),
    })
    .from(w)
    .where(and(eq(w.organizationId, organizationId), or(...widest.map((typed) => startsWith(w.word, typed)))))
    // OFFSET keeps the subquery whole, so each word's mask is computed once, not once per set.
    .offset(0)
    .as('marked');
  // A word typed twice needs two words of the name: a set's size counts every copy typed.
  const copies = distinct.map((typed) => words.filter((x) => x === typed).length);
  const sets = Array.from({ length: (1 << distinct.length) - 1 }, (_, i) => i + 1);
  const size = (set: number) => copies.reduce((n, c, i) => (set & (1 << i) ? n + c : n), 0);
  return db
    .select({ memberId: marked.memberId, nameKey: marked.nameKey })
    .from(marked)
    .groupBy(marked.memberId, marked.nameKey)
    .having(
      and(...sets.map((set) => sql.raw(`count(*) filter (where "mask" & ${set} <> 0) >= ${size(set)}`))),
    )
    .orderBy(byName(marked.nameKey), marked.memberId)
    .limit(limit)
    .as('found');
}

/**
 * The query behind suggestMembers, exported for the benchmark's EXPLAIN. Employees of the
 * organization whose name has, for every typed word, a word of its own starting with it: «Пет Ив»
 * finds Иванов Пётр and Петрова Ирина Ивановна; «иванов иван» finds Иванов Иван but not Иванов
 * Пётр (both typed words would need the surname). Only the word index is read (index-only) until
 * the order and the limit are decided; the employees and accounts are read for the rows shown.
 */
export function suggestMembersQuery(db: DbOrTx, organizationId: string, words: string[], limit: number) {
  // Counting pays when the overlapping words are short: their ranges are wide and a join would
  // read them once per word. With a longer word among them the join starts from its narrow range.
  const overlapping =
    words.every((typed) => typed.length <= 2) &&
    words.some((a, i) => words.some((b, j) => i !== j && a.startsWith(b)));
  const rows = Math.max(1, Math.min(limit, SUGGEST_MAX_LIMIT));
  const found = overlapping
    ? matchedByCount(db, organizationId, words, rows)
    : matchedByJoin(db, organizationId, words, rows);
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
 * The first employees in order of name, for a single typed letter: at most `scan` rows of the
 * (organization_id, name_key collate "C") index, each kept when a word of its key starts with
 * the letter. One letter starts a word in a large share of names (а, в, и, с: every fifth or
 * more), so the first suggestions come within a few dozen rows, where the word index would read
 * thousands of words and sort them. Exported for the benchmark's EXPLAIN.
 */
export function suggestByNameScanQuery(
  db: DbOrTx,
  organizationId: string,
  word: string,
  limit: number,
  scan: number,
) {
  const ordered = db
    .select({
      id: organizationMembers.id,
      accountId: organizationMembers.accountId,
      nameKey: organizationMembers.nameKey,
    })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), isNull(organizationMembers.removedAt)))
    .orderBy(byName(organizationMembers.nameKey), asc(organizationMembers.id))
    .limit(scan)
    .as('ordered');
  // A word starts at the key's start or after a separator (WORD_SEPARATORS); the typed text is
  // matched as written, every regular-expression character escaped.
  const startsAWord = `(^|[ .,-])${word.replace(/[\\^$.|?*+()[\]{}-]/g, (c) => `\\${c}`)}`;
  return db
    .select({
      accountId: ordered.accountId,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
    })
    .from(ordered)
    .innerJoin(accounts, eq(accounts.id, ordered.accountId))
    .where(sql`${ordered.nameKey} ~ ${startsAWord}`)
    .orderBy(byName(ordered.nameKey), ordered.id)
    .limit(limit);
}

/**
 * How far down the list in order of name a single typed letter is looked for before the word
 * index is asked instead (bench organizations: a letter found in fewer names than 1 in 100 has a
 * short range in the word index anyway).
 */
const SCAN_BY_NAME = 1000;

/**
 * «Добавить участника»: employees suggested as an administrator types part of a name — any word
 * of «Фамилия Имя Отчество» by its start, in any order, any case, ё as е — ordered by name.
 * `options.scanByName` is for tests of the fallback.
 */
export async function suggestMembers(
  db: DbOrTx,
  organizationId: string,
  typed: string,
  limit: number,
  options: { scanByName?: number } = {},
): Promise<SuggestedMember[]> {
  const words = typedWords(typed);
  if (words.length === 0) return [];
  const rows = Math.max(1, Math.min(limit, SUGGEST_MAX_LIMIT));
  // A lone letter (not a lone % or \, which no name has) is looked for in order of name.
  if (words.length === 1 && /^\p{L}$/u.test(words[0]!)) {
    const found = await suggestByNameScanQuery(
      db,
      organizationId,
      words[0]!,
      rows,
      options.scanByName ?? SCAN_BY_NAME,
    );
    // A full page from the first rows in order of name is the answer; fewer may be all there
    // is in those rows only.
    if (found.length === rows) return found;
  }
  return suggestMembersQuery(db, organizationId, words, rows);
}
