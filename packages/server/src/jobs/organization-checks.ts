import type { OrganizationRegistrationService } from '../services/organization/registration.js';
import { handleJob, type JobDefinition } from './queue.js';
import { checkOrganizationJob } from './specs.js';

/** The ЕГРЮЛ check of an organization's registration: one check of one round. */
export function organizationCheckJobs(service: OrganizationRegistrationService): JobDefinition<any>[] {
  return [handleJob(checkOrganizationJob, (payload, meta) => service.runCheck(payload, meta))];
}
