import { audienceRouter } from '../audience.js';
import { accountRoutes } from './account.js';
import { invitationAcceptanceRoutes } from './invitations.js';
import { organizationRegistrationRoutes } from './organization-registration.js';
import { organizationChoiceRoutes } from './organizations.js';
import { signatureConfirmationRoutes } from './signature.js';
import { testCaCitizenRoutes } from './test-ca.js';

/**
 * The signed-in citizen acting for themself: the personal page, personal data and its checks,
 * identity confirmation (letter, signature), a test certificate for one's own data. The hook
 * refuses anyone without a session (401 `auth.required`) before the body is read; each use-case
 * decides again on the account it works on, which is always the actor's own.
 */
export const citizenRouter = audienceRouter('citizen', (api, ctx) => {
  accountRoutes(api, ctx);
  signatureConfirmationRoutes(api, ctx);
  testCaCitizenRoutes(api, ctx);
  organizationChoiceRoutes(api, ctx);
  invitationAcceptanceRoutes(api, ctx);
  organizationRegistrationRoutes(api, ctx);
});
