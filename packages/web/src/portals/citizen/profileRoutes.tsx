import type { RouteObject } from 'react-router';
import { ConfirmPage } from './profile/ConfirmPage';
import { PersonalDataPage } from './profile/PersonalDataPage';
import { ProfilePage } from './profile/ProfilePage';
import { RequireSignedIn } from './profile/RequireSignedIn';
import { TemporaryPasswordPage } from './auth/TemporaryPasswordPage';

/** The signed-in citizen's pages: the personal page, personal data, identity confirmation. */
export const profileRoutes: RouteObject[] = [
  {
    element: <RequireSignedIn />,
    children: [
      { path: 'profile', element: <ProfilePage /> },
      { path: 'profile/personal-data', element: <PersonalDataPage /> },
      { path: 'profile/confirm', element: <ConfirmPage /> },
      { path: 'profile/temporary-password', element: <TemporaryPasswordPage /> },
    ],
  },
];
