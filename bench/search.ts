/**
 * The workstation's search at the scale of the country (issue «АРМ», "Benchmark"): a generator
 * fills 1 M accounts (PGlite) or 10 M (PostgreSQL) and each of the five kinds of key (ФИО with
 * birth date, passport, СНИЛС, phone, e-mail) is looked up for 1,000 people: p50, p95 and p99 of
 * the server time of
 * - the repository's path: findByKey then loadFound (repositories/workstation/search.ts),
 * - the bare indexed lookup of the same key (one `select account_id … where <key> = $1`),
 * - the service's search (WorkstationService.search, with its journal and «found» rows: a write
 *   per search) when the service exists,
 * printed as ratios to each other and to the aim (p95 ≤ 10 ms at 10 M); then EXPLAIN ANALYZE of
 * each query the repository sends, to see the indexes used.
 *
 * The fill is SQL (generate_series, INSERT … SELECT), the keyed hashes computed by pgcrypto's
 * hmac() with the application's key (LookupHasher's `kind:value`), the secondary indexes and
 * foreign keys of contacts and personal data dropped during the fill and made after it. Every
 * value is a function of the account's number i, so the bench knows the plain keys of the people it
 * looks up; their passport and СНИЛС are real ciphertexts (the others share one dummy ciphertext:
 * nothing decrypts them). The data stays for the next run: PGlite in .tmp/bench-search-pglite, a
 * PostgreSQL cluster in .tmp/bench-search-pg (stopped at the end, started again next time).
 *
 *   npm run bench -- search [--pg | --pglite] [--size N]     (PostgreSQL and 10 M by default)
 *
 * BENCH_QUERIES changes the number of people looked up (1000).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { russianNames, seededRandom } from './support/russian-names.js';
import { startKeptPostgres } from '../scripts/pg-throwaway.mjs';

const AIM_MS = 10;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const WARMUP = 100;
/** people looked up by a kind whose query reads a whole table (see its plan) */
const SCANNING_QUERIES = 20;
/** accounts written by one INSERT … SELECT */
const CHUNK = 500_000;
/** distinct full names the accounts draw from (with a Zipf-like spread of surnames) */
const NAMES = 100_000;
/** days of birth dates, from 1940-01-01 */
const BIRTH_DAYS = 25_567;
const ROOT = join(import.meta.dirname, '..', '.tmp');

type Kind = 'name_birth' | 'document' | 'snils' | 'phone' | 'email';
const KINDS: Kind[] = ['name_birth', 'document', 'snils', 'phone', 'email'];

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

// ---- the people: every value a function of the account's number i, in SQL and here alike ----

const LEVEL_SQL = `case when i % 10 < 2 then 'simplified' when i % 10 < 5 then 'standard' else 'confirmed' end`;
/** 20% simplified (no personal data), 30% standard, 50% confirmed; one in 200 deleted */
const hasPersonalData = (i: number) => i % 10 >= 2;
const isDeleted = (i: number) => i % 200 === 1;

const accountIdSql = (i: string) => `md5('account:' || ${i})::uuid`;
function accountId(i: number): string {
  const h = createHash('md5').update(`account:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const nameIndexSql = `(i::bigint * 48271) % ${NAMES}`;
const nameIndex = (i: number) => (i * 48271) % NAMES;
const birthSql = `to_char(date '1940-01-01' + ((i::bigint * 69621) % ${BIRTH_DAYS})::int, 'YYYY-MM-DD')`;
function birthDate(i: number): string {
  const day = (i * 69621) % BIRTH_DAYS;
  return new Date(Date.UTC(1940, 0, 1 + day)).toISOString().slice(0, 10);
}
const phoneSql = `'+79' || lpad(i::text, 9, '0')`;
const phone = (i: number) => `+79${String(i).padStart(9, '0')}`;
const emailSql = `'citizen' || i || '@example.ru'`;
const email = (i: number) => `citizen${i}@example.ru`;
/** series and number: a bijection of i onto ten digits (the multiplier is prime to 10^10) */
const passportSql = `lpad(((i::bigint * 1103515245 + 12345) % 10000000000)::text, 10, '0')`;
const passport = (i: number) =>
  ((BigInt(i) * 1103515245n + 12345n) % 10000000000n).toString().padStart(10, '0');
/** nine digits from 100-000-000 on, a bijection of i, and the control number of a real СНИЛС */
const snilsNumberSql = `(100000000 + (i::bigint * 7919) % 800000000)`;
const snilsNumber = (i: number) => 100000000 + ((i * 7919) % 800000000);
const snilsSql = (() => {
  const n = snilsNumberSql;
  const sum = Array.from({ length: 9 }, (_, k) => `(${n} / ${10 ** (8 - k)} % 10) * ${9 - k}`).join(' + ');
  return `${n}::text || lpad(((${sum}) % 101 % 100)::text, 2, '0')`;
})();
function snils(i: number): string {
  const n = String(snilsNumber(i));
  let sum = 0;
  for (let k = 0; k < 9; k++) sum += Number(n[k]) * (9 - k);
  return `${n}${String((sum % 101) % 100).padStart(2, '0')}`;
}

export async function main(args: string[]): Promise<void> {
  const onPglite = args.includes('--pglite');
  const sizeArg = args.indexOf('--size');
  const size = sizeArg >= 0 ? Number(args[sizeArg + 1]) : onPglite ? 1_000_000 : 10_000_000;
  if (!Number.isInteger(size) || size < QUERIES * 20) throw new Error(`--size: at least ${QUERIES * 20}`);

  const client = await import('../packages/server/src/db/client.js');
  const { loadConfig } = await import('../packages/server/src/config/index.js');
  const { testEnv } = await import('../packages/server/test/support/env.js');
  const { FieldCipher, LookupHasher } = await import('../packages/server/src/lib/crypto.js');
  const { nameBirthKey, passportKey } = await import('../packages/server/src/domain/workstation/search.js');
  const repository = await import('../packages/server/src/repositories/workstation/search.js');
  const schema = await import('../packages/server/src/db/schema/index.js');
  type repositoryKey = Parameters<typeof repository.findByKey>[1];
  const config = loadConfig(testEnv());
  const cipher = new FieldCipher(config.dataEncryptionKey);
  const hasher = new LookupHasher(config.lookupHashKey);

  // --- the database, kept between runs -------------------------------------------------------
  const startOpen = performance.now();
  const loadBefore = loadavg();
  let database: Awaited<ReturnType<typeof client.openPglite>>;
  let stopPostgres: (() => void) | null = null;
  // The queries as the repository sends them, for EXPLAIN (Drizzle's logger on a second handle).
  const sent: { sql: string; params: unknown[] }[] = [];
  const logger = { logQuery: (sql: string, params: unknown[]) => void sent.push({ sql, params }) };
  let capturing: typeof database.db;
  if (onPglite) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto');
    const { drizzle } = await import('drizzle-orm/pglite');
    const dir = join(ROOT, 'bench-search-pglite');
    mkdirSync(dir, { recursive: true });
    const pglite = await PGlite.create(dir, { extensions: { pgcrypto } });
    database = client.wrapPglite(pglite);
    capturing = drizzle(pglite, { schema, logger }) as unknown as typeof database.db;
  } else {
    const pg = await startKeptPostgres(join(ROOT, 'bench-search-pg'), [
      'shared_buffers=1GB',
      'maintenance_work_mem=512MB',
      'max_wal_size=8GB',
      'checkpoint_timeout=30min',
    ]);
    stopPostgres = pg.stop;
    database = client.openPostgres(pg.url, 2);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { default: pgDriver } = await import('pg');
    capturing = drizzle(new pgDriver.Pool({ connectionString: pg.url, max: 1 }), {
      schema,
      logger,
    }) as unknown as typeof database.db;
  }
  const run = (text: string, values?: unknown[]) => database.executor.executeSql(text, values);
  const db = database.db;

  try {
    await migrate();
    const filled = (await run(`select to_regclass('bench_search_state') is not null as yes`)).rows[0].yes
      ? (await run('select size, seconds from bench_search_state')).rows[0]
      : undefined;
    const openSeconds = (performance.now() - startOpen) / 1000;
    let fillReport: string;
    if (filled?.size === size) {
      fillReport = `reused (filled before in ${Math.round(filled.seconds)} s)`;
    } else {
      if (filled || (await run('select count(*)::int as n from accounts')).rows[0].n > 0) await wipe();
      fillReport = await fill();
    }

    // --- the people looked up: active, with personal data and an e-mail ----------------------
    const random = seededRandom(3);
    const chosen = new Set<number>();
    while (chosen.size < QUERIES + WARMUP) {
      const i = 1 + Math.floor(random() * size);
      if (hasPersonalData(i) && i % 2 === 0 && !isDeleted(i)) chosen.add(i);
    }
    const names = new Map(
      (
        await run('select k, last_name, first_name, middle_name from bench_search_names where k = any($1)', [
          [...chosen].map(nameIndex),
        ])
      ).rows.map((r) => [r.k as number, r]),
    );
    const people = [...chosen].map((i) => {
      const name = names.get(nameIndex(i))!;
      const doc = passport(i);
      const keys: Record<Kind, repositoryKey> = {
        name_birth: {
          kind: 'name_birth',
          hash: hasher.hash(
            'name_birth',
            nameBirthKey({
              lastName: name.last_name,
              firstName: name.first_name,
              middleName: name.middle_name,
              birthDate: birthDate(i),
            }),
          ),
        },
        document: {
          kind: 'document',
          hash: hasher.hash('passport', passportKey(doc.slice(0, 4), doc.slice(4))),
        },
        snils: { kind: 'snils', hash: hasher.hash('snils', snils(i)) },
        phone: { kind: 'phone', value: phone(i) },
        email: { kind: 'email', value: email(i) },
      };
      return { i, id: accountId(i), doc, keys };
    });

    // Real ciphertexts for them (bound to their account ids), so what the search shows decrypts.
    await run(
      `update personal_data p set passport_encrypted = t.passport, snils_encrypted = t.snils
       from unnest($1::uuid[], $2::bytea[], $3::bytea[]) as t(id, passport, snils) where p.account_id = t.id`,
      [
        people.map((p) => p.id),
        people.map((p) =>
          cipher.encryptJson(
            {
              series: p.doc.slice(0, 4),
              number: p.doc.slice(4),
              issueDate: '2010-05-20',
              issuedBy: 'ОУФМС России по Вологодской области',
              issuerCode: '350-001',
            },
            p.id,
          ),
        ),
        people.map((p) => cipher.encrypt(snils(p.i), p.id)),
      ],
    );

    // --- the bare indexed lookups of the same keys -------------------------------------------
    const bareSql: Record<Kind, string> = {
      name_birth: 'select account_id from personal_data where name_birth_lookup = $1',
      document: 'select account_id from personal_data where passport_lookup = $1',
      snils: 'select account_id from personal_data where snils_lookup = $1 and snils_claimed',
      phone: `select account_id from account_contacts where type = 'phone' and value = $1 and verified_at is not null`,
      email: `select account_id from account_contacts where type = 'email' and value = $1 and verified_at is not null`,
    };
    const keyValue = (key: repositoryKey) => ('hash' in key ? key.hash : key.value);
    const bare = (kind: Kind, key: repositoryKey) => run(bareSql[kind], [keyValue(key)]);
    const search = async (key: repositoryKey) =>
      repository.loadFound(db, await repository.findByKey(db, key));

    // Every key finds its person (the SQL hashes equal LookupHasher's), through both paths.
    for (const p of people.slice(0, 10))
      for (const kind of KINDS) {
        const found = await search(p.keys[kind]);
        const plain = (await bare(kind, p.keys[kind])).rows.map((r) => r.account_id);
        if (!found.some((r) => r.account.id === p.id) || !plain.includes(p.id))
          throw new Error(`${kind} of account ${p.i} not found: the fill and the bench disagree`);
        cipher.decryptJson(found.find((r) => r.account.id === p.id)!.personal!.passportEncrypted, p.id);
      }

    // --- the plans of what the repository sends, once per kind (printed at the end); a kind whose
    // lookup reads the whole table is measured on a few people only ------------------------------
    const plans: string[] = [];
    const scanning = new Set<Kind>();
    for (const kind of KINDS) {
      sent.length = 0;
      const key = people[0]!.keys[kind];
      await repository.loadFound(capturing, await repository.findByKey(capturing, key));
      for (const [n, query] of sent.entries()) {
        const plan = await run(`explain (analyze, buffers, costs off) ${query.sql}`, query.params);
        plans.push(`\nEXPLAIN ANALYZE, ${kind}, ${n === 0 ? 'findByKey' : `loadFound (${n})`}:`);
        for (const row of plan.rows) plans.push(`  ${row['QUERY PLAN']}`);
        if (
          plan.rows.some((row) =>
            / Seq Scan on (personal_data|account_contacts|accounts)/.test(row['QUERY PLAN']),
          )
        )
          scanning.add(kind);
      }
      const plan = await run(`explain (analyze, buffers, costs off) ${bareSql[kind]}`, [keyValue(key)]);
      plans.push(`\nEXPLAIN ANALYZE, ${kind}, the bare lookup:`);
      for (const row of plan.rows) plans.push(`  ${row['QUERY PLAN']}`);
    }

    // --- the measurement: both paths interleaved, in alternating order (the second finds the
    // first's pages in the cache) --------------------------------------------------------------
    const times = new Map(KINDS.map((k) => [k, { search: [] as number[], bare: [] as number[] }]));
    let namesakes = 0;
    for (const [n, p] of people.entries()) {
      for (const kind of KINDS) {
        if (scanning.has(kind) && (n < WARMUP || n >= WARMUP + SCANNING_QUERIES)) continue;
        const key = p.keys[kind];
        const measureSearch = async () => {
          const t = performance.now();
          const rows = await search(key);
          const elapsed = performance.now() - t;
          if (kind === 'name_birth' && rows.length > 1) namesakes++;
          return elapsed;
        };
        const measureBare = async () => {
          const t = performance.now();
          await bare(kind, key);
          return performance.now() - t;
        };
        let s: number;
        let b: number;
        if (n % 2 === 0) {
          s = await measureSearch();
          b = await measureBare();
        } else {
          b = await measureBare();
          s = await measureSearch();
        }
        if (n < WARMUP) continue;
        times.get(kind)!.search.push(s);
        times.get(kind)!.bare.push(b);
      }
    }

    // --- the report ---------------------------------------------------------------------------
    const version = (await run('show server_version')).rows[0].server_version;
    const counts = (
      await run(
        `select (select count(*)::int from accounts) as accounts,
           (select count(*)::int from account_contacts) as contacts,
           (select count(*)::int from personal_data) as personal,
           (select pg_size_pretty(pg_database_size(current_database()))) as bytes`,
      )
    ).rows[0];
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
    console.log(`database: ${onPglite ? 'PGlite, ' : ''}PostgreSQL ${version}`);
    console.log(
      `machine: ${cpus().length} cores, load average (1 / 5 / 15 min) ${load(loadBefore)} at the start, ${load(loadavg())} at the end`,
    );
    console.log(
      `accounts: ${counts.accounts} (20% simplified, 30% standard, 50% confirmed), contacts: ${counts.contacts}, personal data: ${counts.personal}, ${counts.bytes}; ${fillReport}; opened and migrated in ${openSeconds.toFixed(1)} s`,
    );
    console.log(
      `${QUERIES} people looked up by each kind of key (after ${WARMUP} to warm up); server time in process through Drizzle, ms:`,
    );
    console.log(
      `  kind          findByKey + loadFound p50 / p95 / p99      bare indexed lookup p50 / p95 / p99   ratio p95`,
    );
    for (const kind of KINDS) {
      const s = summary(times.get(kind)!.search);
      const b = summary(times.get(kind)!.bare);
      console.log(
        `  ${kind.padEnd(12)}  ${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`.padEnd(57) +
          `${ms(b.p50)} / ${ms(b.p95)} / ${ms(b.p99)}`.padEnd(38) +
          `${(s.p95 / b.p95).toFixed(2)}`,
      );
    }
    console.log(`  (${namesakes} of ${QUERIES + WARMUP} ФИО-and-birth-date keys found namesakes too)`);
    for (const kind of scanning)
      console.log(
        `  ${kind}: findByKey reads a whole table (a Seq Scan in its plan below), measured on ${SCANNING_QUERIES} people only`,
      );
    let worst = 0;
    for (const kind of KINDS) {
      const p95 = summary(times.get(kind)!.search).p95;
      worst = Math.max(worst, p95);
      console.log(`${kind} p95 ${ms(p95)} ms (${(p95 / AIM_MS).toFixed(2)} of the ${AIM_MS} ms aim)`);
    }

    for (const line of plans) console.log(line);
    if (worst > AIM_MS && size >= 10_000_000) process.exitCode = 1;
  } finally {
    await database.close();
    stopPostgres?.();
  }

  async function migrate(): Promise<void> {
    await client.migrate(database);
    await run('create extension if not exists pgcrypto');
  }

  /** Another size than the one kept: the schema again from the migrations. */
  async function wipe(): Promise<void> {
    await run('drop schema public cascade');
    await run('drop schema if exists drizzle cascade');
    await run('create schema public');
    await migrate();
  }

  async function fill(): Promise<string> {
    const start = performance.now();
    const phase = (what: string, from: number) =>
      console.log(`  ${what}: ${((performance.now() - from) / 1000).toFixed(0)} s`);
    console.log(`filling ${size} accounts (${onPglite ? 'PGlite' : 'PostgreSQL'}):`);

    // The names: a table the fill joins, with the normalized prefix of the name-and-birth key.
    await run(
      `create table bench_search_names (k int primary key, last_name text not null, first_name text not null,
         middle_name text, gender text not null, key_prefix text not null)`,
    );
    const next = russianNames(2026);
    const list = Array.from({ length: NAMES }, () => next());
    await run(
      `insert into bench_search_names
       select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        list.map((_, k) => k),
        list.map((n) => n.lastName),
        list.map((n) => n.firstName),
        list.map((n) => n.middleName),
        list.map((n) => (n.middleName?.endsWith('на') ? 'F' : 'M')),
        // nameBirthKey of the name with an empty date: what precedes the date in the key
        list.map((n) => nameBirthKey({ ...n, birthDate: '' })),
      ],
    );

    // Secondary indexes and foreign keys of the two big child tables: dropped now, made after.
    const tables = `('account_contacts'::regclass, 'personal_data'::regclass)`;
    const foreignKeys = (
      await run(
        `select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def
         from pg_constraint where contype = 'f' and conrelid in ${tables}`,
      )
    ).rows;
    const indexes = (
      await run(
        `select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
         join pg_class c on c.oid = i.indexrelid
         where i.indrelid in ${tables} and not i.indisprimary`,
      )
    ).rows;
    for (const fk of foreignKeys) await run(`alter table ${fk.tbl} drop constraint ${fk.conname}`);
    for (const index of indexes) await run(`drop index ${index.name}`);

    const at = new Date('2026-01-15T09:00:00Z');
    const dummy = cipher.encrypt('{}', 'bench');
    const key = config.lookupHashKey;
    const hmac = (text: string) => `encode(hmac(convert_to(${text}, 'UTF8'), $4::bytea, 'sha256'), 'hex')`;
    let t = performance.now();
    for (let from = 1; from <= size; from += CHUNK) {
      const to = Math.min(size, from + CHUNK - 1);
      await run(
        `insert into accounts (id, level, status, last_name, first_name, middle_name, confirmation_method,
           confirmed_at, created_at, updated_at)
         select ${accountIdSql('i')}, ${LEVEL_SQL}, case when i % 200 = 1 then 'deleted' else 'active' end,
           n.last_name, n.first_name, n.middle_name,
           case when i % 10 >= 5 then 'service_center' end, case when i % 10 >= 5 then $3::timestamptz end, $3::timestamptz, $3::timestamptz
         from generate_series($1::int, $2::int) as i join bench_search_names n on n.k = ${nameIndexSql}`,
        [from, to, at],
      );
      await run(
        `insert into account_contacts (id, account_id, type, value, verified_at, created_at)
         select md5('phone:' || i)::uuid, ${accountIdSql('i')}, 'phone', ${phoneSql}, $3::timestamptz, $3::timestamptz
         from generate_series($1::int, $2::int) as i
         union all
         select md5('email:' || i)::uuid, ${accountIdSql('i')}, 'email', ${emailSql}, $3::timestamptz, $3::timestamptz
         from generate_series($1::int, $2::int) as i where i % 2 = 0`,
        [from, to, at],
      );
      await run(
        `insert into personal_data (account_id, gender, birth_date, birth_place, citizenship,
           passport_encrypted, passport_lookup, snils_encrypted, snils_lookup, name_birth_lookup,
           verification_state, snils_check, passport_check, submitted_at, completed_at)
         select ${accountIdSql('i')}, n.gender, b.birth, 'г. Вологда', 'RUS',
           $5, ${hmac(`'passport:' || ${passportSql}`)}, $5, ${hmac(`'snils:' || ${snilsSql}`)},
           ${hmac(`'name_birth:' || n.key_prefix || b.birth`)}, 'passed', 'passed', 'passed', $3::timestamptz, $3::timestamptz
         from generate_series($1::int, $2::int) as i
           join bench_search_names n on n.k = ${nameIndexSql}
           cross join lateral (select ${birthSql} as birth) b
         where i % 10 >= 2`,
        [from, to, at, key, dummy],
      );
      const rate = to / ((performance.now() - t) / 1000);
      process.stdout.write(`\r  rows: ${to} accounts, ${Math.round(rate)} accounts/s   `);
    }
    console.log();
    phase('rows', t);
    t = performance.now();
    for (const index of indexes) await run(index.def);
    phase(`${indexes.length} indexes`, t);
    t = performance.now();
    for (const fk of foreignKeys) await run(`alter table ${fk.tbl} add constraint ${fk.conname} ${fk.def}`);
    phase(`${foreignKeys.length} foreign keys`, t);
    t = performance.now();
    await run('vacuum analyze accounts');
    await run('vacuum analyze account_contacts');
    await run('vacuum analyze personal_data');
    phase('vacuum analyze', t);
    const seconds = (performance.now() - start) / 1000;
    await run('create table bench_search_state (size int not null, seconds real not null)');
    await run('insert into bench_search_state values ($1, $2)', [size, seconds]);
    return `filled in ${seconds.toFixed(0)} s (${Math.round(size / seconds)} accounts/s with indexes)`;
  }
}
