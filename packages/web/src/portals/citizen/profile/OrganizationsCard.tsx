import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { AccountLevel } from '@openesia/contracts';
import { Link, useNavigate } from 'react-router';
import { errorCodeOf } from '../../../forms/errors';
import { errorMessage } from '../../../i18n/ru';
import { useActFor, useMyOrganizations } from '../../organization/api';
import { StatusBadge, StatusReason, regionLabel, rolesText } from '../../organization/texts';

/**
 * «Организации» on the personal page (seed 000, section 2): the person's organizations with the
 * state of their registration — the ЕГРЮЛ check is followed here — and «+ Добавить организацию»,
 * which only a confirmed account may use.
 */
export function OrganizationsCard({ level }: { level: AccountLevel }) {
  const organizations = useMyOrganizations();
  const actFor = useActFor();
  const navigate = useNavigate();
  const list = organizations.data?.organizations ?? [];

  const enter = (id: string) => actFor.mutate(id, { onSuccess: () => void navigate('/organization') });

  return (
    <Card withBorder padding="lg" aria-labelledby="organizations-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="organizations-title">
            Организации
          </Title>
          {level === 'confirmed' && (
            <Button component={Link} to="/profile/organizations/new" variant="light">
              + Добавить организацию
            </Button>
          )}
        </Group>
        {level !== 'confirmed' && (
          <Text size="sm" c="dimmed">
            Добавить организацию может только пользователь с подтверждённой учётной записью.{' '}
            <Anchor component={Link} to="/profile/confirm">
              Подтвердить личность
            </Anchor>
          </Text>
        )}
        {organizations.isPending && <Loader size="sm" role="status" aria-label="Загрузка организаций" />}
        {organizations.isError && (
          <Alert color="red" role="alert">
            {errorMessage(errorCodeOf(organizations.error))}
          </Alert>
        )}
        {organizations.isSuccess && list.length === 0 && (
          <Text c="dimmed">Вы не состоите ни в одной организации.</Text>
        )}
        {list.map((o) => (
          <Card key={o.id} withBorder padding="md" bg="gray.0" data-testid="my-organization">
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
                <Stack gap={0} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                  <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                    {o.shortName}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {o.fullName}
                  </Text>
                </Stack>
                <StatusBadge status={o.status} />
              </Group>
              <Text size="sm">
                ОГРН {o.ogrn} · {regionLabel(o.regionCode)}
              </Text>
              {o.roles.length > 0 && <Text size="sm">Ваша роль: {rolesText(o.roles)}</Text>}
              {o.status === 'checking' && (
                <Group gap="xs" wrap="nowrap" role="status">
                  <Loader size="xs" aria-hidden />
                  <Text size="sm">
                    Выполняется проверка в ФНС (ЕГРЮЛ). О результате мы сообщим по электронной почте.
                  </Text>
                </Group>
              )}
              <StatusReason status={o.status} refusal={o.refusal} returnReason={o.returnReason} />
              {o.status !== 'rejected' && (
                <div>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => enter(o.id)}
                    loading={actFor.isPending && actFor.variables === o.id}
                    aria-label={`Войти как сотрудник организации ${o.shortName}`}
                  >
                    Войти как сотрудник организации
                  </Button>
                </div>
              )}
            </Stack>
          </Card>
        ))}
        {actFor.isError && (
          <Alert color="red" role="alert">
            {errorMessage(errorCodeOf(actFor.error))}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
