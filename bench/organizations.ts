/**
 * Member suggestions at the scale of a regional МФЦ network (issue 9, "Scale"): 100,000
 * organizations, one of them with 10,000 employees, and suggestions as an administrator types
 * answering in ≤ 20 ms p95 server time on PostgreSQL. The figure is the repository call
 * (suggestMembers) timed in this process through the same Drizzle client the server uses, over a
 * few thousand texts typed into the largest organization; beside it, measured interleaved on the
 * same table, the bare indexed query: a prefix of the whole name key, which is what the index
 * alone gives. Runs on a throwaway PostgreSQL cluster unless DATABASE_URL is set.
 *
 * BENCH_ORGANIZATIONS, BENCH_EMPLOYEES, BENCH_QUERIES change the sizes; BENCH_REUSE=1 with
 * DATABASE_URL measures data loaded before; BENCH_PGLITE=1 runs on an in-memory PGlite.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import { russianNames, seededRandom, type PersonName } from './support/russian-names.js';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const ORGANIZATIONS = Number(process.env.BENCH_ORGANIZATIONS ?? 100_000);
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 3000);
const BOUND_MS = 20;
const LIMIT = 10;
const CHUNK = 20_000;

interface Member {
  id: string;
  organizationId: string;
  accountId: string;
  isHead: boolean;
  name: PersonName;
  nameKey: string;
  removed: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(times: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

const ms = (x: number) => x.toFixed(2);

/**
 * 100,000 organizations, the largest with EMPLOYEES active employees and a tenth as many former
 * ones, written with multi-row inserts from arrays (unnest), as insertMember would have written
 * them one by one: the words of active employees only.
 */
async function load(
  run: (text: string, values?: unknown[]) => Promise<unknown>,
  memberNameKey: (name: PersonName) => string,
  memberNameWords: (nameKey: string) => string[],
): Promise<void> {
  // --- the data: 100,000 organizations, the largest with EMPLOYEES active employees ---------
  const random = seededRandom(9);
  const nextName = russianNames(2026);
  const all: Member[] = [];
  const organizationIds: string[] = [];
  const person = (organizationId: string, isHead: boolean, removed = false): Member => {
    const name = nextName();
    return {
      id: randomUUID(),
      organizationId,
      accountId: randomUUID(),
      isHead,
      name,
      nameKey: memberNameKey(name),
      removed,
    };
  };
  for (let o = 0; o < ORGANIZATIONS; o++) {
    const id = randomUUID();
    organizationIds.push(id);
    // Most organizations are small (a school, a library), a few hundred are branch networks.
    const staff =
      o === 0
        ? EMPLOYEES
        : random() < 0.003
          ? 100 + Math.floor(random() * 900)
          : Math.floor(-Math.log(1 - random()) * 2.5);
    all.push(person(id, true));
    for (let i = 1; i < staff; i++) all.push(person(id, false));
    // Staff come and go: the largest has a year's turnover of former employees.
    if (o === 0) for (let i = 0; i < EMPLOYEES / 10; i++) all.push(person(id, false, true));
  }
  const heads = new Map(all.filter((m) => m.isHead).map((m) => [m.organizationId, m]));
  const now = new Date('2026-12-02T10:00:00Z');

  for (let i = 0; i < all.length; i += CHUNK) {
    const part = all.slice(i, i + CHUNK);
    await run(
      `insert into accounts (id, level, last_name, first_name, middle_name, created_at, updated_at)
       select id, 'confirmed', l, f, m, $5, $5 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(id, l, f, m)`,
      [
        part.map((m) => m.accountId),
        part.map((m) => m.name.lastName),
        part.map((m) => m.name.firstName),
        part.map((m) => m.name.middleName),
        now,
      ],
    );
  }
  for (let i = 0; i < organizationIds.length; i += CHUNK) {
    const part = organizationIds.slice(i, i + CHUNK);
    const head = part.map((id) => heads.get(id)!);
    await run(
      `insert into organizations (id, ogrn, inn, full_name, short_name, type, region_code, legal_address,
         postal_address, phone, email, head_last_name, head_first_name, head_middle_name, status,
         certificate_fingerprint, registered_by, created_at, updated_at, registered_at)
       select id, ogrn, inn, 'Учреждение № ' || n, 'Учреждение ' || n, 'municipal_institution', '35',
         'г. Вологда', 'г. Вологда', '+7 8172 00-00-00', 'org' || n || '@example.ru', l, f, m,
         'registered', 'ab', head, $9, $9, $9
       from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::uuid[])
         as t(id, ogrn, inn, n, l, f, m, head)`,
      [
        part,
        part.map((_, k) => String(1_000_000_000_000 + i + k)),
        part.map((_, k) => String(7_000_000_000 + i + k)),
        part.map((_, k) => i + k),
        head.map((h) => h.name.lastName),
        head.map((h) => h.name.firstName),
        head.map((h) => h.name.middleName),
        head.map((h) => h.accountId),
        now,
      ],
    );
  }
  for (let i = 0; i < all.length; i += CHUNK) {
    const part = all.slice(i, i + CHUNK);
    await run(
      `insert into organization_members (id, organization_id, account_id, is_head, is_administrator, name_key,
         joined_at, removed_at)
       select id, org, account, head, head, key, $6, case when removed then $6::timestamptz end
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bool[], $5::text[], $7::bool[])
         as t(id, org, account, head, key, removed)`,
      [
        part.map((m) => m.id),
        part.map((m) => m.organizationId),
        part.map((m) => m.accountId),
        part.map((m) => m.isHead),
        part.map((m) => m.nameKey),
        now,
        part.map((m) => m.removed),
      ],
    );
    // The words, as insertMember writes them; a removed employee's are gone (removeMember).
    const words = part
      .filter((m) => !m.removed)
      .flatMap((m) => memberNameWords(m.nameKey).map((word, position) => ({ m, word, position })));
    await run(
      `insert into organization_member_words (member_id, position, organization_id, word, name_key)
       select * from unnest($1::uuid[], $2::smallint[], $3::uuid[], $4::text[], $5::text[])`,
      [
        words.map((w) => w.m.id),
        words.map((w) => w.position),
        words.map((w) => w.m.organizationId),
        words.map((w) => w.word),
        words.map((w) => w.m.nameKey),
      ],
    );
  }
}

export async function main(): Promise<void> {
  const { openPglite, openPostgres, migrate } = await import('../packages/server/src/db/client.js');
  const members = await import('../packages/server/src/repositories/organization/members.js');
  const { organizationMembers } = await import('../packages/server/src/db/schema/index.js');
  const {
    memberNameKey,
    memberNameWords,
    suggestByNameScanQuery,
    suggestMembers,
    suggestMembersQuery,
    typedWords,
  } = members;

  // BENCH_PGLITE=1: the same on an in-memory PGlite (the development database), for comparison.
  const onPglite = process.env.BENCH_PGLITE === '1';
  let databaseUrl = process.env.DATABASE_URL;
  let stopPostgres: (() => void) | null = null;
  if (!databaseUrl && !onPglite) {
    const pg = await startThrowawayPostgres(mkdtempSync(join(tmpdir(), 'openesia-bench-pg-')));
    databaseUrl = pg.url;
    stopPostgres = pg.stop;
  }
  const database = onPglite ? await openPglite(undefined) : openPostgres(databaseUrl!, 2);
  const run = (text: string, values?: unknown[]) => database.executor.executeSql(text, values);
  try {
    await migrate(database);

    const loadStart = performance.now();
    const reuse =
      process.env.BENCH_REUSE === '1' &&
      (await run('select count(*)::int as n from organizations')).rows[0].n >= ORGANIZATIONS;
    if (!reuse) await load(run, memberNameKey, memberNameWords);
    await run('vacuum analyze');
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const largest: string = (
      await run(
        `select organization_id from organization_members where removed_at is null
         group by organization_id order by count(*) desc limit 1`,
      )
    ).rows[0].organization_id;
    const counts = (
      await run(
        `select (select count(*)::int from organizations) as organizations,
           (select count(*)::int from organization_members) as members,
           (select count(*)::int from organization_members where organization_id = $1 and removed_at is not null) as former,
           (select count(*)::int from organization_member_words) as words`,
        [largest],
      )
    ).rows[0];
    const staff: PersonName[] = (
      await run(
        `select a.last_name as "lastName", a.first_name as "firstName", a.middle_name as "middleName"
         from organization_members m join accounts a on a.id = m.account_id
         where m.organization_id = $1 and m.removed_at is null order by m.id`,
        [largest],
      )
    ).rows;
    const random = seededRandom(1);

    // --- what administrators type ------------------------------------------------------------
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const prefix = (word: string, min = 1, max = 4) =>
      word.slice(0, min + Math.floor(random() * (max - min + 1)));
    const randomCase = (text: string) =>
      random() < 0.3
        ? text.toLocaleUpperCase('ru-RU')
        : random() < 0.5
          ? text
          : text.toLocaleLowerCase('ru-RU');
    type Kind =
      'surname' | 'first name' | 'patronymic' | 'surname name' | 'name surname' | 'initials' | 'no match';
    const kinds: [Kind, number][] = [
      ['surname', 0.35],
      ['first name', 0.15],
      ['patronymic', 0.1],
      ['surname name', 0.15],
      ['name surname', 0.1],
      ['initials', 0.05],
      ['no match', 0.1],
    ];
    const typedText = (kind: Kind, n: PersonName): string => {
      const middle = n.middleName ?? n.firstName;
      switch (kind) {
        case 'surname':
          return prefix(n.lastName);
        case 'first name':
          return prefix(n.firstName);
        case 'patronymic':
          return prefix(middle);
        case 'surname name':
          return `${prefix(n.lastName, 2, 8)} ${prefix(n.firstName, 1, 3)}`;
        case 'name surname':
          return `${prefix(n.firstName, 2, 4)} ${prefix(n.lastName, 2, 4)}`;
        case 'initials':
          return `${n.lastName} ${n.firstName[0]}.${middle[0]}.`;
        case 'no match':
          return `${prefix(n.lastName, 2, 4)}ъъ`;
      }
    };
    const inputs = Array.from({ length: QUERIES }, () => {
      let x = random();
      const kind = kinds.find(([, share]) => (x -= share) < 0)?.[0] ?? 'surname';
      const n = pick(staff);
      return {
        kind,
        typed: randomCase(typedText(kind, n)),
        bare: memberNameKey({ ...n, firstName: '' }).slice(0, 1 + Math.floor(random() * 4)),
      };
    });

    // --- the measurement: both queries interleaved, so a change of load weighs on both --------
    const db = database.db;
    const bareQuery = (p: string) =>
      db
        .select({ id: organizationMembers.id })
        .from(organizationMembers)
        .where(
          and(eq(organizationMembers.organizationId, largest), like(organizationMembers.nameKey, `${p}%`)),
        )
        .limit(LIMIT);
    for (const input of inputs.slice(0, 300)) {
      await suggestMembers(db, largest, input.typed, LIMIT);
      await bareQuery(input.bare);
    }
    const suggestTimes: number[] = [];
    const bareTimes: number[] = [];
    const byKind = new Map<string, number[]>();
    const shape = (typed: string) => {
      const words = typedWords(typed);
      if (words.length !== 1) return `${words.length} words`;
      return `1 word, ${Math.min(words[0]!.length, 3)}${words[0]!.length >= 3 ? '+' : ''} letter${words[0]!.length > 1 ? 's' : ''}`;
    };
    let found = 0;
    for (const input of inputs) {
      let t = performance.now();
      const rows = await suggestMembers(db, largest, input.typed, LIMIT);
      const elapsed = performance.now() - t;
      suggestTimes.push(elapsed);
      for (const key of [input.kind, shape(input.typed)])
        byKind.set(key, [...(byKind.get(key) ?? []), elapsed]);
      if (rows.length > 0) found++;
      t = performance.now();
      await bareQuery(input.bare);
      bareTimes.push(performance.now() - t);
    }

    // Hostile or degenerate input: the widest single letters, many words, the longest text.
    const hostile = [
      'а с',
      'а а а',
      'в а с',
      'а б в г д е ж з',
      '%',
      '_ _',
      '\\',
      'и'.repeat(100),
      'а '.repeat(60),
    ];
    const hostileTimes = new Map<string, number>();
    for (const typed of hostile) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await suggestMembers(db, largest, typed, LIMIT);
        times.push(performance.now() - t);
      }
      hostileTimes.set(typed, summary(times).p50);
    }

    const version = (await run('show server_version')).rows[0].server_version;
    const suggest = summary(suggestTimes);
    const bare = summary(bareTimes);
    console.log(`database: ${onPglite ? 'PGlite, ' : ''}PostgreSQL ${version}`);
    console.log(
      `organizations: ${counts.organizations}, employees: ${counts.members} (the largest organization: ${staff.length} active, ${counts.former} former), name words: ${counts.words}; ${reuse ? 'reused' : 'loaded'} in ${loadSeconds.toFixed(0)} s`,
    );
    console.log(
      `${QUERIES} typed texts in the largest organization, limit ${LIMIT}, ${found} with suggestions; server time of the repository call, in process through Drizzle (ms):`,
    );
    console.log(
      `  suggestions     p50 ${ms(suggest.p50)}  p95 ${ms(suggest.p95)}  p99 ${ms(suggest.p99)}  max ${ms(suggest.max)}`,
    );
    console.log(
      `  bare prefix     p50 ${ms(bare.p50)}  p95 ${ms(bare.p95)}  p99 ${ms(bare.p99)}  max ${ms(bare.max)}`,
    );
    for (const [kind, times] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
      const s = summary(times);
      console.log(`  ${kind.padEnd(18)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  (${times.length})`);
    }
    console.log(
      `  hostile input, p50 of 20: ${[...hostileTimes].map(([t, x]) => `${JSON.stringify(t.length > 12 ? `${t.slice(0, 6)}…(${t.length})` : t)} ${ms(x)}`).join(', ')}`,
    );
    console.log(
      `suggestions p95: ${ms(suggest.p95)} ms (bound ${BOUND_MS} ms, ratio ${(suggest.p95 / BOUND_MS).toFixed(2)})`,
    );
    console.log(`ratio to the bare indexed query (p95): ${(suggest.p95 / bare.p95).toFixed(2)}`);

    const plans = [
      ['и', suggestByNameScanQuery(db, largest, 'и', LIMIT, 1000)],
      ['ив', suggestMembersQuery(db, largest, ['ив'], LIMIT)],
      ['пет ив', suggestMembersQuery(db, largest, ['пет', 'ив'], LIMIT)],
    ] as const;
    for (const [typed, builder] of plans) {
      const query = builder.toSQL();
      const plan = await run(`explain (analyze, buffers, costs off) ${query.sql}`, query.params);
      console.log(`\nEXPLAIN ANALYZE, typed ${JSON.stringify(typed)}:`);
      for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
    }
    if (suggest.p95 > BOUND_MS) process.exitCode = 1;
  } finally {
    await database.close();
    stopPostgres?.();
  }
}
