import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { blockSystemSchema, type OidcSystemView } from '@openesia/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormMessage } from '../../forms/FormMessage';
import { errorCodeOf } from '../../forms/errors';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { SystemDetails, SystemStatusBadge } from '../systems/SystemDetails';
import { useDecideSystem, useFederalSystem } from './systemsApi';
import { SystemsRefusal } from './SystemsPage';

function Trail({ label }: { label: string }) {
  return (
    <Breadcrumbs
      component="nav"
      aria-label="Реестр"
      separatorMargin={6}
      styles={{ root: { flexWrap: 'wrap', rowGap: 4 }, breadcrumb: { whiteSpace: 'normal', minWidth: 0 } }}
    >
      <Anchor component={Link} to="/registry/systems" size="sm">
        Информационные системы
      </Anchor>
      <Text size="sm" c="dimmed" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
        {label}
      </Text>
    </Breadcrumbs>
  );
}

/**
 * A system in the registry of the operator of ЕСИА: its registration, and «Одобрить» (on
 * approval), «Заблокировать» with the reason the organization reads in its journal, «Снять
 * блокировку» (back to «Действующая» if it was ever approved, else to «На согласовании»).
 */
export function SystemPage() {
  const { clientId = '' } = useParams();
  const system = useFederalSystem(clientId);
  if (system.isPending) return <Loader role="status" aria-label="Загрузка информационной системы" />;
  if (system.isError)
    return (
      <Stack gap="lg">
        <Trail label="Информационная система" />
        <Title order={1}>Информационная система</Title>
        <SystemsRefusal error={system.error} />
      </Stack>
    );
  return <Decisions system={system.data} />;
}

function Decisions({ system: s }: { system: OidcSystemView }) {
  const decide = useDecideSystem(s.clientId);
  const [blocking, setBlocking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = (decision: 'approve' | 'unblock', message: string) => {
    setDone(null);
    decide.mutate({ decision }, { onSuccess: () => setDone(message) });
  };
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Trail label={s.name} />
        <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {s.name}
          </Title>
          <SystemStatusBadge status={s.status} />
        </Group>
      </Stack>
      {done && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setDone(null)}
        >
          {done}
        </Alert>
      )}
      {decide.isError && !blocking && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(decide.error))}
        </Alert>
      )}
      <Group gap="sm" wrap="wrap">
        {s.status === 'pending' && (
          <Button
            onClick={() => run('approve', 'Система одобрена: теперь она может выполнять вход пользователей.')}
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            w={{ base: '100%', xs: 'auto' }}
          >
            Одобрить
          </Button>
        )}
        {s.status === 'blocked' ? (
          <Button
            variant="default"
            onClick={() =>
              run(
                'unblock',
                s.approvedAt
                  ? 'Блокировка снята: система снова действующая.'
                  : 'Блокировка снята: система снова на согласовании.',
              )
            }
            loading={decide.isPending && decide.variables?.decision === 'unblock'}
            w={{ base: '100%', xs: 'auto' }}
          >
            Снять блокировку
          </Button>
        ) : (
          <Button
            color="red"
            variant="light"
            onClick={() => {
              setDone(null);
              decide.reset();
              setBlocking(true);
            }}
            w={{ base: '100%', xs: 'auto' }}
          >
            Заблокировать
          </Button>
        )}
      </Group>
      <SystemDetails system={s} />
      <Modal
        opened={blocking}
        onClose={() => setBlocking(false)}
        title="Заблокировать информационную систему"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        {blocking && (
          <BlockForm
            system={s}
            onCancel={() => setBlocking(false)}
            onBlocked={() => {
              setBlocking(false);
              setDone(`Система «${s.name}» заблокирована.`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function BlockForm({
  system,
  onCancel,
  onBlocked,
}: {
  system: OidcSystemView;
  onCancel(): void;
  onBlocked(): void;
}) {
  const decide = useDecideSystem(system.clientId);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { reason: '' },
    schema: blockSystemSchema,
    submit: (input: { reason: string }) => decide.mutateAsync({ decision: 'block', reason: input.reason }),
    onSuccess: onBlocked,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          «{system.name}» не сможет выполнять вход пользователей и получать токены, пока блокировка не снята.
          {system.organization ? ' Причину увидят в журнале организации.' : ''}
        </Text>
        <Textarea
          label="Причина блокировки"
          required
          rows={3}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <FormMessage message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            Заблокировать
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
