import type { RouteObject } from 'react-router';

// Loaded on demand: the signing module (pkijs, GOST) is large and only these pages need it.
export const signatureRoutes: RouteObject[] = [
  { path: 'signature/keys', lazy: () => import('./KeysPage').then((m) => ({ Component: m.KeysPage })) },
  {
    path: 'login/signature',
    lazy: () => import('./SignatureLoginPage').then((m) => ({ Component: m.SignatureLoginPage })),
  },
];
