import type { Database } from '../../db/client.js';
import { pingDatabase } from '../../repositories/platform/health.js';

export type Health = { status: 'ok'; database: Database['kind'] } | { status: 'unavailable' };

/** GET /health: whether the database answers, and which kind it is. */
export class HealthService {
  constructor(private readonly deps: { database: Database }) {}

  async check(): Promise<Health> {
    try {
      await pingDatabase(this.deps.database.db);
      return { status: 'ok', database: this.deps.database.kind };
    } catch {
      return { status: 'unavailable' };
    }
  }
}
