import type { RouteObject } from 'react-router';

/**
 * АРМ «Центр обслуживания»: a page of its own, outside the site's frame (its header names the
 * operator and the center); the signing module it needs is loaded with it.
 */
export const workstationRoutes: RouteObject[] = [
  {
    path: 'ra',
    lazy: () => import('./WorkstationPage').then((m) => ({ Component: m.WorkstationPage })),
  },
];
