import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJobQueue } from '../jobs/queue.js';
import { migrate, migrationsFolder, wrapPglite } from './client.js';

/**
 * A fresh embedded database, made once and copied at start. Creating a PGlite data directory runs
 * PostgreSQL's initdb inside WebAssembly, most of a first `npm start` (measured: 28 s of 41 on a
 * loaded two-core machine, against well under a second for copying the result). The template is
 * initdb, our migrations and pg-boss's schema, nothing else: no data, no secret, so it is the same
 * for every configuration. `npm install` prepares it (scripts/prepare-start.mjs); its name carries
 * a hash of what went into it, so a new migration or library version makes a new one, and a start
 * without a matching template simply creates the database as before.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cacheDir = join(root, 'node_modules/.cache/openesia');
const COMPLETE = '.openesia-template-complete';

function templateKey(): string {
  const hash = createHash('sha256');
  // Versions as installed (npm workspaces hoist them to the root; pglite does not export package.json).
  for (const pkg of ['@electric-sql/pglite', 'pg-boss', 'drizzle-orm']) {
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
    hash.update(`${pkg}@${manifest.version}\n`);
  }
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else hash.update(`${path.slice(migrationsFolder.length)}\n`).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
}

export function pgliteTemplateDir(): string {
  return join(cacheDir, `pglite-${templateKey()}`);
}

/** Makes the template unless it exists; returns its folder. Safe to run concurrently (built aside, renamed). */
export async function preparePgliteTemplate(): Promise<string> {
  const dir = pgliteTemplateDir();
  if (existsSync(join(dir, COMPLETE))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const database = wrapPglite(await PGlite.create(building));
  try {
    await migrate(database);
    const queue = createJobQueue(database);
    await queue.start([], { work: false }); // creates the pgboss schema
    await queue.stop();
  } finally {
    await database.close();
  }
  writeFileSync(join(building, COMPLETE), new Date().toISOString());
  try {
    renameSync(building, dir);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(dir, COMPLETE))) throw err; // not a concurrent build that won
  }
  return dir;
}

/**
 * Fills an absent or empty data directory from the template when one matches; returns whether it
 * did. Never touches a directory that holds anything.
 */
export function seedDataDirFromTemplate(dataDir: string): boolean {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false;
  let template: string;
  try {
    template = pgliteTemplateDir();
  } catch {
    return false;
  }
  if (!existsSync(join(template, COMPLETE))) return false;
  cpSync(template, dataDir, { recursive: true, filter: (source) => !source.endsWith(COMPLETE) });
  return true;
}
