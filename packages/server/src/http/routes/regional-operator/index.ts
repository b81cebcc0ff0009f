import { audienceRouter } from '../audience.js';
import { regionalRegistrationRoutes } from './organizations.js';

/**
 * An operator of a region's service centers. No route yet: the applications and operator contexts
 * add theirs here (application.decide_regional, operator.search_citizen, audit.read), and the
 * policy limits each to the operator's own region.
 */
export const regionalOperatorRouter = audienceRouter('regional_operator', (api, ctx) => {
  regionalRegistrationRoutes(api, ctx);
});
