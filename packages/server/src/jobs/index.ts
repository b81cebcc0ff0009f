import type { FastifyBaseLogger } from 'fastify';
import type { Integrations } from '../integrations/index.js';
import type { Services } from '../services/index.js';
import { notificationJobs } from './notifications.js';
import { organizationCheckJobs } from './organization-checks.js';
import { innLookupJobs, personalDataCheckJobs } from './personal-data-checks.js';
import { postLetterJobs } from './post-letters.js';
import type { JobDefinition } from './queue.js';
import { recoveryJobs } from './recovery.js';
import { retentionJobs } from './retention.js';

/** Every background job the system runs: a spec (jobs/specs.ts) bound to a handler calling a service. */
export function allJobs(
  services: Services,
  integrations: Integrations,
  logger: FastifyBaseLogger,
): JobDefinition<any>[] {
  return [
    ...notificationJobs(
      services.notifications,
      { sms: integrations.sms, email: integrations.email },
      (msg, extra) => logger.warn(extra ?? {}, msg),
    ),
    ...recoveryJobs(services.authentication),
    ...personalDataCheckJobs(services.personalData),
    ...innLookupJobs(services.innLookup),
    ...postLetterJobs(services.confirmation),
    ...retentionJobs(services.retention),
    ...organizationCheckJobs(services.organizationRegistration),
  ];
}
