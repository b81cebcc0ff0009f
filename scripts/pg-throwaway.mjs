#!/usr/bin/env node
// A throwaway PostgreSQL 15 cluster for CI and benchmarks: initdb into a temporary folder, start on
// a free loopback port, and remove everything on stop. Runs as the `postgres` user when we are root
// (initdb refuses root).
//   node scripts/pg-throwaway.mjs start DIR   -> prints the connection URL
//   node scripts/pg-throwaway.mjs stop DIR
//   node scripts/pg-throwaway.mjs start-kept DIR   -> the cluster in DIR, started again if it exists
//   node scripts/pg-throwaway.mjs stop-kept DIR    -> stops it and keeps its data (for large benchmarks)
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

function findBin() {
  for (const v of ['17', '16', '15']) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  throw new Error('PostgreSQL server binaries not found (apt-get install postgresql-15)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function asPostgres(cmd, args) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot)
    execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  else execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function startThrowawayPostgres(dir, settings = []) {
  const bin = findBin();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '--auth=trust',
    '--username=postgres',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  writeFileSync(join(dir, 'settings'), settings.map((s) => `-c ${s}`).join(' '));
  const url = pgStart(bin, dir, port);
  return { url, stop: () => stopThrowawayPostgres(dir) };
}

function pgStart(bin, dir, port) {
  const data = join(dir, 'data');
  const extra = existsSync(join(dir, 'settings')) ? readFileSync(join(dir, 'settings'), 'utf8') : '';
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${extra}`;
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  writeFileSync(join(dir, 'url'), url);
  return url;
}

/**
 * A cluster kept between runs (a benchmark's data that takes minutes to load): started again when
 * DIR holds one (on a new free port; if it is running already, its URL), made as
 * startThrowawayPostgres otherwise. `settings` (name=value) are given to a new cluster and kept for its restarts.
 */
export async function startKeptPostgres(dir, settings = []) {
  const bin = findBin();
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION')))
    return {
      ...(await startThrowawayPostgres(dir, settings)),
      reused: false,
      stop: () => stopKeptPostgres(dir),
    };
  let running = false;
  try {
    asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'status']);
    running = existsSync(join(dir, 'url'));
  } catch {
    /* not running (pg_ctl status exits with 3) */
  }
  const url = running ? readFileSync(join(dir, 'url'), 'utf8') : pgStart(bin, dir, await freePort());
  return { url, reused: true, stop: () => stopKeptPostgres(dir) };
}

/** Stops a kept cluster; its data stays (stopThrowawayPostgres removes it). */
export function stopKeptPostgres(dir) {
  const data = join(dir, 'data');
  if (!existsSync(data)) return;
  try {
    asPostgres(join(findBin(), 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  } catch {
    /* already stopped */
  }
}

export function stopThrowawayPostgres(dir) {
  const bin = findBin();
  const data = join(dir, 'data');
  if (existsSync(data)) {
    try {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already stopped */
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: pg-throwaway.mjs start|stop|start-kept|stop-kept DIR');
  if (command === 'start') console.log((await startThrowawayPostgres(dir)).url);
  else if (command === 'stop') stopThrowawayPostgres(dir);
  else if (command === 'start-kept') console.log((await startKeptPostgres(dir)).url);
  else if (command === 'stop-kept') stopKeptPostgres(dir);
  else if (command === 'url') console.log(readFileSync(join(dir, 'url'), 'utf8'));
}
