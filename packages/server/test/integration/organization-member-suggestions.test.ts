import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findActiveMember,
  insertMember,
  memberNameKey,
  memberNameWords,
  removeMember,
  suggestMembers,
  typedWords,
} from '../../src/repositories/organization/members.js';
import { insertOrganization } from '../../src/repositories/organization/organizations.js';
import { createSimplifiedCitizen } from '../support/factories.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

interface Person {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/**
 * «Доступ к системам» → add a member (issue 9, section 6): the administrator types part of a name
 * and picks from suggestions. Any word of «Фамилия Имя Отчество» by its start, every typed word
 * matching a word of its own in any order, any case, ё as е; active employees of this organization
 * only, in order of name; what is typed is matched literally, however long or strange.
 */
describe('member suggestions', () => {
  let sut: TestSystem;
  const db = () => sut.database.db;
  const now = new Date('2026-12-02T10:00:00Z');
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  async function organizationWith(people: Person[]) {
    const head = await createSimplifiedCitizen(sut);
    const organizationId = randomUUID();
    await insertOrganization(db(), {
      id: organizationId,
      // Unique per test; the database does not check ОГРН digits (the contracts do).
      ogrn: `1${String(randomInt(1e12)).padStart(12, '0')}`,
      inn: String(randomInt(1e10)).padStart(10, '0'),
      fullName: 'Многофункциональный центр',
      shortName: 'МФЦ',
      type: 'mfc',
      regionCode: '35',
      legalAddress: 'г. Вологда',
      postalAddress: 'г. Вологда',
      phone: '+7 8172 00-00-00',
      email: 'mfc@example.ru',
      headLastName: 'Громова',
      headFirstName: 'Елена',
      certificateFingerprint: 'ab'.repeat(32),
      registeredBy: head.id,
      status: 'registered',
      createdAt: now,
      updatedAt: now,
    });
    const accountIds = new Map<string, string>();
    for (const person of people) {
      const citizen = await createSimplifiedCitizen(sut, person);
      // Inside the caller's transaction, as a use-case calls it (the words go in a savepoint).
      await db().transaction((tx) =>
        insertMember(tx, {
          id: randomUUID(),
          organizationId,
          accountId: citizen.id,
          nameKey: memberNameKey(person),
          joinedAt: now,
        }),
      );
      accountIds.set(fullName(person), citizen.id);
    }
    return { organizationId, accountIds, headId: head.id };
  }

  const fullName = (p: Person) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
  const staff: Person[] = [
    { lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич' },
    { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' },
    { lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' },
    { lastName: 'Петрова', firstName: 'Ирина', middleName: 'Ивановна' },
    { lastName: 'Ёлкина', firstName: 'Анна', middleName: 'Павловна' },
    { lastName: 'Елисеев', firstName: 'Семён', middleName: null },
    { lastName: 'Петров-Водкин', firstName: 'Кузьма', middleName: 'Сергеевич' },
    { lastName: 'Сидоров', firstName: 'Алексей', middleName: 'Иванович' },
  ];
  let org: Awaited<ReturnType<typeof organizationWith>>;
  beforeAll(async () => {
    org = await organizationWith(staff);
  });
  const names = async (typed: string, limit = 10) =>
    (await suggestMembers(db(), org.organizationId, typed, limit)).map(fullName);

  it('suggests by the start of the surname, in any case, in order of name', async () => {
    expect(await names('Ив')).toEqual([
      'Иванов Иван Иванович',
      'Иванов Пётр Сергеевич',
      'Иванова Мария Петровна',
      // «Ив» is also the start of her patronymic, and of his
      'Петрова Ирина Ивановна',
      'Сидоров Алексей Иванович',
    ]);
    expect(await names('иВАНОВ')).toEqual(await names('Иванов'));
  });

  it('suggests by the start of any word of the name: the first name, the patronymic, either half of a double surname', async () => {
    expect(await names('ирин')).toEqual(['Петрова Ирина Ивановна']);
    expect(await names('павл')).toEqual(['Ёлкина Анна Павловна']);
    expect(await names('водк')).toEqual(['Петров-Водкин Кузьма Сергеевич']);
    expect(await names('Петров-Водкин')).toEqual(['Петров-Водкин Кузьма Сергеевич']);
  });

  it('needs every typed word to start a word of the name of its own, in any order', async () => {
    expect(await names('иванов п')).toEqual([
      'Иванов Пётр Сергеевич',
      'Иванова Мария Петровна',
      // «иванов» starts her patronymic, «п» her surname
      'Петрова Ирина Ивановна',
    ]);
    expect(await names('Пет Ив')).toEqual([
      'Иванов Пётр Сергеевич',
      'Иванова Мария Петровна',
      'Петрова Ирина Ивановна',
    ]);
    // «иван» would match the surname too, but the surname is taken by «иванов»
    expect(await names('иванов иван')).toEqual(['Иванов Иван Иванович']);
    expect(await names('иван иван иван')).toEqual(['Иванов Иван Иванович']);
    expect(await names('иванов иван иван иван')).toEqual([]);
    expect(await names('иванов ж')).toEqual([]);
    expect(await names('Иванов П.С.')).toEqual(['Иванов Пётр Сергеевич']);
  });

  it('takes ё and е for one letter, whichever was typed and whichever the name has', async () => {
    expect(await names('петр')).toEqual([
      'Иванов Пётр Сергеевич',
      'Иванова Мария Петровна',
      // the hyphen sorts before every letter
      'Петров-Водкин Кузьма Сергеевич',
      'Петрова Ирина Ивановна',
    ]);
    expect(await names('пётр')).toEqual(await names('петр'));
    expect(await names('елкина')).toEqual(['Ёлкина Анна Павловна']);
    expect(await names('Ёлисеев Сем')).toEqual(['Елисеев Семён']);
  });

  it('returns what the list shows: the account and the name as written', async () => {
    const [first] = await suggestMembers(db(), org.organizationId, 'елкина', 10);
    expect(first).toEqual({
      accountId: org.accountIds.get('Ёлкина Анна Павловна'),
      lastName: 'Ёлкина',
      firstName: 'Анна',
      middleName: 'Павловна',
    });
  });

  it('returns at most the limit asked, the first in order of name', async () => {
    expect(await names('ив', 2)).toEqual(['Иванов Иван Иванович', 'Иванов Пётр Сергеевич']);
  });

  it('reads the first employees in order of name for one letter, and the word index when they hold too few', async () => {
    const all = await names('и');
    expect(all.length).toBeGreaterThan(3);
    expect(await names('и', 3)).toEqual(all.slice(0, 3));
    const fewScanned = await suggestMembers(db(), org.organizationId, 'и', 3, { scanByName: 2 });
    expect(fewScanned.map(fullName)).toEqual(all.slice(0, 3));
  });

  it('agrees with matching the words one by one, for every combination of typed words', async () => {
    // The rule stated plainly: each typed word starts a different word of the name.
    const matches = (person: Person, typed: string) => {
      const wanted = typedWords(typed);
      const own = memberNameWords(memberNameKey(person));
      const used = new Set<number>();
      const assign = (i: number): boolean =>
        i === wanted.length ||
        own.some((word, j) => {
          if (used.has(j) || !word.startsWith(wanted[i]!)) return false;
          used.add(j);
          if (assign(i + 1)) return true;
          used.delete(j);
          return false;
        });
      return wanted.length > 0 && assign(0);
    };
    const tokens = [
      'и',
      'ив',
      'иванов',
      'иван',
      'п',
      'пет',
      'с',
      'серг',
      'а',
      'ан',
      'ё',
      'ел',
      'в',
      'водк',
      'ж',
    ];
    const inputs = [
      ...tokens,
      ...tokens.flatMap((a) => tokens.map((b) => `${a} ${b}`)),
      ...tokens.flatMap((a, i) => [
        `${a} ${tokens[(i + 3) % tokens.length]} ${tokens[(i + 7) % tokens.length]}`,
        `${a} ${a} ${a}`,
      ]),
    ];
    const byKey = [...staff].sort((a, b) => (memberNameKey(a) < memberNameKey(b) ? -1 : 1));
    for (const typed of inputs) {
      expect(await names(typed), typed).toEqual(byKey.filter((p) => matches(p, typed)).map(fullName));
    }
  });

  it('never suggests a removed employee, nor anyone of another organization', async () => {
    const other = await organizationWith([
      { lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич' },
      { lastName: 'Кузнецова', firstName: 'Ольга', middleName: null },
    ]);
    expect(await names('кузн')).toEqual([]);
    expect(await suggestMembers(db(), other.organizationId, 'ив', 10)).toEqual([
      {
        accountId: other.accountIds.get('Иванов Пётр Сергеевич'),
        lastName: 'Иванов',
        firstName: 'Пётр',
        middleName: 'Сергеевич',
      },
    ]);
    const member = (await findActiveMember(
      db(),
      other.organizationId,
      other.accountIds.get('Иванов Пётр Сергеевич')!,
    ))!;
    await db().transaction((tx) => removeMember(tx, member, other.headId, now));
    expect(await suggestMembers(db(), other.organizationId, 'ив', 10)).toEqual([]);
    expect(await suggestMembers(db(), other.organizationId, 'кузн', 10)).toHaveLength(1);
  });

  it("matches LIKE's wildcard characters literally, never as patterns", async () => {
    expect(await names('и')).not.toEqual([]);
    for (const typed of ['%', '_', '\\', 'и%', '%ив', 'ив_нов', 'ив\\', '\\%', '%%%% ____']) {
      expect(await names(typed), typed).toEqual([]);
    }
  });

  it('stays correct on long input: the first 100 characters and 5 words are what is searched', async () => {
    expect(await names(`Иванов П${'р'.repeat(92)}`)).toEqual([]);
    expect(await names(`${'Иванов'.padEnd(100)}Петрова`)).toEqual(await names('иванов'));
    expect(await names('и'.repeat(10_000))).toEqual([]);
    expect(await names('иванов '.repeat(1000))).toEqual([]);
    expect(await names('   ')).toEqual([]);
    expect(await names('. , -')).toEqual([]);
  });
});
