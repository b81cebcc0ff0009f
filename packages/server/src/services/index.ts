import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { Integrations } from '../integrations/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import { FieldCipher, LookupHasher } from '../lib/crypto.js';
import { NotificationService } from './notifications.js';
import { OutboxService } from './outbox.js';
import { SessionService } from './sessions.js';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  integrations: Integrations;
  cipher: FieldCipher;
  lookup: LookupHasher;
  logger: FastifyBaseLogger;
}

/** Every use-case, wired once by the composition root. */
export interface Services {
  sessions: SessionService;
  notifications: NotificationService;
  outbox: OutboxService;
}

export function createServices(deps: ServiceDeps): Services {
  const db = deps.database.db;
  return {
    sessions: new SessionService(db, deps.clock),
    notifications: new NotificationService(deps.queue, deps.cipher),
    outbox: new OutboxService(db, deps.config),
  };
}

export function createServiceDeps(
  config: Config,
  database: Database,
  clock: Clock,
  queue: JobQueue,
  integrations: Integrations,
  logger: FastifyBaseLogger,
): ServiceDeps {
  return {
    config,
    database,
    clock,
    queue,
    integrations,
    logger,
    cipher: new FieldCipher(config.dataEncryptionKey),
    lookup: new LookupHasher(config.lookupHashKey),
  };
}
