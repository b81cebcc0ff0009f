/**
 * `npm run bench -- oidc` (issue 13): whole authorization code flows with password sign-in per
 * second per core — authorize, our sign-in API (argon2id), the interaction, consent, the code, the
 * token with PKCE — on PostgreSQL, beside bare node-oidc-provider with its in-memory store and the
 * same argon2id check in a minimal sign-in (bench/support/bare-oidc.ts), in the same run. Then
 * `client_credentials` grants and `/rs/prns` reads per second, each measured once the server
 * offers it. Prints each ratio on its own line, the first `full flow ratio: X.XX` (aim >= 0.8),
 * and Keycloak's published sizing beside ours.
 *
 * Each server runs in its own process, the load generator in another (bench/support/oidc-load.ts).
 * "Per core" divides by the CPU seconds the server process used during the run (as bench login),
 * so the load generator sharing the machine does not skew it; PostgreSQL's own CPU is printed
 * too, with the ratio it gives when it is counted as OpenESIA's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processCpuSeconds } from './support/process-cpu.js';
import type { LoadPlan, LoadResult } from './support/oidc-load.js';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const root = join(import.meta.dirname, '..');
const MEASURE_S = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
/**
 * People new to the system for every flow of OpenESIA's warm-up (a third) and run (the rest): a
 * returning one would skip the consent. The bare provider's people are as many, in its memory.
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 4000);
const BARE_PEOPLE = 40_000;
const SCOPE = 'openid fullname';
const IDLE_S = 5;
const PASSWORD = 'Нагрузка-Зима-2026';

/** Published for comparison (Keycloak's sizing guide, per vCPU). */
const KEYCLOAK = { passwordLogins: 15, clientCredentials: 120 };

interface Measured {
  result: LoadResult;
  wall: number;
  cpu: number;
  /** PostgreSQL's CPU seconds in the same time (OpenESIA only, on the throwaway cluster) */
  pgCpu: number | null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

/** CPU seconds of the cluster: the postmaster with its exited children, and the live ones. */
function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stat = readFileSync(`/proc/${postmaster}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime (fields 14-17 of proc(5))
  let seconds = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === postmaster)
        seconds += processCpuSeconds(Number(pid));
    } catch {
      /* ended meanwhile */
    }
  }
  return seconds;
}

function runLoad(plan: LoadPlan, onStart: () => void): Promise<LoadResult> {
  const file = join(mkdtempSync(join(tmpdir(), 'openesia-bench-oidc-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/support/oidc-load.ts'), file],
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
    );
    child.on('message', (message) => message === 'started' && onStart());
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

/** One load run against one server, with that server's CPU (and PostgreSQL's) over it. */
async function measure(plan: LoadPlan, server: ChildProcess, pgDir: string | null): Promise<Measured> {
  let cpuBefore = 0;
  let pgBefore = 0;
  let wallBefore = 0;
  const result = await runLoad(plan, () => {
    cpuBefore = processCpuSeconds(server.pid!);
    pgBefore = pgDir ? postgresCpuSeconds(pgDir) : 0;
    wallBefore = Date.now();
  });
  return {
    result,
    wall: (Date.now() - wallBefore) / 1000,
    cpu: processCpuSeconds(server.pid!) - cpuBefore,
    pgCpu: pgDir ? postgresCpuSeconds(pgDir) - pgBefore : null,
  };
}

/** The server's statement counts so far (count-sql.mjs writes them on SIGUSR2). */
async function sqlCounts(server: ChildProcess, file: string): Promise<Record<string, number>> {
  writeFileSync(file, '');
  server.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const text = readFileSync(file, 'utf8');
    if (text) return JSON.parse(text) as Record<string, number>;
  }
  throw new Error('the server wrote no SQL counts');
}

function printSqlPerFlow(before: Record<string, number>, after: Record<string, number>, flows: number) {
  const rows = Object.entries(after)
    .map(([key, n]) => [key, (n - (before[key] ?? 0)) / flows] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  console.log(`SQL statements a flow (OpenESIA's run): ${total.toFixed(1)}`);
  for (const [key, n] of rows.filter(([, n]) => n >= 0.05)) console.log(`  ${n.toFixed(2)}  ${key}`);
}

/** The two halves of the bound's run, before and after ours, as one. */
function joined(a: Measured, b: Measured): Measured {
  return {
    result: {
      ...a.result,
      ok: a.result.ok + b.result.ok,
      failed: a.result.failed + b.result.failed,
      errors: [...a.result.errors, ...b.result.errors],
      p50: Math.round((a.result.p50 + b.result.p50) / 2),
      p99: Math.max(a.result.p99, b.result.p99),
    },
    wall: a.wall + b.wall,
    cpu: a.cpu + b.cpu,
    pgCpu: null,
  };
}

/** People to sign in: simplified accounts with a verified phone and one password hash, in the database. */
async function createPeople(databaseUrl: string, count: number, phc: string) {
  const { openPostgres } = await import('../packages/server/src/db/client.js');
  const { accountContacts, accounts } = await import('../packages/server/src/db/schema/index.js');
  const database = openPostgres(databaseUrl, 2);
  const people: { login: string; password: string }[] = [];
  const now = new Date();
  try {
    for (let start = 0; start < count; start += 500) {
      const batch = Array.from({ length: Math.min(500, count - start) }, (_, j) => {
        const i = start + j;
        return { id: randomUUID(), login: `+7951${String(i).padStart(7, '0')}`, i };
      });
      await database.db.transaction(async (tx) => {
        await tx.insert(accounts).values(
          batch.map((p) => ({
            id: p.id,
            level: 'simplified' as const,
            lastName: 'Нагрузочный',
            firstName: `Тест${p.i}`,
            passwordHash: phc,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await tx.insert(accountContacts).values(
          batch.map((p) => ({
            id: randomUUID(),
            accountId: p.id,
            type: 'phone' as const,
            value: p.login,
            verifiedAt: now,
            createdAt: now,
          })),
        );
      });
      people.push(...batch.map((p) => ({ login: p.login, password: PASSWORD })));
    }
  } finally {
    await database.close();
  }
  return people;
}

/** The bare provider's people: logins it knows in memory, each with the same password hash. */
export function bareLogin(i: number): string {
  return `+7952${String(i).padStart(7, '0')}`;
}

/** Whether the server offers the grant yet (its discovery document says so). */
async function grantOffered(url: string, grant: string): Promise<boolean> {
  const res = await fetch(`${url}/oidc/.well-known/openid-configuration`);
  const metadata = (await res.json()) as { grant_types_supported?: string[] };
  return metadata.grant_types_supported?.includes(grant) ?? false;
}

/** A system that reads on its own behalf: registered and approved from the console, as an operator does. */
function registerServiceClient(env: NodeJS.ProcessEnv): { clientId: string; secret: string } {
  const clientId = 'BENCH_SERVICE';
  const cli = (...args: string[]) => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'packages/server/src/cli.ts'), 'oidc-client', ...args],
      { env, encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`oidc-client ${args[0]}: ${run.stderr || run.stdout}`);
    return run.stdout;
  };
  const registered = cli(
    'register',
    '--client-id',
    clientId,
    '--name',
    'Нагрузочная система',
    '--scopes',
    'openid usr_org',
    '--grant-types',
    'client_credentials',
  );
  cli('approve', '--client-id', clientId);
  const secret = /client_secret \(shown once\): (\S+)/.exec(registered)?.[1];
  if (!secret) throw new Error(`no client secret in: ${registered}`);
  return { clientId, secret };
}

/**
 * `client_credentials` grants per second per core, or why not: the grant is measured once
 * discovery lists it (issue 13's claims work switched it on).
 */
async function measureClientCredentials(
  plan: LoadPlan,
  server: ChildProcess,
): Promise<{ measured: Measured } | { missing: string }> {
  if (!(await grantOffered(plan.url, 'client_credentials')))
    return { missing: 'the server does not offer the grant (grant_types_supported)' };
  const measured = await measure(plan, server, null);
  if (measured.result.ok === 0) return { missing: `every grant refused (${measured.result.failed})` };
  return { measured };
}

/**
 * `/rs/prns/{oid}` reads per second (the ESIA-compatible REST interface), or why not yet: it needs
 * an ESIA access token, which the ESIA-compatible token endpoint gives once it is built.
 */
async function measurePrnsReads(url: string): Promise<{ perSecond: number } | { missing: string }> {
  const probe = await fetch(`${url}/rs/prns/1000000001`);
  if (probe.status === 404 && !(await probe.text()).includes('ESIA'))
    return { missing: 'the server has no /rs/prns yet (the ESIA-compatible interface)' };
  return {
    missing: 'the load needs ESIA access tokens (a GOST-signed client secret per system): not scripted yet',
  };
}

export async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL;
  let pgDir: string | null = null;
  let stopPostgres: (() => void) | null = null;
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'openesia-bench-pg-'));
    const pg = await startThrowawayPostgres(dir);
    databaseUrl = pg.url;
    stopPostgres = pg.stop;
    pgDir = join(dir, 'data');
  }
  const checkpointFile = join(mkdtempSync(join(tmpdir(), 'openesia-bench-audit-')), 'checkpoints.log');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles our server under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_COUNT_SQL=1: the SQL statements of our measured run, per flow (count-sql.mjs).
  const sqlCountFile = process.env.BENCH_COUNT_SQL
    ? join(mkdtempSync(join(tmpdir(), 'openesia-bench-sql-')), 'counts.json')
    : null;
  if (sqlCountFile) nodeArgs.push('--import', join(root, 'bench/support/count-sql.mjs'));
  const ours = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(root, 'packages/server/src/main.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        // The issuer is the address the load generator reaches.
        PUBLIC_URL: url,
        APP_ENV: 'development',
        // The demo seed registers and approves «Портал услуг (демо)», the client of the load.
        DEMO_MODE: 'true',
        LOG_LEVEL: 'warn',
        AUDIT_CHECKPOINT_FILE: checkpointFile,
        RATE_LIMITS: 'false',
        SIMULATOR_FAILURE_RATE: '0',
        ...(sqlCountFile ? { BENCH_SQL_COUNT_FILE: sqlCountFile } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let bare: ChildProcess | null = null;
  try {
    const { hashPassword } = await import('../packages/server/src/lib/passwords.js');
    const { DEMO_CLIENT } = await import('../packages/server/src/services/oidc/clients.js');
    const { oidcScopeClaims, oidcScopes } = await import('@openesia/contracts');
    const phc = await hashPassword(PASSWORD);
    await waitForHealth(url, ours);
    const people = await createPeople(databaseUrl, PEOPLE, phc);

    const barePort = await freePort();
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const bareFile = join(mkdtempSync(join(tmpdir(), 'openesia-bench-bare-')), 'setup.json');
    const bareClient = { id: DEMO_CLIENT.clientId, secret: DEMO_CLIENT.secret };
    writeFileSync(
      bareFile,
      JSON.stringify({
        issuer: `${bareUrl}/oidc`,
        client: { ...bareClient, redirectUri: `${bareUrl}${DEMO_CLIENT.callbackPath}` },
        scopes: oidcScopes,
        claims: oidcScopeClaims,
        people: { count: BARE_PEOPLE, phc },
      }),
    );
    const bareProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/support/bare-oidc.ts'), String(barePort), bareFile],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    bare = bareProcess;
    await new Promise<void>((resolve, reject) => {
      bareProcess.once('message', () => resolve());
      bareProcess.once('exit', (code) => reject(new Error(`bare provider exited ${code}`)));
    });

    // Each run takes its own people, so each flow signs in someone new to the system.
    const barePeople = Array.from({ length: BARE_PEOPLE }, (_, i) => ({
      login: bareLogin(i),
      password: PASSWORD,
    }));
    const flowPlan = (target: 'openesia' | 'bare', seconds: number, share: LoadPlan['people']): LoadPlan => {
      const base = target === 'openesia' ? url : bareUrl;
      return {
        mode: 'flow',
        target,
        url: base,
        clientId: DEMO_CLIENT.clientId,
        clientSecret: DEMO_CLIENT.secret,
        redirectUri: `${base}${DEMO_CLIENT.callbackPath}`,
        scope: SCOPE,
        seconds,
        connections: CONNECTIONS,
        people: share,
      };
    };
    // Warm-up (JIT, pools, caches) of each, then the bound in two halves around ours, so a change
    // in the machine's load during the run weighs on both sides.
    const third = Math.floor(PEOPLE / 3);
    const bareQuarter = BARE_PEOPLE / 4;
    await measure(flowPlan('openesia', WARMUP_S, people.slice(0, third)), ours, null);
    await measure(flowPlan('bare', WARMUP_S, barePeople.slice(0, bareQuarter)), bareProcess, null);
    // What each server spends with no request at all (job polling, timers), part of every flow's
    // share of its CPU above: the lower the throughput (a busy machine), the larger that share.
    const idle = async (server: ChildProcess) => {
      const before = processCpuSeconds(server.pid!);
      await new Promise((r) => setTimeout(r, IDLE_S * 1000));
      return (processCpuSeconds(server.pid!) - before) / IDLE_S;
    };
    const idleOurs = await idle(ours);
    const idleBare = await idle(bareProcess);
    const bareBefore = await measure(
      flowPlan('bare', MEASURE_S / 2, barePeople.slice(bareQuarter, 2 * bareQuarter)),
      bareProcess,
      null,
    );
    const sqlBefore = sqlCountFile ? await sqlCounts(ours, sqlCountFile) : null;
    const our = await measure(flowPlan('openesia', MEASURE_S, people.slice(third)), ours, pgDir);
    const sqlAfter = sqlCountFile ? await sqlCounts(ours, sqlCountFile) : null;
    const bareAfter = await measure(
      flowPlan('bare', MEASURE_S / 2, barePeople.slice(2 * bareQuarter)),
      bareProcess,
      null,
    );
    const bound = joined(bareBefore, bareAfter);

    const perCore = (m: Measured) => m.result.ok / m.cpu;
    const describe = (name: string, m: Measured) =>
      `${name}: ${m.result.ok} flows ok, ${m.result.failed} failed in ${m.wall.toFixed(1)} s, ` +
      `${(m.result.ok / m.wall).toFixed(1)}/s (p50 ${m.result.p50} ms, p99 ${m.result.p99} ms), ` +
      `${m.result.requestsPerFlow} requests a flow, server CPU ${m.cpu.toFixed(1)} s = ` +
      `${((1000 * m.cpu) / m.result.ok).toFixed(1)} ms a flow, ${perCore(m).toFixed(1)} flows/s per core`;
    console.log(`database: PostgreSQL (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'throwaway cluster'})`);
    console.log(
      `load: ${CONNECTIONS} browsers at once, each flow a new browser and a person new to the system`,
    );
    console.log(describe('OpenESIA', our));
    console.log(describe('bare node-oidc-provider', bound));
    for (const m of [our, bound])
      for (const error of m.result.errors) console.log(`  failure: ${error.slice(0, 300)}`);
    const ratio = perCore(our) / perCore(bound);
    console.log(`full flow ratio: ${ratio.toFixed(2)}`);
    console.log(
      `idle server CPU: OpenESIA ${(1000 * idleOurs).toFixed(0)} ms/s (job polling), bare ${(1000 * idleBare).toFixed(0)} ms/s`,
    );
    // The same with each server's idle CPU set aside: what a flow itself costs, whatever the rate.
    const busyPerCore = (m: Measured, idlePerSecond: number) =>
      m.result.ok / Math.max(m.cpu - idlePerSecond * m.wall, 1e-9);
    console.log(
      `full flow ratio without the idle CPU: ${(busyPerCore(our, idleOurs) / busyPerCore(bound, idleBare)).toFixed(2)} (${busyPerCore(our, idleOurs).toFixed(1)} / ${busyPerCore(bound, idleBare).toFixed(1)} flows/s per core)`,
    );
    if (sqlBefore && sqlAfter) printSqlPerFlow(sqlBefore, sqlAfter, our.result.ok);
    if (our.pgCpu !== null) {
      const withPg = our.result.ok / (our.cpu + our.pgCpu);
      console.log(
        `PostgreSQL CPU during OpenESIA's run: ${our.pgCpu.toFixed(1)} s = ${((1000 * our.pgCpu) / our.result.ok).toFixed(1)} ms a flow`,
      );
      console.log(`full flow ratio counting PostgreSQL's CPU: ${(withPg / perCore(bound)).toFixed(2)}`);
    }

    const serviceEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      AUDIT_CHECKPOINT_FILE: checkpointFile,
    };
    const service = registerServiceClient(serviceEnv);
    const ccPlan = (target: 'openesia' | 'bare'): LoadPlan => ({
      ...flowPlan(target, MEASURE_S / 2, []),
      ...(target === 'openesia' ? { clientId: service.clientId, clientSecret: service.secret } : {}),
      mode: 'client_credentials',
      // ESIA-style: a system reading on its own behalf asks for no personal scope.
      scope: '',
      people: [],
    });
    const ccBare = await measure(ccPlan('bare'), bareProcess, null);
    const ccOurs = await measureClientCredentials(ccPlan('openesia'), ours);
    console.log(
      `bare node-oidc-provider: ${perCore(ccBare).toFixed(0)} client_credentials grants/s per core (${(ccBare.result.ok / ccBare.wall).toFixed(0)}/s)`,
    );
    if ('measured' in ccOurs) {
      const m = ccOurs.measured;
      console.log(
        `OpenESIA: ${perCore(m).toFixed(0)} client_credentials grants/s per core (${(m.result.ok / m.wall).toFixed(0)}/s, ${m.result.failed} failed)`,
      );
      console.log(`client_credentials ratio: ${(perCore(m) / perCore(ccBare)).toFixed(2)}`);
    } else {
      console.log(`client_credentials ratio: not measured (${ccOurs.missing})`);
    }
    const prns = await measurePrnsReads(url);
    if ('perSecond' in prns) console.log(`/rs/prns reads per second: ${prns.perSecond.toFixed(0)}`);
    else console.log(`/rs/prns reads: not measured (${prns.missing})`);

    console.log(
      `Keycloak, published sizing per vCPU: ${KEYCLOAK.passwordLogins} password logins/s, ${KEYCLOAK.clientCredentials} client credentials grants/s`,
    );
    console.log(
      `OpenESIA per core: ${perCore(our).toFixed(1)} whole flows with password sign-in/s (${(perCore(our) / KEYCLOAK.passwordLogins).toFixed(1)}x Keycloak's password logins)` +
        ('measured' in ccOurs
          ? `, ${perCore(ccOurs.measured).toFixed(0)} client credentials grants/s (${(perCore(ccOurs.measured) / KEYCLOAK.clientCredentials).toFixed(1)}x)`
          : ''),
    );

    // Every sign-in and consent wrote an audit entry under load: the chain must still verify.
    const chain = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'packages/server/src/cli.ts'), 'audit-verify'],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'warn',
          AUDIT_CHECKPOINT_FILE: checkpointFile,
        },
        encoding: 'utf8',
      },
    );
    const verdict = (chain.stdout.trim() || chain.stderr.trim()).split('\n').pop();
    console.log(`audit chain after the run: ${chain.status === 0 ? 'verified' : 'BROKEN'} (${verdict})`);
    if (our.result.failed > 0 || bound.result.failed > 0 || chain.status !== 0) process.exitCode = 1;
  } finally {
    bare?.kill('SIGTERM');
    ours.kill('SIGTERM');
    await new Promise((r) => (ours.exitCode !== null ? r(null) : ours.once('exit', r)));
    stopPostgres?.();
  }
}
