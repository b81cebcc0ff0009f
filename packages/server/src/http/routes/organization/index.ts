import { audienceRouter } from '../audience.js';
import { organizationProfileRoutes } from './profile.js';

/**
 * A person acting for an organization (its head, administrators, employees). No route yet: the
 * organizations context adds its routes here, each naming its action (organization.*,
 * application.submit, center.register); the hook resolves the membership (RoleService.resolveActor)
 * and the policy (domain/policy) decides, the use-case again with the organization it loaded.
 */
export const organizationRouter = audienceRouter('organization', (api, ctx) => {
  organizationProfileRoutes(api, ctx);
});
