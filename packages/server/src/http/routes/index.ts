import type { Api } from '../api.js';
import type { AppContext } from '../context.js';
import { authRoutes } from './auth.js';
import { citizenRoutes } from './citizen.js';
import { demoRoutes } from './demo.js';
import { devRoutes } from './dev.js';
import { healthRoutes } from './health.js';
import { registryRoutes } from './registry.js';
import { sessionRoutes } from './session.js';
import { signatureRoutes } from './signature.js';

/** Routers by audience (Logto's split): each file owns one audience and its access rule. */
export async function registerRoutes(api: Api, ctx: AppContext): Promise<void> {
  healthRoutes(api, ctx);
  sessionRoutes(api, ctx);
  authRoutes(api, ctx);
  demoRoutes(api, ctx);
  devRoutes(api, ctx);
  citizenRoutes(api, ctx);
  signatureRoutes(api, ctx);
  // Its own plugin: the access hook must cover this audience's routes and no others.
  await api.register(async (registry) => registryRoutes(registry, ctx));
}
