import type { RetentionService } from '../services/platform/retention.js';
import { handleJob, type JobDefinition } from './queue.js';
import { purgeJob } from './specs.js';

/** The hourly purge of what is no longer needed; each run queues the next. */
export function retentionJobs(service: RetentionService): JobDefinition<any>[] {
  return [handleJob(purgeJob, async () => void (await service.purge()))];
}
