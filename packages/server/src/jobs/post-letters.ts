import type { ConfirmationService } from '../services/citizen/confirmation.js';
import { handleJob, type JobDefinition } from './queue.js';
import { sendPostLetterJob, trackPostLetterJob } from './specs.js';

/** Letters with a confirmation code: handing one to Почта России, then tracking it. */
export function postLetterJobs(service: ConfirmationService): JobDefinition<any>[] {
  return [
    handleJob(sendPostLetterJob, (payload, meta) => service.sendLetter(payload, meta)),
    handleJob(trackPostLetterJob, (payload, meta) => service.trackLetter(payload, meta)),
  ];
}
