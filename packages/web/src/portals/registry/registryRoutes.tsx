import type { RouteObject } from 'react-router';
import { TrustListPage } from './TrustListPage';

/** Pages of the federal operator («оператор ЕСИА»). */
export const registryRoutes: RouteObject[] = [{ path: 'registry/trust-list', element: <TrustListPage /> }];
