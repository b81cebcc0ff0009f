#!/usr/bin/env node
// Builds the web app (packages/web/dist) when its sources changed since the last build.
// `npm start` and the browser tests call it, so a fresh clone needs nothing but `npm install`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/public',
  'packages/contracts/src',
  'packages/pki/src',
];
const stampFile = join(root, 'packages/web/dist/.source-hash');

function walk(path, hash) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), hash);
  } else {
    hash.update(path.slice(root.length)).update(readFileSync(path));
  }
}

const hash = createHash('sha256');
for (const input of inputs) walk(join(root, input), hash);
const digest = hash.digest('hex');

const ifStale = process.argv.includes('--if-stale');
if (ifStale && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) process.exit(0);

console.log('Сборка веб-приложения…');
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: join(root, 'packages/web'),
  stdio: 'inherit',
});
writeFileSync(stampFile, digest);
