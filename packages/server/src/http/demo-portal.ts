import { createHmac } from 'node:crypto';
import { registerDemoEsia, registerDemoPortal } from '@openesia/demo-portal';
import type { FastifyInstance } from 'fastify';
import { readPrivateKey, signData, type PrivateKey } from '../lib/pki/algorithms.js';
import { OIDC_PATH } from '../oidc/provider.js';
import { DEMO_CLIENT, DEMO_ESIA_CLIENT } from '../services/oidc/clients.js';
import type { AppContext } from './context.js';

/**
 * Demo mode: «Портал услуг» (packages/demo-portal), the demo relying party, served by this process
 * so `npm start` shows a whole sign-in with no second command. It is given only what an
 * integrator's system has: the issuer's address, its client_id and secret (the demo seed's,
 * services/oidc/clients.ts), and talks to the provider over HTTP. Its sibling on the
 * ESIA-compatible interface gets a signer built from DEMO_ESIA's sealed key, never the key itself.
 */
export async function registerDemoPortalApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { config } = ctx;
  if (!config.demoMode) return;
  // Each app its own cookie key, derived as every process derives it, never the session's key itself.
  const cookieSecret = (name: string) =>
    createHmac('sha256', config.sessionSecret).update(name).digest('hex');
  await registerDemoPortal(app, {
    base: DEMO_CLIENT.portalPath,
    publicUrl: config.publicUrl,
    issuer: `${config.publicUrl}${OIDC_PATH}`,
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.secret,
    cookieSecret: cookieSecret('demo-portal'),
    secureCookies: config.secureCookies,
    esiaDemo: DEMO_ESIA_CLIENT.portalPath,
  });

  // Read once the seed has registered the system (at the first sign-in, not at start); a failure
  // (not seeded yet) is not remembered.
  let system: Promise<{ key: PrivateKey; certificateHash: string }> | null = null;
  const demoSystem = () => {
    system ??= ctx.services.oidcClients.demoEsiaSystem().then(
      (s) => ({ key: readPrivateKey(s.privateKeyPkcs8), certificateHash: s.certificateHash }),
      (err: unknown) => {
        system = null;
        throw err;
      },
    );
    return system;
  };
  await registerDemoEsia(app, {
    base: DEMO_ESIA_CLIENT.portalPath,
    publicUrl: config.publicUrl,
    clientId: DEMO_ESIA_CLIENT.clientId,
    sign: async (message) => signData((await demoSystem()).key, message),
    certificateHash: async () => (await demoSystem()).certificateHash,
    cookieSecret: cookieSecret('demo-esia'),
    secureCookies: config.secureCookies,
    oidcDemo: DEMO_CLIENT.portalPath,
  });
}
