import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './lib/logger.js';
import { seedDemoData } from './db/seed.js';
import { createSystem, timePhase } from './system.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, config.env === 'development' && process.stdout.isTTY);
  const started = Date.now();
  const system = await createSystem(config, logger);
  const phases = system.startupPhases;
  if (config.demoMode) await timePhase(phases, 'demoData', () => seedDemoData(system));
  await timePhase(phases, 'listen', () => system.app.listen({ host: config.host, port: config.port }));
  logger.info(
    {
      database: system.database.kind,
      demoMode: config.demoMode,
      simulators: config.simulators,
      ms: Date.now() - started,
      // since the process started, module loading included
      sinceProcessStartMs: Math.round(performance.now()),
      phases,
    },
    `OpenESIA is ready at ${config.publicUrl}`,
  );
  // A plain line for the person who typed `npm start`, whatever the log format.
  console.log(
    `\nOpenESIA работает: ${config.publicUrl}` +
      (config.demoMode
        ? `\nДемонстрационные учётные записи с паролями: ${config.publicUrl}/ ; отправленные сообщения: ${config.publicUrl}/dev/outbox\n`
        : '\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await system.stop();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
