import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { OidcSystemView } from '@openesia/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../citizen/profile/texts';
import { scopesText, SystemStatusBadge } from '../systems/SystemDetails';
import { useOwnSystems } from './systemsApi';
import { Loading, TechError, TechPortalPage, TechTrail } from './TechPortal';

/**
 * «Информационные системы» (issue 13): the organization's systems that sign citizens in through
 * ЕСИА, with their status of approval by the operator of ЕСИА, and «Добавить информационную систему».
 */
export function SystemsPage() {
  return (
    <TechPortalPage>
      <Systems />
    </TechPortalPage>
  );
}

function Systems() {
  const systems = useOwnSystems();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <TechTrail items={[{ label: 'Информационные системы' }]} />
        <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
          <Title order={1}>Информационные системы</Title>
          {systems.isSuccess && (
            <Button component={Link} to="/tech/systems/new" w={{ base: '100%', xs: 'auto' }}>
              Добавить информационную систему
            </Button>
          )}
        </Group>
        <Text c="dimmed">
          Системы организации, которые выполняют вход пользователей через ЕСИА (OpenID Connect). Новая система
          может выполнять вход после одобрения оператором ЕСИА.
        </Text>
      </Stack>
      {systems.isPending && <Loading label="Загрузка информационных систем" />}
      {systems.isError && <TechError error={systems.error} />}
      {systems.isSuccess && systems.data.systems.length === 0 && (
        <Text c="dimmed">Информационных систем пока нет.</Text>
      )}
      {systems.isSuccess && systems.data.systems.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {systems.data.systems.map((s) => (
            <SystemCard key={s.clientId} system={s} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function SystemCard({ system: s }: { system: OidcSystemView }) {
  return (
    <Card withBorder padding="md" component="li" data-testid="system-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            to={`/tech/systems/${encodeURIComponent(s.clientId)}`}
            fw={600}
            style={{ overflowWrap: 'break-word', minWidth: 0, flex: '1 1 14rem' }}
          >
            {s.name}
          </Anchor>
          <SystemStatusBadge status={s.status} />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span c="dimmed" size="sm">
            Мнемоника:
          </Text>{' '}
          {s.clientId}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Области доступа:
          </Text>{' '}
          {scopesText(s.scopes)}
        </Text>
        <Text size="sm" c="dimmed">
          Зарегистрирована {formatDateTime(s.createdAt)}
        </Text>
      </Stack>
    </Card>
  );
}
