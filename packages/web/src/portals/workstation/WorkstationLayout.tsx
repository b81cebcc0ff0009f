import { Anchor, Box, Button, Container, Group, Stack, Text } from '@mantine/core';
import type { WorkstationSession } from '@openesia/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The workstation's own frame: not the citizen's site header but the operator's — who works, for
 * which organization, at which center — with «Сменить центр» and «Выйти» always in reach.
 */
export function WorkstationLayout({
  session,
  onChangeCenter,
  onLogout,
  children,
}: {
  session: WorkstationSession | null;
  onChangeCenter?: () => void;
  onLogout?: () => void;
  children: ReactNode;
}) {
  return (
    <Box mih="100vh" bg="gray.0">
      <a className="skip-link" href="#ra-main">
        Перейти к содержимому
      </a>
      <Box component="header" bg="stateBlue.8" c="white" py="sm">
        <Container size="xl">
          <Group justify="space-between" gap="sm" wrap="wrap" align="center">
            <Group gap="sm" wrap="nowrap">
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <Text fw={700} size="lg" lh={1.2}>
                АРМ «Центр обслуживания»
              </Text>
            </Group>
            {session && (
              <Group gap="sm" wrap="wrap" justify="flex-end">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="ra-operator">
                    {session.operator.fullName}
                  </Text>
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {session.organization.shortName}
                    {session.center ? ` · ${session.center.name}` : ''}
                  </Text>
                </Stack>
                {session.center && onChangeCenter && (
                  <Button size="xs" variant="white" onClick={onChangeCenter}>
                    Сменить центр
                  </Button>
                )}
                <Button size="xs" variant="outline" color="white" onClick={onLogout}>
                  Выйти
                </Button>
              </Group>
            )}
          </Group>
        </Container>
      </Box>
      <Container size="xl" py="md" component="main" id="ra-main">
        {children}
      </Container>
      <Container size="xl" pb="lg">
        <Group gap="md" justify="space-between" wrap="wrap">
          {session ? (
            <Text size="xs" c="dimmed">
              Сеанс завершится после {session.idleMinutes} минут бездействия.
            </Text>
          ) : (
            <span />
          )}
          <Anchor component={Link} to="/" size="xs">
            На главную OpenESIA
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
