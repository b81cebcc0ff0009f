import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { RegistryLayout } from '../registry/RegistryLayout';

const operatorPages = () => import('./OperatorPages');

/** Applications Форма З and Форма И: the organization's page of one, and the two operators' queues. */
export const applicationRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      {
        path: 'organization/applications/:applicationId',
        lazy: () => import('./ApplicationPage').then((m) => ({ Component: m.ApplicationPage })),
      },
      {
        path: 'regional-operator/applications',
        lazy: () =>
          operatorPages().then((m) => ({ Component: () => <m.OperatorQueuePage side="regional" /> })),
      },
      {
        path: 'regional-operator/applications/:applicationId',
        lazy: () =>
          operatorPages().then((m) => ({ Component: () => <m.OperatorApplicationPage side="regional" /> })),
      },
      {
        element: <RegistryLayout />,
        children: [
          {
            path: 'registry/applications',
            lazy: () =>
              operatorPages().then((m) => ({ Component: () => <m.OperatorQueuePage side="federal" /> })),
          },
          {
            path: 'registry/applications/:applicationId',
            lazy: () =>
              operatorPages().then((m) => ({
                Component: () => <m.OperatorApplicationPage side="federal" />,
              })),
          },
        ],
      },
    ],
  },
];
