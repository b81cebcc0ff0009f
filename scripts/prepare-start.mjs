#!/usr/bin/env node
// Run after `npm install` (root `postinstall`, after patch-dependencies.mjs): does once the work a
// first `npm start` would otherwise do before it can answer — build the web app (only when its
// sources changed since the last build) and prepare the empty embedded database that a new data
// directory is copied from (packages/server/src/db/pglite-template.ts). Each step is skipped, with
// a word, when the tools it needs were not installed (e.g. `npm ci --omit=dev`); `npm start` then
// builds the web app itself and creates the database the slow way.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

if (existsSync(join(root, 'node_modules/vite/bin/vite.js'))) {
  execFileSync(process.execPath, [join(root, 'scripts/build-web.mjs'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
} else console.log('prepare-start: vite is not installed; npm start will build the web app');

const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
if (existsSync(tsx)) {
  execFileSync(process.execPath, [tsx, join(root, 'packages/server/src/cli.ts'), 'pglite-template'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
} else console.log('prepare-start: tsx is not installed; the first start will create its database');

console.log(`prepare-start: ready for npm start in ${((Date.now() - started) / 1000).toFixed(1)} s`);
