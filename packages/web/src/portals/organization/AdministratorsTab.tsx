import { Alert, Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { organizationRoleLabels, type OrganizationMember } from '@openesia/contracts';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { useMembers, useSetAdministrator } from './api';
import type { Abilities } from './abilities';
import { personName } from './texts';

/**
 * «Администраторы»: the head makes employees administrators of the organization's profile and
 * takes that back (seed 004, step 2.1); the others see who the administrators are.
 */
export function AdministratorsTab({ can }: { can: Abilities }) {
  const members = useMembers('');
  const setAdministrator = useSetAdministrator();
  const list = members.data?.pages.flatMap((p) => p.members) ?? [];
  const shown = can.head
    ? list
    : list.filter((m) => m.roles.includes('administrator') || m.roles.includes('head'));

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {can.head
          ? 'Администратор профиля организации приглашает сотрудников, управляет их доступом к системам и данными организации. Назначать администраторов может только руководитель.'
          : 'Назначать администраторов профиля организации может только руководитель.'}
      </Text>
      {members.isPending && <Loader size="sm" role="status" aria-label="Загрузка сотрудников" />}
      {members.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(members.error))}
        </Alert>
      )}
      {setAdministrator.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(setAdministrator.error))}
        </Alert>
      )}
      {shown.map((m) => (
        <AdministratorRow
          key={m.accountId}
          member={m}
          head={can.head}
          pending={setAdministrator.isPending && setAdministrator.variables?.accountId === m.accountId}
          onChange={(administrator) => setAdministrator.mutate({ accountId: m.accountId, administrator })}
        />
      ))}
      {members.hasNextPage && (
        <div>
          <Button
            variant="default"
            onClick={() => members.fetchNextPage()}
            loading={members.isFetchingNextPage}
          >
            Показать ещё
          </Button>
        </div>
      )}
    </Stack>
  );
}

function AdministratorRow({
  member: m,
  head,
  pending,
  onChange,
}: {
  member: OrganizationMember;
  head: boolean;
  pending: boolean;
  onChange(administrator: boolean): void;
}) {
  const isAdministrator = m.roles.includes('administrator');
  const isHead = m.roles.includes('head');
  return (
    <Card withBorder padding="sm" data-testid="administrator-row">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {personName(m)}
          </Text>
          <Group gap={4}>
            {isHead && <Badge variant="light">{organizationRoleLabels.head}</Badge>}
            {isAdministrator && (
              <Badge variant="light" color="teal">
                {organizationRoleLabels.administrator}
              </Badge>
            )}
          </Group>
        </Stack>
        {head && !isHead && (
          <Button
            size="xs"
            variant={isAdministrator ? 'default' : 'light'}
            loading={pending}
            onClick={() => onChange(!isAdministrator)}
            aria-label={`${isAdministrator ? 'Снять права администратора' : 'Назначить администратором'}: ${personName(m)}`}
          >
            {isAdministrator ? 'Снять права администратора' : 'Назначить администратором'}
          </Button>
        )}
      </Group>
    </Card>
  );
}
