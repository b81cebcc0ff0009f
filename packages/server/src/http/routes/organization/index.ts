import { audienceRouter } from '../audience.js';
import { accessRoutes } from './access.js';
import { applicationRoutes } from './applications.js';
import { organizationComplaintRoutes } from './complaints.js';
import { invitationRoutes } from './invitations.js';
import { journalRoutes } from './journal.js';
import { memberRoutes } from './members.js';
import { organizationProfileRoutes } from './profile.js';
import { openingPlanRoutes } from './opening-plan.js';
import { organizationWorkstationJournalRoutes } from '../workstation/journal.js';

/**
 * A person acting for an organization (its head, administrators, employees): «Сотрудники»,
 * «Администраторы», «Приглашения», «Доступ к системам», the journal. The organization is always the
 * actor's own (no organization id in a path). The organizations context adds its routes here, each naming its action (organization.*,
 * application.submit, center.manage); the hook resolves the membership (RoleService.resolveActor)
 * and the policy (domain/policy) decides, the use-case again with the organization it loaded.
 */
export const organizationRouter = audienceRouter('organization', (api, ctx) => {
  memberRoutes(api, ctx);
  invitationRoutes(api, ctx);
  accessRoutes(api, ctx);
  journalRoutes(api, ctx);
  organizationProfileRoutes(api, ctx);
  applicationRoutes(api, ctx);
  openingPlanRoutes(api, ctx);
  organizationComplaintRoutes(api, ctx);
  organizationWorkstationJournalRoutes(api, ctx);
});
