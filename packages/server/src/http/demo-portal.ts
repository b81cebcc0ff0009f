import { createHmac } from 'node:crypto';
import { registerDemoPortal } from '@openesia/demo-portal';
import type { FastifyInstance } from 'fastify';
import { OIDC_PATH } from '../oidc/provider.js';
import { DEMO_CLIENT } from '../services/oidc/clients.js';
import type { AppContext } from './context.js';

/**
 * Demo mode: «Портал услуг» (packages/demo-portal), the demo relying party, served by this process
 * so `npm start` shows a whole sign-in with no second command. It is given only what an
 * integrator's system has: the issuer's address, its client_id and secret (the demo seed's,
 * services/oidc/clients.ts), and talks to the provider over HTTP.
 */
export async function registerDemoPortalApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { config } = ctx;
  if (!config.demoMode) return;
  await registerDemoPortal(app, {
    base: DEMO_CLIENT.portalPath,
    publicUrl: config.publicUrl,
    issuer: `${config.publicUrl}${OIDC_PATH}`,
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.secret,
    // Its own key, derived as every process derives it, never the session's key itself.
    cookieSecret: createHmac('sha256', config.sessionSecret).update('demo-portal').digest('hex'),
    secureCookies: config.secureCookies,
  });
}
