import type { FastifyBaseLogger } from 'fastify';
import type { Integrations } from '../integrations/index.js';
import type { Services } from '../services/index.js';
import { personalDataCheckJobs } from './personal-data-checks.js';
import { postLetterJobs } from './post-letters.js';
import type { JobDefinition } from './queue.js';

/** Every background job the system runs: a spec from its service bound to its handler. */
export function allJobs(
  services: Services,
  integrations: Integrations,
  logger: FastifyBaseLogger,
): JobDefinition<any>[] {
  return [
    services.notifications.handler({ sms: integrations.sms, email: integrations.email }, (msg, extra) =>
      logger.warn(extra ?? {}, msg),
    ),
    services.authentication.recoveryDeliveryJob(),
    ...personalDataCheckJobs(services.personalData),
    ...postLetterJobs(services.confirmation),
    ...services.retention.jobs(),
  ];
}
