import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { RegistryLayout } from '../registry/RegistryLayout';

const operatorPage = () => import('./OperatorComplaintsPage');

/**
 * Complaints about service centers: the public form (anyone, signed in or not) and the operators'
 * lists; the organization's own are a tab of its profile.
 */
export const complaintRoutes: RouteObject[] = [
  {
    path: 'complaint',
    lazy: () => import('./ComplaintPage').then((m) => ({ Component: m.ComplaintPage })),
  },
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'regional-operator/complaints',
        lazy: () =>
          operatorPage().then((m) => ({ Component: () => <m.OperatorComplaintsPage side="regional" /> })),
      },
      {
        element: <RegistryLayout />,
        children: [
          {
            path: 'registry/complaints',
            lazy: () =>
              operatorPage().then((m) => ({ Component: () => <m.OperatorComplaintsPage side="federal" /> })),
          },
        ],
      },
    ],
  },
];
