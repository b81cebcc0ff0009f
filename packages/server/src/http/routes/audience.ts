import { assertAllowed } from '../../domain/policy/policy.js';
import type { Audience } from '../../services/platform/roles.js';
import type { AppContext } from '../context.js';
import type { Api } from '../api.js';

export type Routes = (api: Api, ctx: AppContext) => void | Promise<void>;

/**
 * One router per audience (Logto's split), each a Fastify plugin of its own, so its hook covers
 * its routes and no others. Every route names its action (`config.action`, domain/policy); the
 * hook runs onRequest — after http/app.ts resolved the session and checked CSRF on the routed
 * path, before the body is read — and resolves the actor for this audience (the role tables for
 * operators), then decides on that action: an upload from someone without the role costs one
 * lookup, never reading or parsing its body (OWASP API Security Top 10 2023, API4). A use-case
 * whose decision depends on the resource (own account, own organization, own region) decides
 * again with it. A route without an action fails the server's start.
 */
export function audienceRouter(audience: Audience, routes: Routes): Routes {
  return async (api, ctx) => {
    api.addHook('onRoute', (route) => {
      if (!route.config?.action) throw new Error(`${route.method} ${route.url}: no action (domain/policy)`);
    });
    api.addHook('onRequest', async (request) => {
      request.actor = await ctx.services.roles.resolveActor(audience, request.actor, request.auth);
      // Set for every route of this plugin: the onRoute hook above refused any without one.
      assertAllowed(request.actor, request.routeOptions.config.action!);
    });
    await routes(api, ctx);
  };
}
