import {
  Alert,
  Badge,
  Card,
  Group,
  Loader,
  NativeSelect,
  Pagination,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import {
  journalActionLabels,
  journalActions,
  journalOutcomeLabels,
  regions,
  type WorkstationJournalEntry,
} from '@openesia/contracts';
import { useState, type ReactNode } from 'react';
import { errorCodeOf } from '../../../forms/errors';
import { errorMessage } from '../../../i18n/ru';
import { DateField } from '../../citizen/profile/fields';
import { formatDateTime, ruToIso } from '../../citizen/profile/texts';
import { regionLabel } from '../../organization/texts';
import { useWorkstationJournal, type JournalFilter, type JournalSide } from '../api';

const outcomeColor = {
  done: 'green',
  refused: 'red',
  awaiting_checks: 'blue',
  checks_failed: 'orange',
} as const;

type Options = Map<string, string>;

/** The choices of a filter: what the pages seen so far named, so a chosen one stays listed. */
function remember(
  seen: Options,
  entries: WorkstationJournalEntry[],
  pick: (e: WorkstationJournalEntry) => [string, string] | null,
) {
  for (const e of entries) {
    const option = pick(e);
    if (option) seen.set(option[0], option[1]);
  }
  return [{ value: '', label: 'Все' }, ...[...seen].map(([value, label]) => ({ value, label }))];
}

/**
 * «Журнал АРМ»: every sign-in, search and operation of the workstation with the operator, the
 * certificate and the center (seed 003), filtered and page by page. One table for the
 * organization, the regional operator (its region) and the operator of ЕСИА (every region).
 */
export function WorkstationJournalTable({
  side,
  refused,
}: {
  side: JournalSide;
  refused?: (code: string) => ReactNode | null;
}) {
  const [filter, setFilter] = useState<JournalFilter>({ page: 1 });
  const [dates, setDates] = useState({ from: '', to: '' });
  const [seen] = useState(() => ({ centers: new Map(), operators: new Map(), organizations: new Map() }));
  const journal = useWorkstationJournal(side, filter);
  const set = (patch: Partial<JournalFilter>) =>
    setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const setDate = (key: 'from' | 'to', value: string) => {
    setDates((d) => ({ ...d, [key]: value }));
    // the query waits for a whole date; an emptied field drops the bound
    if (value === '' || /^\d{2}\.\d{2}\.\d{4}$/.test(value))
      set({ [key]: value ? ruToIso(value) : undefined });
  };

  if (journal.isError) {
    const code = errorCodeOf(journal.error);
    return (
      refused?.(code) ?? (
        <Alert color="red" role="alert">
          {errorMessage(code)}
        </Alert>
      )
    );
  }
  const entries = journal.data?.entries ?? [];
  const showOrganization = side !== 'organization';
  const centerOptions = remember(seen.centers, entries, (e) =>
    e.center ? [e.center.id, e.center.name] : null,
  );
  const operatorOptions = remember(seen.operators, entries, (e) => [e.operator.accountId, e.operator.name]);
  const organizationOptions = remember(seen.organizations, entries, (e) => [
    e.organization.id,
    e.organization.shortName,
  ]);
  const pages = journal.data ? Math.max(1, Math.ceil(journal.data.total / journal.data.pageSize)) : 1;

  return (
    <Stack gap="md">
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: side === 'federal' ? 4 : 3 }}
        component="fieldset"
        style={{ border: 0, padding: 0, margin: 0 }}
      >
        {side === 'federal' && (
          <NativeSelect
            label="Регион"
            value={filter.regionCode ?? ''}
            onChange={(e) => set({ regionCode: e.currentTarget.value || undefined })}
            data={[
              { value: '', label: 'Все регионы' },
              ...regions.map(([code]) => ({ value: code, label: regionLabel(code) })),
            ]}
          />
        )}
        {side === 'federal' && (
          <NativeSelect
            label="Организация"
            value={filter.organizationId ?? ''}
            onChange={(e) => set({ organizationId: e.currentTarget.value || undefined })}
            data={organizationOptions}
          />
        )}
        <NativeSelect
          label="Центр обслуживания"
          value={filter.centerId ?? ''}
          onChange={(e) => set({ centerId: e.currentTarget.value || undefined })}
          data={centerOptions}
        />
        <NativeSelect
          label="Оператор"
          value={filter.operatorId ?? ''}
          onChange={(e) => set({ operatorId: e.currentTarget.value || undefined })}
          data={operatorOptions}
        />
        <NativeSelect
          label="Действие"
          value={filter.action ?? ''}
          onChange={(e) => set({ action: e.currentTarget.value || undefined })}
          data={[
            { value: '', label: 'Все' },
            ...journalActions.map((a) => ({ value: a, label: journalActionLabels[a] })),
          ]}
        />
        <Group gap="xs" grow wrap="nowrap" align="flex-start">
          <DateField label="Период с" value={dates.from} onChange={(v) => setDate('from', v)} />
          <DateField label="по" value={dates.to} onChange={(v) => setDate('to', v)} />
        </Group>
      </SimpleGrid>

      {journal.isPending ? (
        <Loader size="sm" role="status" aria-label="Загрузка журнала" />
      ) : entries.length === 0 ? (
        <Text c="dimmed">Записей нет.</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900} visibleFrom="md">
            <Table striped withTableBorder verticalSpacing="xs" data-testid="ra-journal">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Время</Table.Th>
                  <Table.Th>Оператор</Table.Th>
                  {showOrganization && <Table.Th>Организация</Table.Th>}
                  <Table.Th>Центр обслуживания</Table.Th>
                  <Table.Th>Действие</Table.Th>
                  <Table.Th>Учётная запись</Table.Th>
                  <Table.Th>Итог</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {e.operator.name}
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        Сертификат {e.certificateThumbprint}
                      </Text>
                    </Table.Td>
                    {showOrganization && (
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {e.organization.shortName}
                        <Text size="xs" c="dimmed">
                          {regionLabel(e.regionCode)}
                        </Text>
                      </Table.Td>
                    )}
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.center?.name ?? '—'}</Table.Td>
                    <Table.Td>{journalActionLabels[e.action]}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{targetText(e)}</Table.Td>
                    <Table.Td>
                      <Outcome entry={e} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="xs" hiddenFrom="md">
            {entries.map((e) => (
              <Card key={e.id} withBorder padding="sm" data-testid="ra-journal-card">
                <Stack gap={2}>
                  <Group justify="space-between" gap="xs">
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at)}
                    </Text>
                    <Outcome entry={e} />
                  </Group>
                  <Text fw={600}>{journalActionLabels[e.action]}</Text>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {e.operator.name}
                    {showOrganization ? `, ${e.organization.shortName}` : ''}
                    {e.center ? ` — ${e.center.name}` : ''}
                  </Text>
                  {e.target && (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      Учётная запись: {targetText(e)}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    Сертификат {e.certificateThumbprint}
                  </Text>
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      )}
      {pages > 1 && (
        <Pagination
          total={pages}
          value={filter.page}
          onChange={(page) => set({ page })}
          size="sm"
          siblings={0}
          getControlProps={(control) => ({
            'aria-label':
              control === 'next'
                ? 'Следующая страница'
                : control === 'previous'
                  ? 'Предыдущая страница'
                  : control,
          })}
          getItemProps={(page) => ({ 'aria-label': `Страница ${page}` })}
        />
      )}
    </Stack>
  );
}

function targetText(e: WorkstationJournalEntry): string {
  if (!e.target) return '—';
  return [e.target.masked, e.target.oid ? `OID ${e.target.oid}` : null].filter(Boolean).join(', ') || '—';
}

function Outcome({ entry }: { entry: WorkstationJournalEntry }) {
  return (
    <Stack gap={2} align="flex-start">
      <Badge variant="light" color={outcomeColor[entry.outcome]}>
        {journalOutcomeLabels[entry.outcome]}
      </Badge>
      {entry.refusal && (
        <Text size="xs" c="red.9" style={{ overflowWrap: 'anywhere' }}>
          {errorMessage(entry.refusal)}
        </Text>
      )}
    </Stack>
  );
}
