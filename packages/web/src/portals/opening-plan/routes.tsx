import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { RegistryLayout } from '../registry/RegistryLayout';

/**
 * «План открытия ЦО» (seed 004) for the operators: the regional operator's region, the federal
 * operator's regions and any region, and one organization's plan. The organization's own plan is a
 * tab of its profile (portals/organization/OpeningPlanTab.tsx).
 */
export const openingPlanRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'regional-operator/opening-plan',
        lazy: () => import('./RegionalPlanPage').then((m) => ({ Component: m.RegionalPlanPage })),
      },
      {
        path: 'regional-operator/opening-plan/:organizationId',
        lazy: () =>
          import('./OrganizationPlanPage').then((m) => ({ Component: m.RegionalOrganizationPlanPage })),
      },
      {
        element: <RegistryLayout />,
        children: [
          {
            path: 'registry/opening-plan',
            lazy: () => import('./FederalPlanPage').then((m) => ({ Component: m.FederalPlanPage })),
          },
          {
            path: 'registry/opening-plan/:regionCode',
            lazy: () => import('./FederalPlanPage').then((m) => ({ Component: m.FederalRegionPlanPage })),
          },
          {
            path: 'registry/opening-plan/organizations/:organizationId',
            lazy: () =>
              import('./OrganizationPlanPage').then((m) => ({ Component: m.FederalOrganizationPlanPage })),
          },
        ],
      },
    ],
  },
];
