import { Alert, Anchor, Code, Collapse, Table, Text } from '@mantine/core';
import { registrySimulatorRules } from '@openesia/contracts';
import { useState } from 'react';
import { useSession } from '../../../api/session';

/**
 * Demo mode only: the simulated СФР and МВД answer by the first digits of the СНИЛС and of the
 * passport number (the same table drives the simulators; docs/SIMULATORS.md).
 */
export function SimulatorHint() {
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (!session.data?.demoMode) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Демонстрационный режим: проверки выполняют симуляторы СФР и МВД"
    >
      <Text size="sm">
        Любые корректные СНИЛС и паспорт проходят проверку. Чтобы увидеть ошибку проверки, используйте номера
        из таблицы.{' '}
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setOpen((v) => !v)}
          aria-expanded={open}
        >
          {open ? 'Скрыть правила' : 'Показать правила'}
        </Anchor>
      </Text>
      <Collapse expanded={open}>
        <Table.ScrollContainer minWidth={480} mt="sm">
          <Table withTableBorder striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Поле</Table.Th>
                <Table.Th>Начинается с</Table.Th>
                <Table.Th>Пример</Table.Th>
                <Table.Th>Ответ</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {registrySimulatorRules.map((r) => (
                <Table.Tr key={`${r.registry}:${r.prefix}`}>
                  <Table.Td>{r.registry === 'pension_fund' ? 'СНИЛС' : 'Номер паспорта'}</Table.Td>
                  <Table.Td>
                    <Code>{r.prefix}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Code>{r.example}</Code>
                  </Table.Td>
                  <Table.Td>{r.description}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Alert>
  );
}
