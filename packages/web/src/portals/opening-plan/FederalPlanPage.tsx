import { Alert, Anchor, Checkbox, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { planStageLabels, planStages, regionNames, type RegionCode } from '@openesia/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { federalSource, useFederalPlan } from './api';
import { RegionPlanTable } from './RegionPlanTable';
import { StageChart } from './StageChart';
import { formatIsoDate } from './texts';

function Refusal({ error }: { error: unknown }) {
  const code = errorCodeOf(error);
  return (
    <Alert color={code === 'auth.forbidden' ? 'yellow' : 'red'} role="alert">
      {code === 'auth.forbidden'
        ? 'План открытия ЦО по регионам доступен оператору ЕСИА.'
        : errorMessage(code)}
    </Alert>
  );
}

/**
 * «План открытия ЦО» across the country (seed 004): organizations by stage as a chart, and each
 * region with its organizations by stage, the overdue ones and its deadline; a region opens its
 * table of organizations.
 */
export function FederalPlanPage() {
  const plan = useFederalPlan();
  const [all, setAll] = useState(false);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>План открытия ЦО по регионам</Title>
        <Text c="dimmed">
          Сколько организаций на каждом этапе плана мероприятий по открытию центров обслуживания. Этапы
          определяются по данным организаций.
        </Text>
      </Stack>
      {plan.isPending && <Loader role="status" aria-label="Загрузка плана" />}
      {plan.isError && <Refusal error={plan.error} />}
      {plan.isSuccess && (
        <>
          <Text size="sm">Организаций всего: {plan.data.total}.</Text>
          <StageChart byStage={plan.data.byStage} title="Организации по этапам плана, все регионы" />
          <Checkbox
            label="Показать регионы без организаций"
            checked={all}
            onChange={(e) => setAll(e.currentTarget.checked)}
          />
          <Table.ScrollContainer minWidth={1000}>
            <Table striped withTableBorder verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Регион</Table.Th>
                  <Table.Th>Всего</Table.Th>
                  {planStages.map((s) => (
                    <Table.Th key={s}>{planStageLabels[s]}</Table.Th>
                  ))}
                  <Table.Th>Просрочено</Table.Th>
                  <Table.Th>Срок</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.data.regions
                  .filter((r) => all || r.total > 0)
                  .map((r) => (
                    <Table.Tr key={r.regionCode} data-testid="plan-region">
                      <Table.Td>
                        <Anchor component={Link} to={`/registry/opening-plan/${r.regionCode}`}>
                          {r.regionCode} — {regionNames[r.regionCode as RegionCode]}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.total}</Table.Td>
                      {planStages.map((s) => (
                        <Table.Td key={s}>{r.byStage[s]}</Table.Td>
                      ))}
                      <Table.Td>{r.overdue}</Table.Td>
                      <Table.Td>{r.deadline.date ? formatIsoDate(r.deadline.date) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

/** One region's table, as the federal operator opens it from the regions. */
export function FederalRegionPlanPage() {
  const { regionCode = '' } = useParams();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/registry/opening-plan" size="sm">
        ← План открытия ЦО по регионам
      </Anchor>
      <Title order={1}>План открытия ЦО: {regionNames[regionCode as RegionCode] ?? regionCode}</Title>
      <RegionPlanTable
        source={federalSource(regionCode)}
        header={(plan) => (
          <StageChart byStage={plan.byStage} title={`Организации по этапам плана: ${regionCode}`} />
        )}
      />
    </Stack>
  );
}
