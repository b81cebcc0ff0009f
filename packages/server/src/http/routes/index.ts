import type { Api } from '../api.js';
import type { AppContext } from '../context.js';
import type { Routes } from './audience.js';
import { citizenRouter } from './citizen/index.js';
import { developerRouter } from './developer/index.js';
import { esiaRouter } from './esia/index.js';
import { federalOperatorRouter } from './federal-operator/index.js';
import { oidcRouter } from './oidc/index.js';
import { organizationRouter } from './organization/index.js';
import { publicRouter } from './public/index.js';
import { regionalOperatorRouter } from './regional-operator/index.js';
import { techPortalRouter } from './tech/index.js';
import { workstationRouter } from './workstation/index.js';

/**
 * Routers by audience (Logto's split): each folder is one audience, registered as a plugin of its
 * own so that its hook (routes/audience.ts) covers its routes and no others.
 */
const audiences: readonly Routes[] = [
  publicRouter,
  developerRouter,
  citizenRouter,
  organizationRouter,
  techPortalRouter,
  regionalOperatorRouter,
  federalOperatorRouter,
  workstationRouter,
  oidcRouter,
  esiaRouter,
];

export async function registerRoutes(api: Api, ctx: AppContext): Promise<void> {
  for (const router of audiences) await api.register(async (scope) => router(scope, ctx));
}
