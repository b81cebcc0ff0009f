import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Services } from '../services/index.js';

/** What the composition root hands to the HTTP layer: configuration and ready services. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  services: Services;
  logger: FastifyBaseLogger;
}
