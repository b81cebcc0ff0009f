import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { RegionalStaffPage } from './RegionalStaffPage';
import { RegistryLayout } from './RegistryLayout';
import { TrustListPage } from './TrustListPage';

/** Pages of the federal operator («оператор ЕСИА»); a signed-out visitor is sent to «Войти» and back. */
export const registryRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        element: <RegistryLayout />,
        children: [
          { path: 'registry/trust-list', element: <TrustListPage /> },
          { path: 'registry/regional-operators', element: <RegionalStaffPage /> },
          {
            path: 'registry/organizations',
            lazy: () => import('./OrganizationsPage').then((m) => ({ Component: m.OrganizationsPage })),
          },
          {
            path: 'registry/systems',
            lazy: () => import('./SystemsPage').then((m) => ({ Component: m.SystemsPage })),
          },
          {
            path: 'registry/systems/:clientId',
            lazy: () => import('./SystemPage').then((m) => ({ Component: m.SystemPage })),
          },
        ],
      },
    ],
  },
];
