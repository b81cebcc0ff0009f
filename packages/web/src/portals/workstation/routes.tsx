import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { RegistryLayout } from '../registry/RegistryLayout';

const journal = () => import('./journal/JournalPages');

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

/** «Журнал АРМ» of the regional operator and of the operator of ЕСИА, inside the site's frame. */
export const workstationJournalRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'regional-operator/workstation-journal',
        lazy: () => journal().then((m) => ({ Component: () => <m.OperatorJournalPage side="regional" /> })),
      },
      {
        element: <RegistryLayout />,
        children: [
          {
            path: 'registry/workstation-journal',
            lazy: () =>
              journal().then((m) => ({ Component: () => <m.OperatorJournalPage side="federal" /> })),
          },
        ],
      },
    ],
  },
];
