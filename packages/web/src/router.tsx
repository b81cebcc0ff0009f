import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { NotFoundPage } from './components/NotFoundPage';
import { authRoutes } from './portals/citizen/authRoutes';
import { centersReportRoutes } from './portals/centers-report/routes';
import { complaintRoutes } from './portals/complaints/routes';
import { profileRoutes } from './portals/citizen/profileRoutes';
import { devRoutes } from './portals/dev/routes';
import { HomePage } from './portals/home/HomePage';
import { mapRoutes } from './portals/map/routes';
import { applicationRoutes } from './portals/applications/routes';
import { organizationRoutes } from './portals/organization/routes';
import { oidcRoutes } from './portals/oidc/routes';
import { openingPlanRoutes } from './portals/opening-plan/routes';
import { signatureRoutes } from './portals/signature/routes';
import { registryRoutes } from './portals/registry/registryRoutes';
import { techRoutes } from './portals/tech/routes';
import { workstationJournalRoutes, workstationRoutes } from './portals/workstation/routes';

/** Each portal contributes its own routes; the shell stays the same. */
export const router = createBrowserRouter([
  // the operator's workstation has a frame of its own
  ...workstationRoutes,
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      ...authRoutes,
      ...profileRoutes,
      ...signatureRoutes,
      ...registryRoutes,
      ...organizationRoutes,
      ...applicationRoutes,
      ...openingPlanRoutes,
      ...complaintRoutes,
      ...centersReportRoutes,
      ...workstationJournalRoutes,
      ...techRoutes,
      ...mapRoutes,
      ...devRoutes,
      ...oidcRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
