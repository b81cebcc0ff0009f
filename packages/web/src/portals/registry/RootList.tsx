import type { TrustedRoot } from '@openesia/contracts';
import { Badge, Button, Card, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { date, grouped, sourceText, statusText } from './trustList';

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
export function RootList({
  roots,
  onRemove,
}: {
  roots: TrustedRoot[];
  onRemove: (root: TrustedRoot) => void;
}) {
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
