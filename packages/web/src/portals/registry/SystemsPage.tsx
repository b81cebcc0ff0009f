import {
  Alert,
  Anchor,
  Button,
  Card,
  Chip,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  oidcClientStatuses,
  oidcClientStatusLabels,
  type OidcClientStatus,
  type OidcSystemView,
} from '@openesia/contracts';
import { Link, useSearchParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDateTime } from '../citizen/profile/texts';
import { Field } from '../organization/texts';
import { SystemStatusBadge } from '../systems/SystemDetails';
import { useFederalSystems } from './systemsApi';

/** Who may see the registry's systems, said when someone else opens the page. */
export function SystemsRefusal({ error }: { error: unknown }) {
  const code = errorCodeOf(error);
  return code === 'auth.forbidden' ? (
    <Alert color="yellow" title="Нет доступа к информационным системам" role="alert">
      Информационные системы согласует оператор ЕСИА. Войдите под учётной записью сотрудника оператора ЕСИА.
    </Alert>
  ) : (
    <Alert color="red" role="alert">
      {errorMessage(code)}
    </Alert>
  );
}

const isStatus = (value: string | null): value is OidcClientStatus =>
  (oidcClientStatuses as readonly string[]).includes(value ?? '');

/**
 * «Информационные системы» of the operator of ЕСИА (issue 13): every system registered to sign
 * citizens in — the organizations' from their technological portals and the registry's own (the
 * console's, the demo system) — newest first, by status; a system's page holds the decisions.
 */
export function SystemsPage() {
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get('status')) ? (params.get('status') as OidcClientStatus) : null;
  const list = useFederalSystems(status);

  let body;
  if (list.isPending) body = <Loader role="status" aria-label="Загрузка информационных систем" />;
  else if (list.isError) body = <SystemsRefusal error={list.error} />;
  else {
    const systems = list.data.pages.flatMap((p) => p.systems);
    body = (
      <Stack gap="md">
        {systems.length === 0 && <Text c="dimmed">Информационных систем с таким статусом нет.</Text>}
        {systems.map((s) => (
          <SystemCard key={s.clientId} system={s} />
        ))}
        {list.hasNextPage && (
          <div>
            <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Показать ещё
            </Button>
          </div>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Информационные системы</Title>
        <Text c="dimmed">
          Системы, которые выполняют вход пользователей через ЕСИА. Система организации может выполнять вход
          только после одобрения; заблокированная система не может ни выполнять вход, ни получать токены.
        </Text>
      </Stack>
      <Chip.Group
        value={status ?? 'all'}
        onChange={(value) => setParams(value === 'all' ? {} : { status: value as string }, { replace: true })}
      >
        <Group gap="xs" wrap="wrap" role="radiogroup" aria-label="Статус информационных систем">
          {[
            ['all', 'Все'] as const,
            ...oidcClientStatuses.map((s) => [s, oidcClientStatusLabels[s]] as const),
          ].map(([value, label]) => (
            <Chip key={value} value={value} type="radio">
              {label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {body}
    </Stack>
  );
}

function SystemCard({ system: s }: { system: OidcSystemView }) {
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={`system-${s.clientId}`}
      data-testid="federal-system"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            to={`/registry/systems/${encodeURIComponent(s.clientId)}`}
            fw={600}
            id={`system-${s.clientId}`}
            style={{ overflowWrap: 'break-word', minWidth: 0, flex: '1 1 14rem' }}
          >
            {s.name}
          </Anchor>
          <SystemStatusBadge status={s.status} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label="Мнемоника" value={s.clientId} />
          <Field label="Организация" value={s.organization?.shortName ?? 'Реестр оператора ЕСИА'} />
          <Field label="Зарегистрирована" value={formatDateTime(s.createdAt)} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
