import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { centerQualityIssueLabels, type CenterSummary } from '@openesia/contracts';
import { Link } from 'react-router';
import { regionLabel } from '../organization/texts';
import { useCenters } from './api';
import { Loading, TechError, TechPortalPage, TechTrail } from './TechPortal';
import { CenterStatusBadge, servicesText } from './texts';

/**
 * «Центры обслуживания» (seed 000, section 5): the organization's centers with their status,
 * services, operators and the data check's findings, and «Добавить центр обслуживания».
 */
export function CentersPage() {
  return (
    <TechPortalPage>
      <Centers />
    </TechPortalPage>
  );
}

function Centers() {
  const centers = useCenters();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <TechTrail items={[{ label: 'Центры обслуживания' }]} />
        <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
          <Title order={1}>Центры обслуживания</Title>
          {centers.isSuccess && (
            <Button component={Link} to="/tech/centers/new" w={{ base: '100%', xs: 'auto' }}>
              Добавить центр обслуживания
            </Button>
          )}
        </Group>
      </Stack>
      {centers.isPending && <Loading label="Загрузка центров обслуживания" />}
      {centers.isError && <TechError error={centers.error} />}
      {centers.isSuccess && centers.data.centers.length === 0 && (
        <Text c="dimmed">
          Центров обслуживания пока нет. Добавьте центр: он будет создан со статусом «Недействующий», а
          «Действующим» станет, когда заполнены все сведения и прикреплён оператор.
        </Text>
      )}
      {centers.isSuccess && centers.data.centers.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {centers.data.centers.map((c) => (
            <CenterCard key={c.id} center={c} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function CenterCard({ center: c }: { center: CenterSummary }) {
  return (
    <Card withBorder padding="md" component="li" data-testid="center-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Anchor
            component={Link}
            to={`/tech/centers/${c.id}`}
            fw={600}
            style={{ overflowWrap: 'anywhere', minWidth: 0 }}
          >
            {c.name}
          </Anchor>
          <CenterStatusBadge status={c.status} />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {c.address}
        </Text>
        <Text size="sm" c="dimmed">
          {regionLabel(c.regionCode)}
        </Text>
        <Group gap="lg" wrap="wrap">
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Услуги:
            </Text>{' '}
            {servicesText(c.services)}
          </Text>
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Операторов:
            </Text>{' '}
            {c.operatorCount}
          </Text>
        </Group>
        {c.quality.length > 0 && (
          <Stack gap={4} align="flex-start">
            <Text size="sm" c="dimmed">
              Проверка данных:
            </Text>
            {c.quality.map((q) => (
              <Badge
                key={q}
                color="orange"
                variant="light"
                radius="sm"
                styles={{
                  root: { maxWidth: '100%', height: 'auto', textTransform: 'none' },
                  label: { whiteSpace: 'normal', overflow: 'visible' },
                }}
              >
                {centerQualityIssueLabels[q]}
              </Badge>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
