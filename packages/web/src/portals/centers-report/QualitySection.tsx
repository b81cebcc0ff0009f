import { Alert, Badge, Loader, NativeSelect, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import {
  centerQualityIssueLabels,
  centerQualityIssues,
  centerQualityQuerySchema,
  centerStatusLabels,
  type CenterQualityIssue,
  type CenterQualityQuery,
} from '@openesia/contracts';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { regionLabel } from '../organization/texts';
import { useCenterQuality, type ReportSource } from './api';

/**
 * «Качество данных» (issue 11, item 5; seed 000: «Все данные организации должны быть указаны
 * верно»): the centers of the region (or the country) whose phone does not dial, whose hours never
 * open, whose point lies outside the region or whose address another center has, with the
 * organization to ask and each issue in words; filtered by issue, a page at a time.
 */
export function QualitySection({
  source,
  region,
}: {
  source: ReportSource;
  region: CenterQualityQuery['region'];
}) {
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const issueParsed = centerQualityQuerySchema.shape.issue.safeParse(params.get('issue') ?? undefined);
  const issue = issueParsed.success ? issueParsed.data : undefined;
  const pageParsed = centerQualityQuerySchema.shape.page.safeParse(params.get('page') ?? undefined);
  const page = pageParsed.success ? pageParsed.data : 1;
  const quality = useCenterQuality(source, { issue, page: page > 1 ? page : undefined, region });

  const set = (next: { issue?: CenterQualityIssue; page?: number }) => {
    const kept = new URLSearchParams(params);
    kept.delete('issue');
    kept.delete('page');
    if (next.issue) kept.set('issue', next.issue);
    if (next.page && next.page > 1) kept.set('page', String(next.page));
    setParams(kept, { replace: true });
  };

  let body;
  if (quality.isPending) body = <Loader role="status" aria-label="Проверка данных центров" />;
  else if (quality.isError)
    body = (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(quality.error))}
      </Alert>
    );
  else {
    const data = quality.data;
    const pages = Math.max(1, Math.ceil(data.flagged / data.pageSize));
    body = (
      <Stack gap="sm">
        <Text size="sm" aria-live="polite">
          Проверено центров: {data.checked}; с замечаниями
          {issue ? ` «${centerQualityIssueLabels[issue]}»` : ''}: {data.flagged}.
        </Text>
        <NativeSelect
          label="Замечание"
          data={[
            { value: '', label: 'Все замечания' },
            ...centerQualityIssues.map((i) => ({
              value: i,
              label: `${centerQualityIssueLabels[i]} (${data.byIssue[i]})`,
            })),
          ]}
          value={issue ?? ''}
          onChange={(e) =>
            set({ issue: (e.currentTarget.value || undefined) as CenterQualityIssue | undefined })
          }
          maw={520}
        />
        {data.centers.length === 0 ? (
          <Text c="dimmed" size="sm">
            {data.flagged === 0 ? 'Замечаний к данным центров нет.' : 'На этой странице центров нет.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped withTableBorder verticalSpacing="xs" fz="sm" aria-labelledby={headingId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Центр обслуживания</Table.Th>
                  <Table.Th scope="col">Организация</Table.Th>
                  <Table.Th scope="col">Адрес</Table.Th>
                  <Table.Th scope="col">Замечания</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.centers.map((c) => (
                  <Table.Tr key={c.id} data-testid="flagged-center">
                    <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere', minWidth: 160 }}>
                      {c.name}
                      <Text size="xs" c="dimmed">
                        {centerStatusLabels[c.status]}
                        {data.regionCode ? '' : ` · ${regionLabel(c.regionCode)}`}
                      </Text>
                    </Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere', minWidth: 160 }}>
                      {c.organizationShortName}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere', minWidth: 200 }}>{c.address}</Table.Td>
                    <Table.Td style={{ minWidth: 240 }}>
                      <Stack gap={4} align="flex-start">
                        {c.issues.map((i) => (
                          <Badge
                            key={i}
                            color="red"
                            variant="light"
                            styles={{
                              root: { maxWidth: '100%', height: 'auto', textTransform: 'none' },
                              label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'left' },
                            }}
                          >
                            {centerQualityIssueLabels[i]}
                          </Badge>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages > 1 && (
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => set({ issue, page: p })}
            getControlProps={(control) => ({
              'aria-label': control === 'previous' ? 'Предыдущая страница' : 'Следующая страница',
            })}
            getItemProps={(p) => ({ 'aria-label': `Страница ${p}` })}
          />
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        Качество данных
      </Title>
      <Text size="sm" c="dimmed">
        Система проверяет данные центров: набирается ли телефон, есть ли в режиме работы рабочие часы, лежит
        ли точка на карте в границах региона, не указан ли тот же адрес у другого центра. Организация видит
        замечания к своим центрам на технологическом портале.
      </Text>
      {body}
    </Stack>
  );
}
