import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import { FieldCipher, LookupHasher } from '../lib/crypto.js';
import { SessionService } from './sessions.js';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  cipher: FieldCipher;
  lookup: LookupHasher;
}

/** Every use-case, wired once by the composition root. */
export interface Services {
  sessions: SessionService;
}

export function createServices(deps: ServiceDeps): Services {
  return {
    sessions: new SessionService(deps.database.db, deps.clock),
  };
}

export function createServiceDeps(config: Config, database: Database, clock: Clock, queue: JobQueue): ServiceDeps {
  return {
    config,
    database,
    clock,
    queue,
    cipher: new FieldCipher(config.dataEncryptionKey),
    lookup: new LookupHasher(config.lookupHashKey),
  };
}
