import { z } from 'zod';
import type { PersonalDataService } from '../services/citizen/personal-data.js';
import { defineJob, handleJob, type JobDefinition } from './queue.js';

/**
 * The two automatic checks of seed 000, section 1, step 2. The payload names the submission
 * (account + revision) and nothing personal: the handler reads the encrypted data itself.
 * Retries come from configuration (REGISTRY_RETRY_*), passed when the job is enqueued.
 */
const checkPayload = z.object({ accountId: z.string().uuid(), revision: z.number().int().positive() });

export const checkSnilsJob = defineJob({
  name: 'personal-data.check-snils',
  payload: checkPayload,
  expireInSeconds: 120,
});
export const checkPassportJob = defineJob({
  name: 'personal-data.check-passport',
  payload: checkPayload,
  expireInSeconds: 120,
});

export function personalDataCheckJobs(service: PersonalDataService): JobDefinition<any>[] {
  return [
    handleJob(checkSnilsJob, (payload, meta) => service.runCheck('snils', payload, meta)),
    handleJob(checkPassportJob, (payload, meta) => service.runCheck('passport', payload, meta)),
  ];
}
