import type { RouteObject } from 'react-router';
import { OutboxPage } from './OutboxPage';

/** Pages of the demo mode: what the simulated external systems did. */
export const devRoutes: RouteObject[] = [{ path: 'dev/outbox', element: <OutboxPage /> }];
