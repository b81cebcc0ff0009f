import type { TestProject } from 'vitest/node';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openPglite, openPostgres } from '../../src/db/client.js';
import { seedDataDirFromTemplate } from '../../src/db/pglite-template.js';
import { allJobs } from '../../src/jobs/index.js';
import { createJobQueue } from '../../src/jobs/queue.js';
import { loadConfig } from '../../src/config/index.js';
import { createServices, createServiceDeps } from '../../src/services/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { createIntegrations } from '../../src/integrations/index.js';
import { testEnv } from './env.js';

/**
 * Migrates one template database per run (and creates pg-boss's tables), so each test file
 * starts from a copy in a fraction of a second: a PGlite dump, or a PostgreSQL TEMPLATE database.
 */
export default async function setup(project: TestProject) {
  const root = join(import.meta.dirname, '../../../..');
  const config = loadConfig(testEnv());
  if (config.database.kind === 'postgres') {
    const url = new URL(config.database.url);
    const templateName = `openesia_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${templateName}`;
    const database = openPostgres(templateUrl.toString(), 2);
    await prepare(database, config);
    await database.close();
    project.provide('pgTemplate', templateName);
    return async () => {
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.end();
    };
  }
  const dir = join(root, '.tmp');
  mkdirSync(dir, { recursive: true });
  // Starts from `npm install`'s empty database when it matches the migrations (initdb in
  // WebAssembly is most of the cost); `prepare` migrates it, as it would a new one, from there.
  const scratch = mkdtempSync(join(tmpdir(), 'openesia-template-'));
  const database = seedDataDirFromTemplate(join(scratch, 'data'))
    ? await openPglite(join(scratch, 'data'))
    : await openPglite(undefined);
  await prepare(database, config);
  // Uncompressed: every test file's database loads it, and gunzip cost each a third of a second.
  const dump = await database.pglite!.dumpDataDir('none');
  const file = join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  rmSync(scratch, { recursive: true, force: true });
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => rmSync(file, { force: true });
}

async function prepare(
  database: Awaited<ReturnType<typeof openPglite>>,
  config: ReturnType<typeof loadConfig>,
) {
  await migrate(database);
  const queue = createJobQueue(database);
  const logger = createLogger('silent');
  const integrations = createIntegrations(config, database, systemClock);
  const services = createServices(
    createServiceDeps(config, database, systemClock, queue, integrations, logger),
  );
  await queue.start(allJobs(services, integrations, logger), { work: false });
  await queue.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
