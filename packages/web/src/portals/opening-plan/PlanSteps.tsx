import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { planGapLabels, planStepInfo, type OrganizationPlan, type PlanStepView } from '@openesia/contracts';
import { Link } from 'react-router';
import { formatDate } from '../citizen/profile/texts';
import { formatIsoDate, gapPlace, OverdueBadge, StageBadge } from './texts';

const stateText: Record<PlanStepView['state'], { label: string; color: string }> = {
  done: { label: 'Выполнен', color: 'green' },
  current: { label: 'Текущий этап', color: 'blue' },
  pending: { label: 'Не выполнен', color: 'gray' },
};

/** The deadline of the organization's region, and whether it has passed with the plan unfinished. */
export function PlanDeadlineLine({ plan }: { plan: Pick<OrganizationPlan, 'deadline' | 'overdue'> }) {
  const { deadline } = plan;
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm">
        {deadline.date
          ? `Срок завершения работ: до ${formatIsoDate(deadline.date)} включительно${
              deadline.source === 'region' ? ' (установлен региональным оператором)' : ''
            }`
          : 'Срок завершения работ не установлен.'}
      </Text>
      {plan.overdue && <OverdueBadge />}
    </Group>
  );
}

/**
 * The six steps of seed 004 with their state, the control event («Контрольное событие») and the
 * date it was reached, and what is missing for it. `links`: the organization's own page links each
 * gap to the tab where it is put right; an operator reading it gets the words only.
 */
export function PlanSteps({ plan, links }: { plan: OrganizationPlan; links: boolean }) {
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <Text size="sm">Текущий этап:</Text>
        <StageBadge stage={plan.stage} />
      </Group>
      <PlanDeadlineLine plan={plan} />
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {plan.steps.map((s) => (
          <Card
            key={s.step}
            component="li"
            withBorder
            padding="md"
            aria-labelledby={`plan-step-${s.step}`}
            data-testid="plan-step"
            style={s.state === 'current' ? { borderColor: 'var(--mantine-color-blue-5)' } : undefined}
          >
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Title order={2} size="h5" id={`plan-step-${s.step}`} style={{ overflowWrap: 'anywhere' }}>
                  {planStepInfo[s.step].number}. {planStepInfo[s.step].title}
                </Title>
                <Badge color={stateText[s.state].color} variant="light">
                  {stateText[s.state].label}
                </Badge>
              </Group>
              {s.step === 'officials' && (
                <Text size="sm" c="dimmed">
                  Ответственных за технологические функции: {plan.facts.technicalOfficials}; сотрудников,
                  кроме руководителя: {plan.facts.operators}; из них подписывали служебной ЭП организации:{' '}
                  {plan.facts.operatorsWithServiceCertificate}.
                </Text>
              )}
              {s.step === 'workstations' && (
                <Text size="sm" c="dimmed">
                  Сотрудников в группах АРМ «Центр обслуживания»: {plan.facts.operatorsInWorkstationGroups}.
                </Text>
              )}
              {planStepInfo[s.step].event && (
                <Text size="sm">
                  Контрольное событие: {planStepInfo[s.step].event} —{' '}
                  {s.reachedAt ? <b>достигнуто {formatDate(s.reachedAt)}</b> : 'не достигнуто'}
                </Text>
              )}
              {s.missing.length > 0 && (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {s.state === 'current'
                      ? 'Для следующего контрольного события не хватает:'
                      : 'Не хватает:'}
                  </Text>
                  <List size="sm" spacing={4}>
                    {s.missing.map((gap) => {
                      const place = gapPlace[gap];
                      return (
                        <List.Item key={gap} style={{ overflowWrap: 'anywhere' }}>
                          {planGapLabels[gap]}.{' '}
                          {links && place && (
                            <Anchor component={Link} to={place.to} size="sm">
                              Перейти: «{place.label}»
                            </Anchor>
                          )}
                          {links && !place && (
                            <Text span size="sm" c="dimmed">
                              Центры обслуживания и АРМ ЕСИА версии 2 появятся в следующих версиях системы.
                            </Text>
                          )}
                        </List.Item>
                      );
                    })}
                  </List>
                </Stack>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
