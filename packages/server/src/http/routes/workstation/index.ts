import type { Action } from '../../../domain/policy/policy.js';
import { assertAllowed } from '../../../domain/policy/policy.js';
import { AppError } from '../../../lib/errors.js';
import { operationOfAction } from '../../../services/workstation/operations.js';
import { requestMeta, WORKSTATION_COOKIE } from '../../auth.js';
import type { Routes } from '../audience.js';
import { workstationOperationRoutes } from './operations.js';
import { workstationSessionRoutes } from './session.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an operator does while his center is gone: see the session, choose another, leave. */
const WITHOUT_CENTER: readonly Action[] = [
  'workstation.sign_in',
  'workstation.read_session',
  'workstation.choose_center',
  'workstation.accept_terms',
];

/**
 * АРМ «Центр обслуживания» (issue 12), /api/ra/*: its own audience with its own session (the
 * cookie of a workstation sign-in by qualified signature, not a citizen's). The hook resolves the
 * operator from that session and the organization and center as they are now, then decides on
 * the route's action (domain/policy: atCenter asks for the center, the terms, the service and the
 * group) before the body is read.
 */
export const workstationRouter: Routes = async (api, ctx) => {
  api.addHook('onRoute', (route) => {
    if (!route.config?.action) throw new Error(`${route.method} ${route.url}: no action (domain/policy)`);
  });
  api.addHook('onRequest', async (request) => {
    const action = request.routeOptions.config.action!;
    const token = request.cookies[WORKSTATION_COOKIE];
    try {
      const resolved = await ctx.services.workstationAccess.resolve(token);
      if (resolved) {
        request.actor = resolved.actor;
        if (resolved.centerLost && !WITHOUT_CENTER.includes(action))
          throw new AppError('workstation.center_unavailable');
      } else request.actor = { kind: 'anonymous' };
      assertAllowed(request.actor, action);
    } catch (err) {
      // every operator action is journaled (152-ФЗ), a refused operation too
      const operation = operationOfAction(action);
      const operator =
        operation && err instanceof AppError && err.code.startsWith('workstation.')
          ? await ctx.services.workstationAccess.sessionOperator(token)
          : null;
      if (operator) {
        const { accountId } = (request.params ?? {}) as { accountId?: string };
        await ctx.services.workstation.refusedAtDoor(
          operator,
          operation!,
          accountId && UUID.test(accountId) ? accountId : null,
          (err as AppError).code,
          requestMeta(request),
        );
      }
      throw err;
    }
  });
  workstationSessionRoutes(api, ctx);
  workstationOperationRoutes(api, ctx);
};
