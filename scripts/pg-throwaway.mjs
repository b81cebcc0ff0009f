#!/usr/bin/env node
// A throwaway PostgreSQL 15 cluster for CI and benchmarks: initdb into a temporary folder, start on
// a free loopback port, and remove everything on stop. Runs as the `postgres` user when we are root
// (initdb refuses root).
//   node scripts/pg-throwaway.mjs start DIR   -> prints the connection URL
//   node scripts/pg-throwaway.mjs stop DIR
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

export async function startThrowawayPostgres(dir) {
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
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  writeFileSync(join(dir, 'url'), url);
  return { url, stop: () => stopThrowawayPostgres(dir) };
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
  if (!dir) throw new Error('usage: pg-throwaway.mjs start|stop DIR');
  if (command === 'start') console.log((await startThrowawayPostgres(dir)).url);
  else if (command === 'stop') stopThrowawayPostgres(dir);
  else if (command === 'url') console.log(readFileSync(join(dir, 'url'), 'utf8'));
}
