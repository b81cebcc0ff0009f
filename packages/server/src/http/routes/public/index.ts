import { audienceRouter } from '../audience.js';
import { authRoutes } from './auth.js';
import { centerMapRoutes } from './centers.js';
import { complaintRoutes } from './complaints.js';
import { healthRoutes } from './health.js';
import { sessionRoutes } from './session.js';
import { signatureRoutes } from './signature.js';

/**
 * Anyone, signed in or not: health, the session and its CSRF token, registration, sign-in (by
 * password or signature), sign-out, recovery. The actor is the session's (anonymous or citizen):
 * sign-out and a second sign-in act on the session the browser has. «Пожаловаться на центр
 * обслуживания» is here too: anonymous complaints are allowed; and «Карта центров обслуживания».
 */
export const publicRouter = audienceRouter('public', (api, ctx) => {
  healthRoutes(api, ctx);
  sessionRoutes(api, ctx);
  authRoutes(api, ctx);
  signatureRoutes(api, ctx);
  complaintRoutes(api, ctx);
  centerMapRoutes(api, ctx);
});
