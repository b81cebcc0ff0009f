import {
  Anchor,
  AppShell,
  Burger,
  Button,
  Container,
  Group,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useRefreshSession, useSession } from '../api/session';
import { TEMPORARY_PASSWORD_PATH } from '../portals/citizen/auth/TemporaryPasswordPage';
import { ActingForAfterSignIn, ActingForMenu } from '../portals/organization/ActingForMenu';

/** The link's name is its visible text (WCAG 2.5.3), so a person who says what they see can follow it. */
function Logo() {
  return (
    <UnstyledButton component={Link} to="/">
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <Stack gap={0}>
          <Text fw={700} size="lg" lh={1.1} c="stateBlue.7">
            OpenESIA
          </Text>
          {/* Not between md and xl: there the header holds every link in one line and needs the room
              (acting for an organization: its name, «Технологический портал», the person's name). */}
          <Text
            size="xs"
            c="dimmed"
            lh={1.1}
            display={{ base: 'none', xs: 'block', md: 'none', xl: 'block' }}
          >
            Единая система идентификации и аутентификации
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/**
 * A temporary password from a service center must be replaced before anything else: the API
 * refuses every other call meanwhile, so every page leads to «Смена временного пароля».
 */
function PasswordChangeGate({ children }: { children: React.ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  if (session.data?.account?.passwordChangeRequired && pathname !== TEMPORARY_PASSWORD_PATH)
    return <Navigate to={TEMPORARY_PASSWORD_PATH} replace />;
  return children;
}

export function Layout() {
  const session = useSession();
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  // The menu is for narrow screens only: widening the window closes it. Below `md` (62em) a tablet's
  // header cannot hold the logo, «Войти как», the staff's links, the name and «Выйти» in one line.
  const wide = useMediaQuery('(min-width: 62em)');
  useEffect(() => {
    if (wide) close();
  }, [wide, close]);
  const account = session.data?.account;

  const logout = async () => {
    close();
    await api.post('/logout');
    await refresh();
    await navigate('/');
  };

  // The staff's portals, for those who hold the role in this session (GET /api/session), while
  // they act for themselves: acting for an organization, the header holds its name instead, and
  // the organization's page links to its region's queue.
  const staff = session.data?.actingFor ? null : session.data?.staff;
  const links = account ? (
    <>
      <ActingForMenu onNavigate={close} />
      {/* For members of «Технологический портал» (the groups open now, as the session says); the
          portal itself tells anyone else who reaches it why it stays closed. */}
      {session.data?.actingFor?.groups.includes('tech_portal') && (
        <Anchor component={Link} to="/tech/centers" onClick={close} style={{ whiteSpace: 'nowrap' }}>
          Технологический портал
        </Anchor>
      )}
      {staff?.federalOperator && (
        <Anchor component={Link} to="/registry/trust-list" onClick={close}>
          Реестр
        </Anchor>
      )}
      {staff?.regionalOperatorOf && (
        <Anchor component={Link} to="/regional-operator/organizations" onClick={close}>
          Региональный оператор
        </Anchor>
      )}
      <Anchor component={Link} to="/profile" onClick={close}>
        {account.firstName} {account.lastName}
      </Anchor>
      <Button variant="subtle" onClick={logout}>
        Выйти
      </Button>
    </>
  ) : (
    <>
      <Button component={Link} to="/login" variant="default" onClick={close}>
        Войти
      </Button>
      <Button component={Link} to="/register" onClick={close}>
        Зарегистрироваться
      </Button>
    </>
  );

  return (
    <AppShell
      header={{ height: 68 }}
      padding="md"
      navbar={{ width: 260, breakpoint: 'md', collapsed: { desktop: true, mobile: !opened } }}
    >
      <a className="skip-link" href="#main">
        Перейти к содержимому
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Logo />
            <Group gap="sm" visibleFrom="md" wrap="nowrap">
              {links}
            </Group>
            <Group gap="xs" wrap="nowrap" hiddenFrom="md">
              {/* On a phone «Войти» stays in sight; the home page offers «Зарегистрироваться» too. */}
              {!account && !session.isPending && (
                <Button component={Link} to="/login" variant="default" size="sm">
                  Войти
                </Button>
              )}
              <Burger
                opened={opened}
                onClick={toggle}
                aria-label="Меню"
                aria-expanded={opened}
                aria-controls="main-menu"
              />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      {/* Closed, the menu is only moved off the screen: inert keeps it out of the tab order and
          away from screen readers. */}
      <AppShell.Navbar p="md" id="main-menu" aria-label="Меню" inert={!opened}>
        <Stack>{links}</Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Container size="lg" py="md">
          <PasswordChangeGate>
            <ActingForAfterSignIn />
            <Outlet />
          </PasswordChangeGate>
        </Container>
        <Container size="lg" py="xl">
          <Stack gap={4}>
            <Group gap="md">
              <Anchor component={Link} to="/public/ra" size="xs">
                Карта центров обслуживания
              </Anchor>
              <Anchor component={Link} to="/complaint" size="xs">
                Пожаловаться на центр обслуживания
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed">
              OpenESIA — открытая реализация системы идентификации. Данные обрабатываются в соответствии с
              152-ФЗ «О персональных данных».
            </Text>
          </Stack>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
