import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { TrustListPage } from './TrustListPage';

/** Pages of the federal operator («оператор ЕСИА»); a signed-out visitor is sent to «Войти» and back. */
export const registryRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      { path: 'registry/trust-list', element: <TrustListPage /> },
      {
        path: 'registry/organizations',
        lazy: () => import('./OrganizationsPage').then((m) => ({ Component: m.OrganizationsPage })),
      },
    ],
  },
];
