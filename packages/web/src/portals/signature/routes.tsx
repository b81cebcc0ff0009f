import type { RouteObject } from 'react-router';

export const signatureRoutes: RouteObject[] = [];
