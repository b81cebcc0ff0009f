import type { JobDefinition } from './queue.js';
import type { Services } from '../services/index.js';

/** Every background job the system runs; handlers call services. */
export function allJobs(_services: Services): JobDefinition<any>[] {
  return [];
}
