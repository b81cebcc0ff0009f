import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';

/**
 * The organization's pages: «Добавить организацию» (the signing module is large: loaded on
 * demand), the profile acting for it, the invitation link (it signs in by itself, keeping the
 * token out of every URL), and the regional operator's queue.
 */
export const organizationRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'profile/organizations/new',
        lazy: () => import('./AddOrganizationPage').then((m) => ({ Component: m.AddOrganizationPage })),
      },
      {
        path: 'organization',
        lazy: () => import('./OrganizationPage').then((m) => ({ Component: m.OrganizationPage })),
      },
      {
        path: 'regional-operator/organizations',
        lazy: () =>
          import('../regional-operator/RegionalQueuePage').then((m) => ({ Component: m.RegionalQueuePage })),
      },
    ],
  },
  {
    path: 'organizations/invitation',
    lazy: () => import('./InvitationPage').then((m) => ({ Component: m.InvitationPage })),
  },
];
