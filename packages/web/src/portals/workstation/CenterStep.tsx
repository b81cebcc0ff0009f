import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { centerServiceLabels, type WorkstationSession } from '@openesia/contracts';
import { useMutation } from '@tanstack/react-query';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { chooseCenter, useOnRefused, useSetSession, useWorkstationCenters } from './api';

/**
 * «Выберите центр обслуживания»: the active centers of the organization the operator is attached
 * to; every operation is recorded with the center it was done at.
 */
export function CenterStep({ current, onCancel }: { current: string | null; onCancel?: () => void }) {
  const centers = useWorkstationCenters();
  const setSession = useSetSession();
  const onRefused = useOnRefused();
  const choose = useMutation({
    mutationFn: chooseCenter,
    onSuccess: (session: WorkstationSession) => {
      setSession(session);
      onCancel?.();
    },
    onError: onRefused,
  });

  return (
    <Stack maw={800} mx="auto" gap="lg">
      <Title order={1}>Выберите центр обслуживания</Title>
      <Text c="dimmed">
        Центры обслуживания организации со статусом «Действующий», к которым вы прикреплены. Операции
        записываются в журнал с указанием центра.
      </Text>
      {choose.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(choose.error))}
        </Alert>
      )}
      {centers.isPending && <Loader role="status" aria-label="Загрузка центров" />}
      {centers.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(centers.error))}
        </Alert>
      )}
      {centers.data?.length === 0 && (
        <Alert color="yellow" role="alert">
          {errorMessage('workstation.no_center')}
        </Alert>
      )}
      {centers.data?.map((c) => (
        <Card key={c.id} withBorder padding="md" data-testid="ra-center">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {c.address}
              </Text>
              <Group gap={4}>
                {c.services.map((s) => (
                  <Badge key={s} variant="light" size="sm">
                    {centerServiceLabels[s]}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button
              onClick={() => choose.mutate(c.id)}
              loading={choose.isPending && choose.variables === c.id}
              disabled={c.id === current}
              aria-label={`Выбрать: ${c.name}`}
            >
              {c.id === current ? 'Выбран' : 'Выбрать'}
            </Button>
          </Group>
        </Card>
      ))}
      {onCancel && (
        <div>
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
        </div>
      )}
    </Stack>
  );
}
