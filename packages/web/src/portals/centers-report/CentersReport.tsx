import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  centerReportQuerySchema,
  centerReportStatuses,
  centerReportStatusLabels,
  centerServiceLabels,
  centerServices,
  regions,
  type CenterReport,
  type CenterReportQuery,
  type CenterReportRowCounts,
} from '@openesia/contracts';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { regionLabel } from '../organization/texts';
import { queryString, useCenterReport, type ReportSource } from './api';
import { CentersChart, type ChartRow } from './CentersChart';
import { QualitySection } from './QualitySection';

/** How many rows a chart shows: the largest; the table below lists them all. */
const CHART_ROWS = 20;

/** The report's filter as the address holds it, so a link, a reload and the files show the same. */
function useReportFilter(): [CenterReportQuery, (next: CenterReportQuery) => void] {
  const [params, setParams] = useSearchParams();
  const given = Object.fromEntries(params);
  const shape = centerReportQuerySchema.shape;
  const status = shape.status.safeParse(given.status);
  const service = shape.service.safeParse(given.service);
  const region = shape.region.safeParse(given.region);
  const query: CenterReportQuery = {
    status: status.success ? status.data : undefined,
    service: service.success ? service.data : undefined,
    region: region.success ? region.data : undefined,
  };
  const set = (next: CenterReportQuery) => {
    const kept = new URLSearchParams(queryString({ ...next }).slice(1));
    // the quality list's own filter stays; its page starts again when the region changes
    if (params.get('issue')) kept.set('issue', params.get('issue')!);
    if (params.get('page') && next.region === query.region) kept.set('page', params.get('page')!);
    setParams(kept, { replace: true });
  };
  return [query, set];
}

function Refusal({ error, side }: { error: unknown; side: ReportSource['side'] }) {
  const code = errorCodeOf(error);
  const forbidden = code === 'auth.forbidden' || code === 'auth.required';
  return (
    <Alert color={forbidden ? 'yellow' : 'red'} role="alert">
      {forbidden
        ? side === 'regional'
          ? 'Отчёт о центрах обслуживания региона доступен региональному оператору своего региона.'
          : 'Отчёт о центрах обслуживания по регионам доступен оператору ЕСИА.'
        : errorMessage(code)}
    </Alert>
  );
}

const countHeaders = ['Всего', 'Действующих', 'Недействующих', 'На карте'] as const;

function CountCells({ row }: { row: CenterReportRowCounts }) {
  return (
    <>
      <Table.Td>{row.total}</Table.Td>
      <Table.Td>{row.active}</Table.Td>
      <Table.Td>{row.inactive}</Table.Td>
      <Table.Td>{row.onMap}</Table.Td>
      {centerServices.map((s) => (
        <Table.Td key={s}>{row.services[s]}</Table.Td>
      ))}
    </>
  );
}

function CountHeaders() {
  return (
    <>
      {countHeaders.map((h) => (
        <Table.Th key={h} scope="col">
          {h}
        </Table.Th>
      ))}
      {centerServices.map((s) => (
        <Table.Th key={s} scope="col">
          {centerServiceLabels[s]}
        </Table.Th>
      ))}
    </>
  );
}

/** The largest rows first, for a chart that cannot hold them all. */
function largest(rows: ChartRow[]): ChartRow[] {
  return [...rows]
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'ru'))
    .slice(0, CHART_ROWS);
}

function RegionTable({ report, query }: { report: CenterReport; query: CenterReportQuery }) {
  const [all, setAll] = useState(false);
  const rows = (report.byRegion ?? []).filter((r) => all || r.total > 0);
  return (
    <Stack gap="xs">
      <Checkbox
        label="Показать регионы без центров"
        checked={all}
        onChange={(e) => setAll(e.currentTarget.checked)}
      />
      <Table.ScrollContainer minWidth={980}>
        <Table striped withTableBorder verticalSpacing="xs" fz="sm" captionSide="top">
          <Table.Caption style={{ textAlign: 'left' }}>
            Центры обслуживания по регионам. Услуги: сколько центров оказывают каждую.
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Регион</Table.Th>
              <Table.Th scope="col">Организаций</Table.Th>
              <CountHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={10}>
                  <Text c="dimmed" size="sm">
                    Нет центров обслуживания, подходящих под отбор.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((r) => (
              <Table.Tr key={r.regionCode} data-testid="centers-region">
                <Table.Th scope="row" fw={400} style={{ minWidth: 210 }}>
                  <Anchor component={Link} to={queryString({ ...query, region: r.regionCode })}>
                    {regionLabel(r.regionCode)}
                  </Anchor>
                </Table.Th>
                <Table.Td>{r.organizations}</Table.Td>
                <CountCells row={r} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function OrganizationTable({ report }: { report: CenterReport }) {
  const rows = report.byOrganization ?? [];
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped withTableBorder verticalSpacing="xs" fz="sm" captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>
          Центры обслуживания по организациям. Услуги: сколько центров оказывают каждую.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Организация</Table.Th>
            <CountHeaders />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>
                <Text c="dimmed" size="sm">
                  Нет центров обслуживания, подходящих под отбор.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((o) => (
            <Table.Tr key={o.organizationId} data-testid="centers-organization">
              <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere', minWidth: 200 }}>
                {o.shortName}
                <Text size="xs" c="dimmed">
                  ОГРН {o.ogrn}
                  {o.blocked ? ' · заблокирована: центры не на карте' : ''}
                </Text>
              </Table.Th>
              <CountCells row={o} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ServiceTable({ report }: { report: CenterReport }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped withTableBorder verticalSpacing="xs" fz="sm" captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>
          Центры обслуживания по услугам. «На карте» — центры, которые карта показывает с этой услугой.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Услуга</Table.Th>
            {countHeaders.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.byService.map((s) => (
            <Table.Tr key={s.service}>
              <Table.Th scope="row" fw={400}>
                {centerServiceLabels[s.service]}
              </Table.Th>
              <Table.Td>{s.total}</Table.Td>
              <Table.Td>{s.active}</Table.Td>
              <Table.Td>{s.inactive}</Table.Td>
              <Table.Td>{s.onMap}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The centers' report (issue 11, item 4): the filter (status, service and, for the federal
 * operator, the region), «Скачать CSV» and «Скачать XLSX» with the same filter, charts of centers
 * by status per region or organization and per service, the tables, and «Качество данных».
 */
export function CentersReport({
  source,
  intro,
}: {
  source: ReportSource;
  intro: (report: CenterReport) => ReactNode;
}) {
  const [query, setQuery] = useReportFilter();
  const report = useCenterReport(source, query);
  const federal = source.side === 'federal';

  const filters = (
    <Group align="flex-end" wrap="wrap" gap="sm">
      {federal && (
        <NativeSelect
          label="Регион"
          data={[
            { value: '', label: 'Все регионы' },
            ...regions.map(([code]) => ({ value: code, label: regionLabel(code) })),
          ]}
          value={query.region ?? ''}
          onChange={(e) =>
            setQuery({
              ...query,
              region: (e.currentTarget.value || undefined) as CenterReportQuery['region'],
            })
          }
          w={280}
        />
      )}
      <NativeSelect
        label="Статус"
        data={[
          { value: '', label: 'Все статусы' },
          ...centerReportStatuses.map((s) => ({ value: s, label: centerReportStatusLabels[s] })),
        ]}
        value={query.status ?? ''}
        onChange={(e) =>
          setQuery({ ...query, status: (e.currentTarget.value || undefined) as CenterReportQuery['status'] })
        }
        w={200}
      />
      <NativeSelect
        label="Услуга"
        data={[
          { value: '', label: 'Все услуги' },
          ...centerServices.map((s) => ({ value: s, label: centerServiceLabels[s] })),
        ]}
        value={query.service ?? ''}
        onChange={(e) =>
          setQuery({
            ...query,
            service: (e.currentTarget.value || undefined) as CenterReportQuery['service'],
          })
        }
        w={200}
      />
      <Button component="a" href={`/api${source.base}.csv${queryString(query)}`} download variant="default">
        Скачать CSV
      </Button>
      <Button component="a" href={`/api${source.base}.xlsx${queryString(query)}`} download>
        Скачать XLSX
      </Button>
    </Group>
  );

  let body: ReactNode;
  if (report.isPending) body = <Loader role="status" aria-label="Загрузка отчёта" />;
  else if (report.isError) body = <Refusal error={report.error} side={source.side} />;
  else {
    const data = report.data;
    const byOrganization = data.byOrganization !== null;
    const mainRows: ChartRow[] = byOrganization
      ? (data.byOrganization ?? []).map((o) => ({ ...o, key: o.organizationId, label: o.shortName }))
      : (data.byRegion ?? [])
          .filter((r) => r.total > 0)
          .map((r) => ({ ...r, key: r.regionCode, label: regionLabel(r.regionCode) }));
    const chartRows = largest(mainRows);
    const what = byOrganization ? 'организациям' : 'регионам';
    body = (
      <Stack gap="lg">
        {intro(data)}
        <Text size="sm" aria-live="polite">
          Центров: {data.totals.total}; действующих: {data.totals.active}; недействующих:{' '}
          {data.totals.inactive}; на карте: {data.totals.onMap}.
        </Text>
        <Stack gap="xs">
          <Title order={2} size="h4">
            По {what}
          </Title>
          {chartRows.length > 0 && (
            <CentersChart rows={chartRows} title={`Центры обслуживания по статусам, по ${what}`} />
          )}
          {mainRows.length > CHART_ROWS && (
            <Text size="xs" c="dimmed">
              На диаграмме — {CHART_ROWS} с наибольшим числом центров; все — в таблице.
            </Text>
          )}
          {byOrganization ? <OrganizationTable report={data} /> : <RegionTable report={data} query={query} />}
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h4">
            По услугам
          </Title>
          <CentersChart
            rows={data.byService.map((s) => ({
              ...s,
              key: s.service,
              label: centerServiceLabels[s.service],
            }))}
            title="Центры обслуживания по статусам, по услугам"
          />
          <ServiceTable report={data} />
        </Stack>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {filters}
      {body}
      {report.isSuccess && <QualitySection source={source} region={query.region} />}
    </Stack>
  );
}
