import type { TrustedRoot } from '@openesia/contracts';
import { trustListSchema } from '@openesia/contracts';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiRequestError, api } from '../../api/client';
import { splitError } from '../../forms/errors';
import { AddRootCard } from './AddRootCard';
import { ImportListCard } from './ImportListCard';
import { RegistryNav } from './RegistryNav';
import { RootList } from './RootList';
import { trustListKey, type Feedback } from './trustList';

/** The text of a refusal; a field code says more than `validation.failed`. */
const describe = (err: unknown) => splitError(err, { isField: () => false }).form ?? '';

/**
 * «Перечень аккредитованных удостоверяющих центров»: the roots a qualified signature must chain to
 * (63-ФЗ ст. 16). Kept by the federal operator: add a root certificate, import the XML list of
 * e-trust.gosuslugi.ru, remove a CA. Every change is recorded in the audit log by the server.
 * Signed-out visitors never get here (RequireSignedIn); a person without the role is told why.
 */
export function TrustListPage() {
  const client = useQueryClient();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [removing, setRemoving] = useState<TrustedRoot | null>(null);
  const list = useQuery({
    queryKey: trustListKey,
    queryFn: () => api.get('/registry/trust-list', trustListSchema),
    // A refusal will not change on a second try.
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 1,
  });
  const refresh = () => client.invalidateQueries({ queryKey: trustListKey });
  const failed = (err: unknown) => setFeedback({ kind: 'failed', text: describe(err) });
  const done = (text: string) => {
    setFeedback({ kind: 'done', text });
    void refresh();
  };
  const remove = useMutation({
    mutationFn: (root: TrustedRoot) => api.delete(`/registry/trust-list/${root.id}`),
    onSuccess: (_, root) => {
      setRemoving(null);
      done(`Удостоверяющий центр «${root.name}» исключён из перечня.`);
    },
    onError: (err) => {
      setRemoving(null);
      failed(err);
    },
  });

  const header = (
    <Stack gap="xs">
      <RegistryNav />
      <Title order={1} size="h2">
        Перечень аккредитованных удостоверяющих центров
      </Title>
      <Text c="dimmed" size="sm">
        Квалифицированная электронная подпись принимается, только если сертификат выдан удостоверяющим центром
        из этого перечня (63-ФЗ, ст. 16). Перечень ведёт федеральный оператор; изменения записываются в журнал
        аудита.
      </Text>
    </Stack>
  );

  if (list.isPending) {
    return (
      <Stack gap="md" maw={1100} mx="auto">
        {header}
        <Center py="xl">
          <Loader role="status" aria-label="Загрузка перечня" />
        </Center>
      </Stack>
    );
  }
  if (list.isError) {
    const forbidden = list.error instanceof ApiRequestError && list.error.code === 'auth.forbidden';
    return (
      <Stack gap="md" maw={1100} mx="auto">
        {header}
        {forbidden ? (
          <NoAccess />
        ) : (
          <LoadFailed message={describe(list.error)} onRetry={() => list.refetch()} />
        )}
      </Stack>
    );
  }

  const roots = list.data.roots;
  const active = roots.filter((r) => r.status === 'active').length;
  return (
    <Stack gap="md" maw={1100} mx="auto">
      {header}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <AddRootCard onAdded={(root) => done(`Добавлен удостоверяющий центр «${root.name}».`)} />
        <ImportListCard
          onImported={(r) =>
            done(
              `Перечень загружен: добавлено ${r.added}, пропущено ${r.skipped} (уже есть в перечне, аккредитация не действует или это не сертификат УЦ).`,
            )
          }
          onFailed={failed}
        />
      </SimpleGrid>

      {feedback && (
        <Alert
          color={feedback.kind === 'done' ? 'teal' : 'red'}
          role={feedback.kind === 'done' ? 'status' : 'alert'}
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setFeedback(null)}
        >
          {feedback.text}
        </Alert>
      )}

      <Stack gap={4}>
        <Title order={2} size="h3" id="roots-title">
          Удостоверяющие центры в перечне: {active}
        </Title>
        {roots.length > active && (
          <Text size="sm" c="dimmed">
            Исключённые из перечня и прекратившие аккредитацию центры ({roots.length - active}) показаны для
            истории: подписи их сертификатами не принимаются.
          </Text>
        )}
      </Stack>
      {active === 0 && (
        <Alert color="yellow">
          В перечне нет действующих центров: ни одна квалифицированная подпись не будет принята.
        </Alert>
      )}
      {roots.length > 0 && <RootList roots={roots} onRemove={setRemoving} />}

      <Modal opened={!!removing} onClose={() => setRemoving(null)} title="Исключить из перечня?" centered>
        {removing && (
          <Stack gap="md">
            <Text size="sm">
              «{removing.name}» будет исключён из перечня. Подписи, сделанные сертификатами этого
              удостоверяющего центра, перестанут приниматься.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Отмена
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing)}>
                Исключить
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function NoAccess() {
  return (
    <Alert
      color="yellow"
      role="alert"
      title="Нет доступа к перечню"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="xs">
        <Text size="sm">
          Перечень аккредитованных удостоверяющих центров ведёт федеральный оператор (оператор ЕСИА). У вашей
          учётной записи нет этой роли. Если вы сотрудник оператора, попросите администратора системы
          назначить её.
        </Text>
        <Anchor component={Link} to="/" size="sm">
          Вернуться на главную
        </Anchor>
      </Stack>
    </Alert>
  );
}

function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert color="red" role="alert" title="Не удалось загрузить перечень">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="light" onClick={onRetry}>
          Повторить
        </Button>
      </Stack>
    </Alert>
  );
}
