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
import { Link, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useRefreshSession, useSession } from '../api/session';
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
          <Text size="xs" c="dimmed" lh={1.1} visibleFrom="xs">
            Единая система идентификации и аутентификации
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

export function Layout() {
  const session = useSession();
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  // The menu is for narrow screens only: widening the window closes it.
  const wide = useMediaQuery('(min-width: 48em)');
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

  const links = account ? (
    <>
      <ActingForMenu onNavigate={close} />
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
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }}
    >
      <a className="skip-link" href="#main">
        Перейти к содержимому
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Logo />
            <Group gap="sm" visibleFrom="sm">
              {links}
            </Group>
            <Group gap="xs" wrap="nowrap" hiddenFrom="sm">
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
          <ActingForAfterSignIn />
          <Outlet />
        </Container>
        <Container size="lg" py="xl">
          <Stack gap={4}>
            <Anchor component={Link} to="/complaint" size="xs">
              Пожаловаться на центр обслуживания
            </Anchor>
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
