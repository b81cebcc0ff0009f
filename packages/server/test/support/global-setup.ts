import type { TestProject } from 'vitest/node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openPglite, openPostgres } from '../../src/db/client.js';
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
  const database = await openPglite(undefined);
  await prepare(database, config);
  const dump = await database.pglite!.dumpDataDir('gzip');
  const dir = join(root, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-template-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
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
