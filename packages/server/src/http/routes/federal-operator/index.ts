import { audienceRouter } from '../audience.js';
import { federalCentersReportRoutes } from './centers-report.js';
import { federalApplicationRoutes } from './applications.js';
import { regionalStaffRoutes } from './regional-staff.js';
import { federalComplaintRoutes } from './complaints.js';
import { federalOrganizationRoutes } from './organizations.js';
import { federalSystemRoutes } from './systems.js';
import { trustListRoutes } from './trust-list.js';
import { federalOpeningPlanRoutes } from './opening-plan.js';
import { federalWorkstationJournalRoutes } from '../workstation/journal.js';

/**
 * «Оператор ЕСИА» (Минцифры): the trust list, the regional operators' staff, the decisions on
 * applications, the opening plan by region, the complaints and the blocking of organizations. The
 * hook resolves the role from the role table (RoleService.resolveActor) before the body is read.
 */
export const federalOperatorRouter = audienceRouter('federal_operator', (api, ctx) => {
  trustListRoutes(api, ctx);
  regionalStaffRoutes(api, ctx);
  federalApplicationRoutes(api, ctx);
  federalOpeningPlanRoutes(api, ctx);
  federalComplaintRoutes(api, ctx);
  federalOrganizationRoutes(api, ctx);
  federalSystemRoutes(api, ctx);
  federalCentersReportRoutes(api, ctx);
  federalWorkstationJournalRoutes(api, ctx);
});
