import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { RegistryLayout } from '../registry/RegistryLayout';

const pages = () => import('./CentersReportPages');

/** The centers' report: the regional operator's region, and the federal operator's registry section. */
export const centersReportRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'regional-operator/centers',
        lazy: () => pages().then((m) => ({ Component: m.RegionalCentersPage })),
      },
      {
        element: <RegistryLayout />,
        children: [
          {
            path: 'registry/centers',
            lazy: () => pages().then((m) => ({ Component: m.FederalCentersPage })),
          },
        ],
      },
    ],
  },
];
