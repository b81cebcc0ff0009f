import type { RouteObject } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { RecoverPage } from './auth/RecoverPage';
import { RegisterConfirmPage } from './auth/RegisterConfirmPage';
import { RegisterPage } from './auth/RegisterPage';

/** Registration, sign-in and password recovery of citizens (seed 000, section 1). */
export const authRoutes: RouteObject[] = [
  { path: 'register', element: <RegisterPage /> },
  { path: 'register/confirm', element: <RegisterConfirmPage /> },
  { path: 'login', element: <LoginPage /> },
  { path: 'recover', element: <RecoverPage /> },
];
