import { audienceRouter } from '../audience.js';
import { regionalCentersReportRoutes } from './centers-report.js';
import { regionalApplicationRoutes } from './applications.js';
import { regionalComplaintRoutes } from './complaints.js';
import { regionalRegistrationRoutes } from './organizations.js';
import { regionalOpeningPlanRoutes } from './opening-plan.js';
import { regionalWorkstationJournalRoutes } from '../workstation/journal.js';

/**
 * A regional operator (a person the federal operator made the region's operator, or the staff of
 * the organization that is the region's operator, acting for it: RoleService.resolveActor): the
 * registrations, the applications, the opening plan and the complaints of its region's
 * organizations. The policy limits each route to the operator's own region; the use-case decides
 * again on the row it loaded.
 */
export const regionalOperatorRouter = audienceRouter('regional_operator', (api, ctx) => {
  regionalRegistrationRoutes(api, ctx);
  regionalApplicationRoutes(api, ctx);
  regionalOpeningPlanRoutes(api, ctx);
  regionalComplaintRoutes(api, ctx);
  regionalCentersReportRoutes(api, ctx);
  regionalWorkstationJournalRoutes(api, ctx);
});
