import type { TrustedRoot } from '@openesia/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  FileButton,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiRequestError, api } from '../../api/client';
import { errorMessage } from '../../i18n/ru';

const statusText: Record<TrustedRoot['status'], string> = {
  active: 'Действует',
  suspended: 'Приостановлена',
  revoked: 'Прекращена',
};
const sourceText: Record<TrustedRoot['source'], string> = {
  upload: 'Загружен вручную',
  xml: 'Из перечня XML',
  test_ca: 'Тестовый УЦ',
};
const KEY = ['registry', 'trust-list'];

const date = (iso: string) => new Date(iso).toLocaleDateString('ru-RU');
/** "AB12CD…" -> "AB12 CD…": a thumbprint read aloud or compared by eye goes in groups of four. */
const grouped = (hex: string) => hex.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');

/** The text of a refusal; a field code (e.g. `url.invalid` of the CRL address) says more than `validation.failed`. */
function describe(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return errorMessage('internal');
  if (err.code === 'validation.failed' && err.fields.length) return errorMessage(err.fields[0].code);
  return errorMessage(err.code);
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Reads an uploaded certificate as base64 of its bytes: the server takes DER and PEM alike. */
async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

type Feedback = { kind: 'done' | 'failed'; text: string } | null;

/**
 * «Перечень аккредитованных удостоверяющих центров»: the roots a qualified signature must chain to
 * (63-ФЗ ст. 16). Kept by the federal operator: add a root certificate, import the XML list of
 * e-trust.gosuslugi.ru, remove a CA. Every change is recorded in the audit log by the server.
 * Signed-out visitors never get here (RequireSignedIn); a person without the role is told why.
 */
export function TrustListPage() {
  const client = useQueryClient();
  const [crlUrl, setCrlUrl] = useState('');
  const [crlError, setCrlError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [removing, setRemoving] = useState<TrustedRoot | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ roots: TrustedRoot[] }>('/registry/trust-list'),
    // A refusal will not change on a second try.
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 1,
  });
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const failed = (err: unknown) => setFeedback({ kind: 'failed', text: describe(err) });

  const add = useMutation({
    mutationFn: async (file: File) =>
      api.post<TrustedRoot>('/registry/trust-list', {
        certificate: await fileAsBase64(file),
        ...(crlUrl.trim() ? { crlUrls: [crlUrl.trim()] } : {}),
      }),
    onSuccess: (root) => {
      setFeedback({ kind: 'done', text: `Добавлен удостоверяющий центр «${root.name}».` });
      setCrlUrl('');
      // Not awaited: the message shows at once and the list catches up; a failed refetch shows in its query.
      void refresh();
    },
    onError: (err) => {
      if (err instanceof ApiRequestError && err.fields.some((f) => f.path.startsWith('crlUrls'))) {
        setCrlError(errorMessage('url.invalid'));
        setFeedback(null);
      } else failed(err);
    },
  });
  const importXml = useMutation({
    mutationFn: async (file: File) =>
      api.post<{ added: number; skipped: number }>('/registry/trust-list/import', { xml: await file.text() }),
    onSuccess: (r) => {
      setFeedback({
        kind: 'done',
        text: `Перечень загружен: добавлено ${r.added}, пропущено ${r.skipped} (уже есть в перечне, аккредитация не действует или это не сертификат УЦ).`,
      });
      // Not awaited: the message shows at once and the list catches up; a failed refetch shows in its query.
      void refresh();
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (root: TrustedRoot) => api.delete<void>(`/registry/trust-list/${root.id}`),
    onSuccess: (_, root) => {
      setFeedback({ kind: 'done', text: `Удостоверяющий центр «${root.name}» исключён из перечня.` });
      setRemoving(null);
      // Not awaited: the message shows at once and the list catches up; a failed refetch shows in its query.
      void refresh();
    },
    onError: (err) => {
      setRemoving(null);
      failed(err);
    },
  });

  const pickCertificate = (file: File | null) => {
    if (!file) return;
    if (crlUrl.trim() && !isHttpUrl(crlUrl.trim())) {
      setCrlError(errorMessage('url.invalid'));
      return;
    }
    setCrlError(null);
    setFeedback(null);
    add.mutate(file);
  };
  const pickList = (file: File | null) => {
    if (!file) return;
    setFeedback(null);
    importXml.mutate(file);
  };

  const header = (
    <Stack gap="xs">
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
          <Loader aria-label="Загрузка перечня" />
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
          <Alert
            color="yellow"
            role="alert"
            title="Нет доступа к перечню"
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          >
            <Stack gap="xs">
              <Text size="sm">
                Перечень аккредитованных удостоверяющих центров ведёт федеральный оператор (оператор ЕСИА). У
                вашей учётной записи нет этой роли. Если вы сотрудник оператора, попросите администратора
                системы назначить её.
              </Text>
              <Anchor component={Link} to="/" size="sm">
                Вернуться на главную
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <Alert color="red" role="alert" title="Не удалось загрузить перечень">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{describe(list.error)}</Text>
              <Button size="xs" variant="light" onClick={() => list.refetch()}>
                Повторить
              </Button>
            </Stack>
          </Alert>
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
        <Card withBorder padding="md" component="section" aria-labelledby="add-root-title">
          <Stack gap="sm" h="100%">
            <Title order={2} size="h4" id="add-root-title">
              Добавить корневой сертификат
            </Title>
            <Text size="sm" c="dimmed">
              Файл сертификата удостоверяющего центра (.cer, .crt, .der или .pem). Название и ОГРН берутся из
              сертификата.
            </Text>
            <TextInput
              label="Адрес списка отзыва"
              description="Необязательно: если адреса нет в самом сертификате"
              placeholder="http://…/root.crl"
              inputMode="url"
              value={crlUrl}
              error={crlError}
              onChange={(e) => {
                setCrlUrl(e.currentTarget.value);
                setCrlError(null);
              }}
            />
            <Group mt="auto">
              <FileButton onChange={pickCertificate} accept=".cer,.crt,.der,.pem,application/pkix-cert">
                {(props) => (
                  <Button {...props} loading={add.isPending} w={{ base: '100%', xs: 'auto' }}>
                    Выбрать сертификат…
                  </Button>
                )}
              </FileButton>
            </Group>
          </Stack>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="import-title">
          <Stack gap="sm" h="100%">
            <Title order={2} size="h4" id="import-title">
              Загрузить перечень в формате XML
            </Title>
            <Text size="sm" c="dimmed">
              Файл перечня аккредитованных удостоверяющих центров (TSL.xml с e-trust.gosuslugi.ru).
              Добавляются сертификаты центров с действующей аккредитацией вместе с адресами их списков отзыва;
              те, что уже есть, пропускаются.
            </Text>
            <Group mt="auto">
              <FileButton onChange={pickList} accept=".xml,text/xml,application/xml">
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    loading={importXml.isPending}
                    w={{ base: '100%', xs: 'auto' }}
                  >
                    Выбрать перечень…
                  </Button>
                )}
              </FileButton>
            </Group>
          </Stack>
        </Card>
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

function StatusBadge({ root }: { root: TrustedRoot }) {
  const expired = new Date(root.notAfter).getTime() < Date.now();
  return (
    <Stack gap={4} align="flex-start">
      <Group gap={4}>
        <Badge color={root.status === 'active' ? 'teal' : 'gray'}>{statusText[root.status]}</Badge>
        {expired && <Badge color="red">Сертификат истёк</Badge>}
      </Group>
      {root.excludedAt && (
        <Text size="xs" c="dimmed">
          Исключён из перечня {date(root.excludedAt)}
        </Text>
      )}
    </Stack>
  );
}

function CrlUrls({ urls }: { urls: string[] }) {
  if (!urls.length) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {urls.map((u) => (
        <Text key={u} size="xs" style={{ overflowWrap: 'anywhere' }}>
          {u}
        </Text>
      ))}
    </Stack>
  );
}

/** Only a CA that still counts can be excluded; an excluded one stays listed as history. */
function RemoveButton({ root, onRemove }: { root: TrustedRoot; onRemove: (root: TrustedRoot) => void }) {
  if (root.status !== 'active') return null;
  return (
    <Button
      size="xs"
      color="red"
      variant="light"
      aria-label={`Исключить «${root.name}» из перечня`}
      onClick={() => onRemove(root)}
    >
      Исключить
    </Button>
  );
}

/** A table on a wide screen; on a phone one card per CA, so nothing scrolls sideways. */
function RootList({ roots, onRemove }: { roots: TrustedRoot[]; onRemove: (root: TrustedRoot) => void }) {
  const wide = useMediaQuery('(min-width: 62em)');
  if (!wide) {
    return (
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="roots-title">
        {roots.map((root) => (
          <Card key={root.id} withBorder padding="md" component="li" aria-label={root.name}>
            <Stack gap="xs">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {root.name}
              </Text>
              <StatusBadge root={root} />
              <Field label="ОГРН">{root.ogrn ?? <NoValue />}</Field>
              {root.registryNumber && <Field label="Реестровый номер">{root.registryNumber}</Field>}
              <Field label="Сертификат действует">
                {date(root.notBefore)} — {date(root.notAfter)}
              </Field>
              <Field label="Отпечаток (SHA-1)">
                <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {grouped(root.thumbprint)}
                </Text>
              </Field>
              <Field label="Списки отзыва">
                <CrlUrls urls={root.crlUrls} />
              </Field>
              <Field label="Источник">{sourceText[root.source]}</Field>
              <Group justify="flex-end">
                <RemoveButton root={root} onRemove={onRemove} />
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped highlightOnHover verticalSpacing="sm" layout="fixed" aria-labelledby="roots-title">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="21%">Название</Table.Th>
          <Table.Th w="12%">ОГРН</Table.Th>
          <Table.Th w="15%">Статус</Table.Th>
          <Table.Th w="20%">Сертификат</Table.Th>
          <Table.Th w="18%">Списки отзыва</Table.Th>
          <Table.Th w="14%">Источник</Table.Th>
          <Table.Th w={110}>
            <VisuallyHidden>Действия</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {roots.map((root) => (
          <Table.Tr key={root.id}>
            <Table.Td>
              <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {root.name}
              </Text>
              {root.registryNumber && (
                <Text size="xs" c="dimmed">
                  Реестровый № {root.registryNumber}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{root.ogrn ?? <NoValue />}</Table.Td>
            <Table.Td>
              <StatusBadge root={root} />
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                Действует {date(root.notBefore)} — {date(root.notAfter)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                <VisuallyHidden>Отпечаток SHA-1 </VisuallyHidden>
                {grouped(root.thumbprint)}
              </Text>
            </Table.Td>
            <Table.Td>
              <CrlUrls urls={root.crlUrls} />
            </Table.Td>
            <Table.Td>{sourceText[root.source]}</Table.Td>
            <Table.Td>
              <RemoveButton root={root} onRemove={onRemove} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The test CA's root, for one, names no organization by ОГРН. */
function NoValue() {
  return (
    <Text size="sm" c="dimmed" component="span">
      нет в сертификате
    </Text>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {typeof children === 'string' || Array.isArray(children) ? <Text size="sm">{children}</Text> : children}
    </div>
  );
}
