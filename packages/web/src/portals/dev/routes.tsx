import type { RouteObject } from 'react-router';

export const devRoutes: RouteObject[] = [];
