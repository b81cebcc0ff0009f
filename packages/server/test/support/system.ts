import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.js';
import { openPostgres, wrapPglite, type Database } from '../../src/db/client.js';
import { ManualClock, type Clock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { createSystem, type System } from '../../src/system.js';
import { testEnv } from './env.js';

export interface TestSystemOptions {
  env?: Record<string, string>;
  /** configuration the environment cannot give a test system (e.g. `env: 'production'`) */
  config?: Partial<Config>;
  clock?: Clock;
  /** serve the built web app (browser tests) */
  serveWeb?: boolean;
  /** listen on a real port (browser tests, load) instead of app.inject */
  listen?: boolean;
  /** the port to listen on (0: any free one), e.g. the one PUBLIC_URL names, so the issuer is reachable */
  port?: number;
  /**
   * a database from `freshDatabase` shared by successive systems (a restart after a crash);
   * the caller disposes of it
   */
  database?: Database;
}

export interface TestSystem extends System {
  url: string;
}

/** A fresh database copied from the run's migrated template: each test file owns its data. */
export async function freshDatabase(
  config: Config,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (config.database.kind === 'postgres') {
    const template = inject('pgTemplate');
    const name = `openesia_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: config.database.url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    const url = new URL(config.database.url);
    url.pathname = `/${name}`;
    const database = openPostgres(url.toString(), 5);
    return {
      database,
      dispose: async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return { database: wrapPglite(client), dispose: async () => undefined };
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  // Each system anchors its audit chains in its own checkpoint file, as each has its own database.
  const checkpointDir = mkdtempSync(join(tmpdir(), 'openesia-audit-'));
  const config = loadConfig(
    testEnv({ AUDIT_CHECKPOINT_FILE: join(checkpointDir, 'checkpoints.log'), ...options.env }),
    options.config,
  );
  const { database, dispose } = options.database
    ? { database: options.database, dispose: async () => undefined }
    : await freshDatabase(config);
  const logger = createLogger(config.logLevel);
  const system = await createSystem(config, logger, {
    database,
    clock: options.clock,
    serveWeb: options.serveWeb ?? false,
    skipMigrations: true,
  });
  let url = '';
  if (options.listen) {
    url = await system.app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  }
  const stop = system.stop;
  return {
    ...system,
    url,
    async stop() {
      await stop();
      await dispose();
      rmSync(checkpointDir, { recursive: true, force: true });
    },
  };
}

export { ManualClock };
