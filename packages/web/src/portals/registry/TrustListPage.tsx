import type { TrustedRoot } from '@openesia/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client';
import { useSession } from '../../api/session';
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

const codeOf = (err: unknown) => (err instanceof ApiRequestError ? err.code : 'internal');
const date = (iso: string) => new Date(iso).toLocaleDateString('ru-RU');

/** Reads an uploaded file: certificates as base64 of their bytes (DER or PEM), the list as text. */
async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * «Перечень аккредитованных удостоверяющих центров»: the roots a qualified signature must chain to
 * (63-ФЗ ст. 16). Kept by the federal operator: add a root certificate, import the XML list of
 * e-trust.gosuslugi.ru, remove a CA. Every change is recorded in the audit log by the server.
 */
export function TrustListPage() {
  const session = useSession();
  const client = useQueryClient();
  const [crlUrl, setCrlUrl] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ roots: TrustedRoot[] }>('/registry/trust-list'),
    enabled: !!session.data?.account,
  });
  const refresh = () => client.invalidateQueries({ queryKey: KEY });

  const add = useMutation({
    mutationFn: async (file: File) =>
      api.post<TrustedRoot>('/registry/trust-list', {
        certificate: await fileAsBase64(file),
        ...(crlUrl.trim() ? { crlUrls: [crlUrl.trim()] } : {}),
      }),
    onSuccess: (root) => {
      setNotice(`Добавлен УЦ «${root.name}».`);
      setCrlUrl('');
      refresh();
    },
  });
  const importXml = useMutation({
    mutationFn: async (file: File) =>
      api.post<{ added: number; skipped: number }>('/registry/trust-list/import', { xml: await file.text() }),
    onSuccess: (r) => {
      setNotice(
        `Перечень загружен: добавлено ${r.added}, пропущено ${r.skipped} (уже есть, не действует или не сертификат УЦ).`,
      );
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (root: TrustedRoot) => api.delete<void>(`/registry/trust-list/${root.id}`),
    onSuccess: () => {
      setNotice('УЦ исключён из перечня.');
      refresh();
    },
  });

  if (session.isLoading) return <Loader />;
  if (!session.data?.account) {
    return (
      <Alert color="yellow" role="alert" maw={900} mx="auto">
        {errorMessage('auth.required')}
      </Alert>
    );
  }
  const error = list.error ?? add.error ?? importXml.error ?? remove.error;

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Title order={1} size="h2">
        Перечень аккредитованных удостоверяющих центров
      </Title>
      <Text c="dimmed" size="sm">
        Квалифицированная электронная подпись принимается, только если сертификат выдан удостоверяющим центром
        из этого перечня. Изменения записываются в журнал аудита.
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {errorMessage(codeOf(error))}
        </Alert>
      )}
      {notice && !error && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {list.data && (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                label="Адрес списка отзыва (необязательно)"
                description="Если адреса нет в самом сертификате"
                placeholder="http://…/root.crl"
                value={crlUrl}
                onChange={(e) => setCrlUrl(e.currentTarget.value)}
                style={{ flex: '1 1 280px' }}
              />
              <FileButton
                onChange={(f) => f && add.mutate(f)}
                accept=".cer,.crt,.der,.pem,application/pkix-cert"
              >
                {(props) => (
                  <Button {...props} loading={add.isPending}>
                    Добавить корневой сертификат…
                  </Button>
                )}
              </FileButton>
              <FileButton onChange={(f) => f && importXml.mutate(f)} accept=".xml,text/xml,application/xml">
                {(props) => (
                  <Button {...props} variant="default" loading={importXml.isPending}>
                    Загрузить перечень (XML)…
                  </Button>
                )}
              </FileButton>
            </Group>
          </Stack>
        </Card>
      )}
      {list.isLoading && <Loader />}
      {list.data && list.data.roots.length === 0 && (
        <Text>Перечень пуст: ни одна подпись не будет принята.</Text>
      )}
      {list.data && list.data.roots.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Caption>Удостоверяющих центров в перечне: {list.data.roots.length}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Название</Table.Th>
                <Table.Th>ОГРН</Table.Th>
                <Table.Th>Статус</Table.Th>
                <Table.Th>Сертификат</Table.Th>
                <Table.Th>Списки отзыва</Table.Th>
                <Table.Th>Источник</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Действия</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.roots.map((root) => (
                <Table.Tr key={root.id}>
                  <Table.Td>
                    <Text fw={500}>{root.name}</Text>
                    {root.registryNumber && (
                      <Text size="xs" c="dimmed">
                        Реестровый № {root.registryNumber}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{root.ogrn ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={root.status === 'active' ? 'teal' : 'gray'}>
                      {statusText[root.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      Действует {date(root.notBefore)} — {date(root.notAfter)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                      Отпечаток {root.thumbprint}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {root.crlUrls.length
                      ? root.crlUrls.map((u) => (
                          <Text key={u} size="xs" style={{ wordBreak: 'break-all' }}>
                            {u}
                          </Text>
                        ))
                      : '—'}
                  </Table.Td>
                  <Table.Td>{sourceText[root.source]}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      loading={remove.isPending && remove.variables?.id === root.id}
                      aria-label={`Исключить ${root.name} из перечня`}
                      onClick={() =>
                        window.confirm(
                          `Исключить «${root.name}» из перечня? Подписи его сертификатами перестанут приниматься.`,
                        ) && remove.mutate(root)
                      }
                    >
                      Исключить
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
