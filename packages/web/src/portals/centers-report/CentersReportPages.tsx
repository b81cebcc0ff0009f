import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { regionLabel } from '../organization/texts';
import { federalReport, regionalReport } from './api';
import { CentersReport } from './CentersReport';

/**
 * «Центры обслуживания» of the regional operator's region (issue 11, item 4): the organizations'
 * centers by status and service, the files, and the centers whose data look wrong.
 */
export function RegionalCentersPage() {
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Центры обслуживания региона</Title>
        <Text c="dimmed">
          Центры обслуживания организаций региона по статусам и услугам. «На карте» — действующие центры
          незаблокированных организаций с услугой, которую открывают их согласования: их видят граждане на
          карте центров обслуживания.
        </Text>
      </Stack>
      <CentersReport
        source={regionalReport}
        intro={(report) =>
          report.regionCode && <Text fw={500}>Регион: {regionLabel(report.regionCode)}</Text>
        }
      />
    </Stack>
  );
}

/**
 * «Центры обслуживания» of the registry (issue 11, item 4): every region, a region's organizations
 * when one is chosen, the files, and the flagged centers of the country or the region.
 */
export function FederalCentersPage() {
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Центры обслуживания</Title>
        <Text c="dimmed">
          Центры обслуживания по регионам, статусам и услугам; регион открывает свои организации. «На карте» —
          действующие центры незаблокированных организаций с услугой, которую открывают их согласования.
        </Text>
      </Stack>
      <CentersReport
        source={federalReport}
        intro={(report) =>
          report.regionCode && (
            <Stack gap={4}>
              <Anchor component={Link} to="/registry/centers" size="sm">
                ← Все регионы
              </Anchor>
              <Text fw={500}>{regionLabel(report.regionCode)}</Text>
            </Stack>
          )
        }
      />
    </Stack>
  );
}
