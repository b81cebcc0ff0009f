import type { AuthenticationService } from '../services/citizen/authentication.js';
import { handleJob, type JobDefinition } from './queue.js';
import { deliverRecoveryJob } from './specs.js';

/** «Восстановить пароль»: resolving the typed login and sending the code, off the request. */
export function recoveryJobs(service: AuthenticationService): JobDefinition<any>[] {
  return [handleJob(deliverRecoveryJob, (payload) => service.deliverRecovery(payload))];
}
