import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';

/**
 * The technological portal (seed 000, section 5; seed 002, steps 5-7 and 10): «Центры
 * обслуживания», a center's page, «Добавить центр обслуживания» and «Редактировать»; «Информационные
 * системы» (issue 13). Loaded on demand: the map library comes with the form.
 */
export const techRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'tech/centers',
        lazy: () => import('./CentersPage').then((m) => ({ Component: m.CentersPage })),
      },
      {
        path: 'tech/centers/new',
        lazy: () => import('./CenterFormPages').then((m) => ({ Component: m.NewCenterPage })),
      },
      {
        path: 'tech/centers/:centerId',
        lazy: () => import('./CenterPage').then((m) => ({ Component: m.CenterPage })),
      },
      {
        path: 'tech/centers/:centerId/edit',
        lazy: () => import('./CenterFormPages').then((m) => ({ Component: m.EditCenterPage })),
      },
      {
        path: 'tech/systems',
        lazy: () => import('./SystemsPage').then((m) => ({ Component: m.SystemsPage })),
      },
      {
        path: 'tech/systems/new',
        lazy: () => import('./NewSystemPage').then((m) => ({ Component: m.NewSystemPage })),
      },
      {
        path: 'tech/systems/:clientId',
        lazy: () => import('./SystemPage').then((m) => ({ Component: m.SystemPage })),
      },
    ],
  },
];
