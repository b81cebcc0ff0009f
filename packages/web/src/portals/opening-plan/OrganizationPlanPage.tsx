import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { regionLabel } from '../organization/texts';
import { useOrganizationPlan } from './api';
import { PlanSteps } from './PlanSteps';

export const RegionalOrganizationPlanPage = () => <OrganizationPlanPage audience="regional" />;
export const FederalOrganizationPlanPage = () => <OrganizationPlanPage audience="federal" />;

/** One organization's plan as an operator reads it (the regional operator: its region's only). */
function OrganizationPlanPage({ audience }: { audience: 'regional' | 'federal' }) {
  const { organizationId = '' } = useParams();
  const path =
    audience === 'regional'
      ? `/regional-operator/opening-plan/organizations/${encodeURIComponent(organizationId)}`
      : `/federal-operator/opening-plan/organizations/${encodeURIComponent(organizationId)}`;
  const plan = useOrganizationPlan(path);
  const back =
    audience === 'regional'
      ? { to: '/regional-operator/opening-plan', label: 'План открытия ЦО в регионе' }
      : {
          to: plan.data
            ? `/registry/opening-plan/${plan.data.organization.regionCode}`
            : '/registry/opening-plan',
          label: 'План открытия ЦО в регионе',
        };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={back.to} size="sm">
        ← {back.label}
      </Anchor>
      {plan.isPending && <Loader role="status" aria-label="Загрузка плана" />}
      {plan.isError && (
        <>
          <Title order={1}>План открытия ЦО</Title>
          <Alert color="red" role="alert">
            {errorMessage(errorCodeOf(plan.error))}
          </Alert>
        </>
      )}
      {plan.isSuccess && (
        <>
          <Stack gap={4}>
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              План открытия ЦО: {plan.data.organization.shortName}
            </Title>
            <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {plan.data.organization.fullName}; ОГРН {plan.data.organization.ogrn};{' '}
              {regionLabel(plan.data.organization.regionCode)}
            </Text>
          </Stack>
          <PlanSteps plan={plan.data} links={false} />
        </>
      )}
    </Stack>
  );
}
