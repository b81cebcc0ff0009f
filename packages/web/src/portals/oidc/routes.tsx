import type { RouteObject } from 'react-router';
import { RequireSignedIn } from '../citizen/profile/RequireSignedIn';
import { InteractionPage } from './InteractionPage';
import { PermissionsPage } from './PermissionsPage';

/** Signing in to other information systems through OpenESIA (OpenID Connect), and the consents given. */
export const oidcRoutes: RouteObject[] = [
  { path: 'oidc-interaction/:uid', element: <InteractionPage /> },
  // The ESIA-compatible interface's steps (server: services/esia/authorization.ts), the same page.
  { path: 'esia-interaction/:uid', element: <InteractionPage apiPrefix="/esia/interaction" /> },
  { element: <RequireSignedIn />, children: [{ path: 'profile/permissions', element: <PermissionsPage /> }] },
];
