import { audienceRouter } from '../audience.js';
import { trustListRoutes } from './trust-list.js';

/**
 * «Оператор ЕСИА» (Минцифры): the trust list now; federal decisions on applications next. The hook
 * resolves the role from the role table (RoleService.resolveActor) before the body is read.
 */
export const federalOperatorRouter = audienceRouter('federal_operator', (api, ctx) => {
  trustListRoutes(api, ctx);
});
