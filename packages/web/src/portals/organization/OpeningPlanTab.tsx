import { Alert, Loader, Stack, Text } from '@mantine/core';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { useOwnPlan } from '../opening-plan/api';
import { PlanSteps } from '../opening-plan/PlanSteps';

/**
 * «План открытия ЦО» (seed 004): where the organization stands on the way to its service center,
 * computed from its data now — nothing here is ticked by hand. Each missing fact links to the tab
 * where it is put right.
 */
export function OpeningPlanTab() {
  const plan = useOwnPlan();
  if (plan.isPending) return <Loader size="sm" role="status" aria-label="Загрузка плана" />;
  if (plan.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(plan.error))}
      </Alert>
    );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        План мероприятий по открытию центров обслуживания и организации работы по регистрации, подтверждению
        личности и восстановлению доступа граждан в ЕСИА. Этапы отмечаются сами по данным организации.
      </Text>
      <PlanSteps plan={plan.data} links />
    </Stack>
  );
}
