import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  planEventSteps,
  planGapLabels,
  planStageLabels,
  planStages,
  planStepInfo,
  planSortKeys,
  planTableQuerySchema,
  type PlanSortKey,
  type PlanTableQuery,
  type RegionPlan,
} from '@openesia/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { planQueryString, useRegionPlan, type PlanSource } from './api';
import { formatIsoDate, OverdueBadge, StageBadge } from './texts';

/** The filter the address holds (so a link, a reload and the XLSX all show the same rows). */
function useFilter(): [PlanTableQuery, (next: PlanTableQuery) => void] {
  const [params, setParams] = useSearchParams();
  // only what the address says: the server's defaults stay out of the address and the XLSX link
  const given = Object.fromEntries(params);
  const parsed = planTableQuerySchema.safeParse(given);
  const query: PlanTableQuery = parsed.success
    ? {
        stage: parsed.data.stage,
        overdue: given.overdue === 'true' || given.overdue === 'false' ? given.overdue : undefined,
        q: parsed.data.q || undefined,
        sort: given.sort ? parsed.data.sort : undefined,
        order: given.order ? parsed.data.order : undefined,
      }
    : {};
  const set = (next: PlanTableQuery) =>
    setParams(new URLSearchParams(planQueryString(next).slice(1)), { replace: true });
  return [query, set];
}

const columnLabel: Record<PlanSortKey, string> = {
  name: 'Организация',
  stage: 'Этап',
  ...(Object.fromEntries(
    planEventSteps.map((s) => [s, `${planStepInfo[s].number}. ${planStepInfo[s].event}`]),
  ) as Record<(typeof planEventSteps)[number], string>),
};

/** A column's header, saying whether the table is sorted by it (the order is chosen above the table). */
function ColumnHeader({ column, query }: { column: PlanSortKey; query: PlanTableQuery }) {
  const active = (query.sort ?? 'stage') === column;
  const descending = active && query.order === 'desc';
  return (
    <Table.Th
      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
      style={{ minWidth: column === 'name' ? 180 : column === 'stage' ? 170 : 120 }}
    >
      {columnLabel[column]}
      {active ? (descending ? ' ▼' : ' ▲') : ''}
    </Table.Th>
  );
}

const sortLabel: Record<PlanSortKey, string> = {
  name: 'наименованию',
  stage: 'этапу',
  ...(Object.fromEntries(planEventSteps.map((s) => [s, `дате события ${planStepInfo[s].number}`])) as Record<
    (typeof planEventSteps)[number],
    string
  >),
};

/**
 * Every organization of a region on the opening plan (seed 004): its stage, the date of each
 * control event reached, what its current step misses and whether the region's deadline passed;
 * filtered by stage, overdue and name, sorted by any column, downloadable as XLSX with the same
 * rows in the same order.
 */
export function RegionPlanTable({
  source,
  header,
}: {
  source: PlanSource;
  header?: (plan: RegionPlan) => ReactNode;
}) {
  const [query, setQuery] = useFilter();
  const plan = useRegionPlan(source, query);
  const [typed, setTyped] = useState(query.q ?? '');

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ ...query, q: typed.trim() || undefined });
  };

  if (plan.isPending) return <Loader role="status" aria-label="Загрузка плана" />;
  if (plan.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(plan.error))}
      </Alert>
    );
  const data = plan.data;
  return (
    <Stack gap="md">
      {header?.(data)}
      <Text size="sm">
        Организаций в регионе: {data.total}; просрочено: {data.overdue}.{' '}
        {data.deadline.date
          ? `Срок: до ${formatIsoDate(data.deadline.date)} включительно${
              data.deadline.source === 'default' ? ' (по умолчанию)' : ''
            }.`
          : 'Срок не установлен.'}
      </Text>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <NativeSelect
          label="Этап"
          data={[
            { value: '', label: 'Все этапы' },
            ...planStages.map((s) => ({ value: s, label: `${planStageLabels[s]} (${data.byStage[s]})` })),
          ]}
          value={query.stage ?? ''}
          onChange={(e) =>
            setQuery({ ...query, stage: (e.currentTarget.value || undefined) as PlanTableQuery['stage'] })
          }
          w={250}
        />
        <NativeSelect
          label="Срок"
          data={[
            { value: '', label: 'Все организации' },
            { value: 'true', label: 'Только просроченные' },
            { value: 'false', label: 'Без просрочки' },
          ]}
          value={query.overdue ?? ''}
          onChange={(e) =>
            setQuery({ ...query, overdue: (e.currentTarget.value || undefined) as PlanTableQuery['overdue'] })
          }
          w={200}
        />
        <NativeSelect
          label="Сортировать по"
          data={planSortKeys.map((k) => ({ value: k, label: sortLabel[k] }))}
          value={query.sort ?? 'stage'}
          onChange={(e) => setQuery({ ...query, sort: e.currentTarget.value as PlanSortKey })}
          w={200}
        />
        <NativeSelect
          label="Порядок"
          data={[
            { value: 'asc', label: 'По возрастанию' },
            { value: 'desc', label: 'По убыванию' },
          ]}
          value={query.order ?? 'asc'}
          onChange={(e) => setQuery({ ...query, order: e.currentTarget.value as 'asc' | 'desc' })}
          w={170}
        />
        <form onSubmit={search} role="search">
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Наименование, ОГРН или ИНН"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              maxLength={100}
              w={260}
            />
            <Button type="submit" variant="default">
              Найти
            </Button>
          </Group>
        </form>
        <Button component="a" href={`/api${source.xlsx}${planQueryString(query)}`} download>
          Скачать XLSX
        </Button>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        Показано: {data.rows.length}
      </Text>
      <Table.ScrollContainer minWidth={1150}>
        <Table striped withTableBorder verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              {(['name', 'stage', ...planEventSteps] as PlanSortKey[]).map((c) => (
                <ColumnHeader key={c} column={c} query={query} />
              ))}
              <Table.Th style={{ minWidth: 260 }}>Не хватает для следующего контрольного события</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed" size="sm">
                    Нет организаций, подходящих под отбор.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {data.rows.map((r) => (
              <Table.Tr key={r.id} data-testid="plan-row">
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Anchor component={Link} to={source.organizationPage(r.id)}>
                    {r.shortName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    ОГРН {r.ogrn}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <StageBadge stage={r.stage} />
                    {r.overdue && <OverdueBadge />}
                  </Stack>
                </Table.Td>
                {planEventSteps.map((s) => (
                  <Table.Td key={s}>{r.events[s] ? formatDate(r.events[s]) : '—'}</Table.Td>
                ))}
                <Table.Td>
                  {r.missing.map((g) => (
                    <Text key={g} size="xs">
                      {planGapLabels[g]}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
