import type { RouteObject } from 'react-router';

/**
 * «Карта центров обслуживания» at /public/ra (the address ЕСИА's own map has), without signing in.
 * Leaflet and supercluster load with the page, not with the rest of the app.
 */
export const mapRoutes: RouteObject[] = [
  {
    path: 'public/ra',
    lazy: () => import('./MapPage').then((m) => ({ Component: m.MapPage })),
  },
];
