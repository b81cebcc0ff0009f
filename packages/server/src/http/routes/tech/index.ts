import { audienceRouter } from '../audience.js';
import { centerRoutes } from './centers.js';
import { systemRoutes } from './systems.js';

/**
 * The technological portal (issue 11; seed 000, section 5: «технологический портал … вкладка
 * „Сервисы“ вложение „Центры обслуживания“»): members of the group «Технологический портал» acting
 * for their organization. The actor is the organization member's (the same resolution as the
 * organization's router); the policy's center.* actions ask for the group.
 */
export const techPortalRouter = audienceRouter('organization', (api, ctx) => {
  centerRoutes(api, ctx);
  systemRoutes(api, ctx);
});
