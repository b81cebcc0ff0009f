/**
 * A whole system in this process on a fresh in-memory PGlite (migrated here), with the test
 * environment's simulators, for benchmarks that measure the server's own work.
 */
import { loadConfig } from '../../packages/server/src/config/index.js';
import { migrate, openPglite } from '../../packages/server/src/db/client.js';
import { createLogger } from '../../packages/server/src/lib/logger.js';
import { createSystem, type System } from '../../packages/server/src/system.js';
import { testEnv } from '../../packages/server/test/support/env.js';

export async function startBenchSystem(
  env: Record<string, string> = {},
  options: { listen?: boolean } = {},
): Promise<System & { url: string }> {
  const config = loadConfig(testEnv({ RATE_LIMITS: 'false', ...env }));
  const database = await openPglite(undefined);
  await migrate(database);
  const system = await createSystem(config, createLogger(config.logLevel), {
    database,
    skipMigrations: true,
  });
  const url = options.listen ? await system.app.listen({ host: '127.0.0.1', port: 0 }) : '';
  return { ...system, url };
}
