import { Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { childrenSchema, type ChildView } from '@openesia/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { formatDate, isoToRu } from './texts';

function fullName(c: ChildView): string {
  return [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' ');
}

function added(c: ChildView): string {
  return `${formatDate(c.addedAt)}${c.center ? `, добавлен в центре обслуживания «${c.center}»` : ''}`;
}

/** «Дети»: the children an operator added to the account at a service center (seed 003). */
export function ChildrenCard() {
  const children = useQuery({
    queryKey: ['me', 'children'],
    queryFn: () => api.get('/me/children', childrenSchema).then((a) => a.children),
  });
  // a block about nothing is noise: shown once there is a child
  if (children.isPending) return <Loader size="sm" role="status" aria-label="Загрузка сведений о детях" />;
  if (!children.data?.length) return null;
  return (
    <Card withBorder padding="lg" aria-labelledby="children-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="children-title">
          Дети
        </Title>
        <Table visibleFrom="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>ФИО</Table.Th>
              <Table.Th>Дата рождения</Table.Th>
              <Table.Th>Свидетельство о рождении</Table.Th>
              <Table.Th>СНИЛС</Table.Th>
              <Table.Th>Добавлен</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{fullName(c)}</Table.Td>
                <Table.Td>{isoToRu(c.birthDate)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.birthCertificate}</Table.Td>
                <Table.Td>{c.snils ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{added(c)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Stack gap="xs" hiddenFrom="sm">
          {children.data.map((c) => (
            <Card key={c.id} withBorder padding="sm" bg="gray.0">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {fullName(c)}
              </Text>
              <Text size="sm">Дата рождения: {isoToRu(c.birthDate)}</Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Свидетельство о рождении: {c.birthCertificate}
              </Text>
              {c.snils && <Text size="sm">СНИЛС: {c.snils}</Text>}
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {added(c)}
              </Text>
            </Card>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
