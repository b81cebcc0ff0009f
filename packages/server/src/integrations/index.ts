import type { Config } from '../config/index.js';
import type { Database } from '../db/client.js';
import type { Clock } from '../lib/clock.js';

/**
 * Ports to external state systems, each with a real adapter and a simulator chosen by
 * configuration (`SIMULATORS`). One folder per system: port.ts, http/smtp adapter, simulator.ts.
 */
export interface Integrations {}

export function createIntegrations(_config: Config, _database: Database, _clock: Clock): Integrations {
  return {};
}
