import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Services } from '../services/index.js';

/** A demo account as the home page lists it in demo mode. */
export interface DemoAccountView {
  title: string;
  login: string;
  password: string;
  level: 'simplified' | 'standard' | 'confirmed';
}

/**
 * The demo data the HTTP layer shows, given by the composition root (the seed's people): routes
 * never import db/.
 */
export interface DemoDirectory {
  accounts(): readonly DemoAccountView[];
}

/** What the composition root hands to the HTTP layer: configuration and ready services. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  services: Services;
  logger: FastifyBaseLogger;
  demo: DemoDirectory;
}
