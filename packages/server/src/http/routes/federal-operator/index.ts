import { audienceRouter } from '../audience.js';
import { federalApplicationRoutes } from './applications.js';
import { regionalStaffRoutes } from './regional-staff.js';
import { trustListRoutes } from './trust-list.js';
import { federalOpeningPlanRoutes } from './opening-plan.js';

/**
 * «Оператор ЕСИА» (Минцифры): the trust list, the regional operators' staff and the decisions on
 * applications. The hook resolves the role from the role table (RoleService.resolveActor) before
 * the body is read.
 */
export const federalOperatorRouter = audienceRouter('federal_operator', (api, ctx) => {
  trustListRoutes(api, ctx);
  regionalStaffRoutes(api, ctx);
  federalApplicationRoutes(api, ctx);
  federalOpeningPlanRoutes(api, ctx);
});
