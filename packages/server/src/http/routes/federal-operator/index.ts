import { audienceRouter } from '../audience.js';
import { federalApplicationRoutes } from './applications.js';
import { federalComplaintRoutes } from './complaints.js';
import { federalOrganizationRoutes } from './organizations.js';
import { trustListRoutes } from './trust-list.js';

/**
 * «Оператор ЕСИА» (Минцифры): the trust list, the decisions on applications, the complaints and
 * the blocking of organizations. The hook
 * resolves the role from the role table (RoleService.resolveActor) before the body is read.
 */
export const federalOperatorRouter = audienceRouter('federal_operator', (api, ctx) => {
  trustListRoutes(api, ctx);
  federalApplicationRoutes(api, ctx);
  federalComplaintRoutes(api, ctx);
  federalOrganizationRoutes(api, ctx);
});
