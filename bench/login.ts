/**
 * Password sign-ins per second per core through the real HTTP path, beside the bound: argon2id
 * verifications per second per core, measured in the same run (issue: ratio >= 0.85).
 *
 * The server runs in its own process on PostgreSQL (a throwaway cluster when DATABASE_URL is not
 * set); the load generator (autocannon) runs in another. "Per core" divides by the CPU seconds the
 * server process actually used, so the load generator sharing the machine does not skew it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { processCpuSeconds, threadCpuSeconds } from './support/process-cpu.js';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const root = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200);
const IDLE_S = 5;
// Long enough for V8 to optimise the request path: after 3 s (a few hundred sign-ins on a loaded
// machine) the profile still showed most of it in baseline code and TurboFan compiling it on
// helper threads during the measured load, a cost a running server has paid long before.
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 12);
// The bound is measured in two halves, just before and just after the load, so a change in the
// machine's load during the run weighs on both sides rather than on the bound alone.
const BOUND_S = 5;

/**
 * Bare argon2id verifications and the CPU seconds they took, `parallel` at a time (the server runs
 * one per core at a time, lib/passwords.ts; two 19 MiB hashes at once share the caches and memory
 * bandwidth). Same library, same parameters and the same libuv pool as the server.
 */
async function argon2Run(seconds: number, parallel = 1): Promise<{ n: number; cpu: number }> {
  const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
  const phc = await hash('bench-password-Зима2026', options);
  const start = process.cpuUsage();
  const deadline = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (Date.now() < deadline) {
        if (!(await verify(phc, 'bench-password-Зима2026'))) throw new Error('verify failed');
        n++;
      }
    }),
  );
  const used = process.cpuUsage(start);
  return { n, cpu: (used.user + used.system) / 1e6 };
}

/** Half of each bound's measurement: one at a time, and as many at once as the server runs. */
async function boundHalf(
  slots: number,
): Promise<{ one: { n: number; cpu: number }; all: { n: number; cpu: number } }> {
  const one = await argon2Run(BOUND_S / 2, 1);
  const all = slots > 1 ? await argon2Run(BOUND_S / 2, slots) : one;
  return { one, all };
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

/** Runs the load generator; `onStart` is called when it begins sending (its own start-up is not load). */
function runLoad(url: string, file: string, seconds: number, onStart?: () => void): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'bench/support/login-load.ts'),
        url,
        file,
        String(seconds),
        String(CONNECTIONS),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      },
    );
    child.on('message', (message) => message === 'started' && onStart?.());
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

/** People to sign in: simplified accounts with a verified phone, written straight into the database. */
async function createPeople(
  databaseUrl: string,
  count: number,
): Promise<{ login: string; password: string }[]> {
  const { openPostgres } = await import('../packages/server/src/db/client.js');
  const { accountContacts, accounts } = await import('../packages/server/src/db/schema/index.js');
  const { hashPassword } = await import('../packages/server/src/lib/passwords.js');
  const { randomUUID } = await import('node:crypto');
  const database = openPostgres(databaseUrl, 2);
  const people: { login: string; password: string }[] = [];
  const now = new Date();
  try {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const phone = `+7950${String(Date.now() % 1000).padStart(3, '0')}${String(i).padStart(4, '0')}`;
      const password = `Нагрузка-${i}-${randomUUID().slice(0, 8)}`;
      const passwordHash = await hashPassword(password);
      await database.db.transaction(async (tx) => {
        await tx.insert(accounts).values({
          id,
          level: 'simplified',
          lastName: 'Нагрузочный',
          firstName: `Тест${i}`,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        await tx.insert(accountContacts).values({
          id: randomUUID(),
          accountId: id,
          type: 'phone',
          value: phone,
          verifiedAt: now,
          createdAt: now,
        });
      });
      people.push({ login: phone, password });
    }
  } finally {
    await database.close();
  }
  return people;
}

export async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL;
  let stopPostgres: (() => void) | null = null;
  if (!databaseUrl) {
    const pg = await startThrowawayPostgres(mkdtempSync(join(tmpdir(), 'openesia-bench-pg-')));
    databaseUrl = pg.url;
    stopPostgres = pg.stop;
  }
  // This run's database is new: so is the file its audit checkpoints go to.
  const checkpointFile = join(mkdtempSync(join(tmpdir(), 'openesia-bench-audit-')), 'checkpoints.log');
  const port = 3900 + Math.floor(Math.random() * 90);
  const url = `http://127.0.0.1:${port}`;
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(root, 'packages/server/src/main.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_ENV: 'development',
        DEMO_MODE: 'true',
        LOG_LEVEL: 'warn',
        AUDIT_CHECKPOINT_FILE: checkpointFile,
        RATE_LIMITS: 'false',
        SIMULATOR_FAILURE_RATE: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  try {
    await waitForHealth(url, server);
    const people = await createPeople(databaseUrl, PEOPLE);
    const session = await fetch(`${url}/api/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const probe = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(people[0]),
    });
    if (!probe.ok) throw new Error(`sign-in failed: ${probe.status} ${await probe.text()}`);
    const loadFile = join(mkdtempSync(join(tmpdir(), 'openesia-bench-')), 'logins.json');
    writeFileSync(loadFile, JSON.stringify({ cookie, csrfToken, logins: people }));

    const warmup = await runLoad(url, loadFile, WARMUP_S); // JIT, pools, caches
    // What the server spends with no request at all (job polling, timers), counted in every
    // sign-in's share of the CPU below: the lower the throughput, the larger that share.
    const idleBefore = threadCpuSeconds(server.pid!);
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const idleAfter = threadCpuSeconds(server.pid!);
    const idleMainPerSecond = (idleAfter.main - idleBefore.main) / IDLE_S;
    const idleOthersPerSecond = (idleAfter.others - idleBefore.others) / IDLE_S;
    const serverSlots = Math.max(1, availableParallelism());
    const boundBefore = await boundHalf(serverSlots);
    // Counted from the moment the load generator starts sending, not from its process start.
    let cpuBefore = 0;
    let threadsBefore = { main: 0, others: 0 };
    let wallBefore = 0;
    const result = await runLoad(url, loadFile, DURATION_S, () => {
      cpuBefore = processCpuSeconds(server.pid!);
      threadsBefore = threadCpuSeconds(server.pid!);
      wallBefore = Date.now();
    });
    if (!wallBefore) throw new Error('the load generator did not report its start');
    const wall = (Date.now() - wallBefore) / 1000;
    const cpu = processCpuSeconds(server.pid!) - cpuBefore;
    const threadsAfter = threadCpuSeconds(server.pid!);
    const ok = result['2xx'] as number;
    const failed = result.non2xx + result.errors + result.timeouts;

    const boundAfter = await boundHalf(serverSlots);
    const rate = (a: { n: number; cpu: number }, b: { n: number; cpu: number }) =>
      (a.n + b.n) / (a.cpu + b.cpu);
    const oneBound = rate(boundBefore.one, boundAfter.one);
    const parallelBound = rate(boundBefore.all, boundAfter.all);
    // The bound is the better of the two, never the lower: the server is not flattered by a slower one.
    const bound = Math.max(oneBound, parallelBound);
    const perSecond = ok / wall;
    const perCore = ok / cpu;
    console.log(`database: PostgreSQL (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'throwaway cluster'})`);
    console.log(`warm-up: ${warmup['2xx']} sign-ins in ${WARMUP_S} s`);
    console.log(
      `sign-ins: ${ok} ok, ${failed} failed, in ${wall.toFixed(1)} s with ${CONNECTIONS} connections, ${PEOPLE} different people`,
    );
    console.log(
      `sign-ins per second: ${perSecond.toFixed(1)} (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`,
    );
    console.log(`server CPU: ${cpu.toFixed(1)} s = ${(cpu / wall).toFixed(2)} cores busy`);
    // Where the server's CPU went: the event loop (HTTP, validation, SQL drivers, audit hashing)
    // and the other threads (libuv's pool running argon2, V8's helpers).
    const ms = (seconds: number) => ((1000 * seconds) / ok).toFixed(1);
    const mainThread = threadsAfter.main - threadsBefore.main;
    const otherThreads = threadsAfter.others - threadsBefore.others;
    console.log(
      `server CPU per sign-in: ${ms(cpu)} ms (main thread ${ms(mainThread)} ms, other threads ${ms(otherThreads)} ms); one bare argon2id verification: ${(1000 / oneBound).toFixed(1)} ms`,
    );
    console.log(
      `idle server CPU: ${(1000 * idleMainPerSecond).toFixed(0)} ms/s main thread, ${(1000 * idleOthersPerSecond).toFixed(0)} ms/s other threads`,
    );
    console.log(`sign-ins per second per core: ${perCore.toFixed(1)}`);
    console.log(
      `argon2id verifications per second per core: ${oneBound.toFixed(1)} one at a time, ${parallelBound.toFixed(1)} ${serverSlots} at a time (as the server runs them); bound: ${bound.toFixed(1)}`,
    );
    console.log(`ratio: ${(perCore / bound).toFixed(2)} (${perCore.toFixed(1)} / ${bound.toFixed(1)})`);
    // Both, so neither is hidden: two 19 MiB hashes at once do not fit the 32 MiB L3 cache of the
    // development machine together, one does (docs/PERFORMANCE.md).
    console.log(
      `ratio to the bound at the server's parallelism (${serverSlots} at a time): ${(perCore / parallelBound).toFixed(2)}; to one at a time: ${(perCore / oneBound).toFixed(2)}`,
    );
    // Every sign-in wrote an audit entry under load: the chain must still verify.
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
    // The verdict is audit:verify's last line; on a crash, the last line of its error output.
    const verdict = (chain.stdout.trim() || chain.stderr.trim() || String(chain.error ?? ''))
      .split('\n')
      .pop();
    console.log(`audit chain after the run: ${chain.status === 0 ? 'verified' : 'BROKEN'} (${verdict})`);
    if (failed > 0 || chain.status !== 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    stopPostgres?.();
  }
}
