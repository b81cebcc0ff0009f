import type { RouteObject } from 'react-router';
import { InteractionPage } from './InteractionPage';

/** Signing in to other information systems through OpenESIA (OpenID Connect). */
export const oidcRoutes: RouteObject[] = [{ path: 'oidc-interaction/:uid', element: <InteractionPage /> }];
