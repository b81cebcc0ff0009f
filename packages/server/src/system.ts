import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { startCheckpoints } from './audit/checkpoints.js';
import { useAuditKey } from './audit/log.js';
import type { Config } from './config/index.js';
import { migrate, openPglite, openPostgres, type Database } from './db/client.js';
import { demoAccounts } from './db/seed.js';
import { buildApp } from './http/app.js';
import { createIntegrations, type Integrations } from './integrations/index.js';
import { allJobs } from './jobs/index.js';
import { createJobQueue, type JobQueue } from './jobs/queue.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createServiceDeps, createServices, type Services } from './services/index.js';

export interface System {
  config: Config;
  database: Database;
  queue: JobQueue;
  services: Services;
  integrations: Integrations;
  app: FastifyInstance;
  clock: Clock;
  /** milliseconds each start-up phase took, in order (main.ts logs them with the ready line) */
  startupPhases: Record<string, number>;
  stop(): Promise<void>;
}

/** Runs one start-up phase and records how long it took. */
export async function timePhase<T>(
  phases: Record<string, number>,
  name: string,
  work: () => Promise<T> | T,
): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases[name] = Math.round(performance.now() - started);
  }
}

export async function openDatabase(config: Config): Promise<Database> {
  if (config.database.kind === 'postgres') return openPostgres(config.database.url);
  // A new data directory starts as a copy of the prepared template (initdb is slow in WebAssembly).
  const { dataDir } = config.database;
  if (dataDir) {
    const { seedDataDirFromTemplate } = await import('./db/pglite-template.js');
    seedDataDirFromTemplate(dataDir);
  }
  return openPglite(dataDir);
}

/**
 * The composition root: config -> database -> queue -> services -> jobs -> http.
 * main.ts and the tests build the system the same way.
 */
export async function createSystem(
  config: Config,
  logger: FastifyBaseLogger,
  options: { database?: Database; clock?: Clock; serveWeb?: boolean; skipMigrations?: boolean } = {},
): Promise<System> {
  const phases: Record<string, number> = {};
  const database = options.database ?? (await timePhase(phases, 'database', () => openDatabase(config)));
  if (!options.skipMigrations) await timePhase(phases, 'migrations', () => migrate(database));
  const clock = options.clock ?? systemClock;
  useAuditKey(config.audit.key);
  const queue = createJobQueue(database, { onError: (err) => logger.error({ err }, 'job queue error') });
  const integrations = createIntegrations(config, database, clock);
  const services = createServices(
    createServiceDeps(config, database, clock, queue, integrations, logger, demoAccounts),
  );
  await timePhase(phases, 'jobQueue', () =>
    queue.start(allJobs(services, integrations, logger), { work: config.jobsEnabled }),
  );
  // The hourly purge of spent codes, send counts and challenges queues itself from then on.
  if (config.jobsEnabled) await timePhase(phases, 'retention', () => services.retention.schedule());
  // Registry checks a stopped process left «in progress» run again now, not when their job expires.
  if (config.jobsEnabled) await timePhase(phases, 'resumeChecks', () => services.personalData.resumeChecks());
  // Personal data saved before the workstation's ФИО-and-birth-date key get it (once; a no-op after).
  await timePhase(phases, 'searchKeys', () => services.workstation.backfillLookups());
  // «Тестовый УЦ»: its root is made on the first start in demo mode and put on the trust list.
  if (config.demoMode) await timePhase(phases, 'testCa', () => services.testCa.ensureRoot());
  const app = await timePhase(phases, 'http', async () => {
    const built = await buildApp(
      { config, database, clock, queue, services, logger },
      { serveWeb: options.serveWeb },
    );
    await built.ready();
    return built;
  });
  const checkpoints = startCheckpoints(database.db, {
    key: config.audit.key,
    file: config.audit.checkpointFile,
    logger,
    now: () => clock.now(),
  });
  let stopped = false;
  return {
    config,
    database,
    queue,
    services,
    integrations,
    app,
    clock,
    startupPhases: phases,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Order matters: stop taking requests (in-flight ones finish), then jobs, then anchor the
      // audit chains' heads outside the database, then close it.
      await app.close();
      await queue.stop();
      await checkpoints.stop();
      await database.close();
    },
  };
}
