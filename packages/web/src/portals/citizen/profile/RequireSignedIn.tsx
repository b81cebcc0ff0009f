import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../../../api/session';

/** The personal pages are for the signed-in citizen; anyone else is sent to «Войти» and back. */
export function RequireSignedIn() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка" />
      </Center>
    );
  }
  if (!session.data?.account) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  return <Outlet />;
}
