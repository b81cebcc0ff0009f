import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { organizationStatusLabels } from '@openesia/contracts';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { useActFor, useMyOrganizations } from './api';

/**
 * «Частное лицо» or «Войти как сотрудник организации» (seed 000, section 3): the choice after
 * sign-in, on the organization's page when none is chosen, and in the header's menu.
 */
export function ActingForChoice({ onChosen }: { onChosen?(organizationId: string | null): void }) {
  const session = useSession();
  const organizations = useMyOrganizations({ poll: false });
  const actFor = useActFor();
  const current = session.data?.actingFor?.organizationId ?? null;
  const choose = (id: string | null) => actFor.mutate(id, { onSuccess: () => onChosen?.(id) });

  if (organizations.isPending) return <Loader size="sm" role="status" aria-label="Загрузка организаций" />;
  const list = (organizations.data?.organizations ?? []).filter((o) => o.status !== 'rejected');
  return (
    <Stack gap="xs">
      <Button
        variant={current === null ? 'filled' : 'default'}
        justify="space-between"
        onClick={() => choose(null)}
        loading={actFor.isPending && actFor.variables === null}
        aria-pressed={current === null}
        h="auto"
        py={8}
      >
        Частное лицо
      </Button>
      {list.map((o) => (
        <Button
          key={o.id}
          variant={current === o.id ? 'filled' : 'default'}
          onClick={() => choose(o.id)}
          loading={actFor.isPending && actFor.variables === o.id}
          aria-pressed={current === o.id}
          h="auto"
          py={8}
          styles={{
            label: { whiteSpace: 'normal', textAlign: 'left' },
            inner: { justifyContent: 'space-between' },
          }}
          fullWidth
        >
          <Stack gap={0} align="flex-start">
            <Text size="xs" c={current === o.id ? undefined : 'dimmed'} inherit={false}>
              Войти как сотрудник организации
            </Text>
            <Text fw={700} size="sm" inherit={false}>
              {o.shortName}
            </Text>
            {o.status !== 'registered' && (
              <Text size="xs" inherit={false}>
                {organizationStatusLabels[o.status]}
              </Text>
            )}
          </Stack>
        </Button>
      ))}
      {actFor.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(actFor.error))}
        </Alert>
      )}
    </Stack>
  );
}
