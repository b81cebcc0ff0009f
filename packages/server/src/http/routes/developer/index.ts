import { audienceRouter } from '../audience.js';
import { demoRoutes } from './demo.js';
import { outboxRoutes } from './outbox.js';
import { testCaRoutes } from './test-ca.js';

/**
 * People trying the demo, and tests: the demo accounts, the simulators' outbox, the test CA's root,
 * CRL and revocation. The use-cases answer only in demo mode (empty list, `dev.disabled`,
 * `test_ca.disabled`): the refusal is theirs, with its own code.
 */
export const developerRouter = audienceRouter('developer', (api, ctx) => {
  demoRoutes(api, ctx);
  outboxRoutes(api, ctx);
  testCaRoutes(api, ctx);
});
