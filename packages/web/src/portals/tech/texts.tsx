import { Badge, List, Text } from '@mantine/core';
import {
  accessGroupInfo,
  centerFieldLabels,
  centerServiceLabels,
  centerStatusLabels,
  type AccessGroup,
  type CenterService,
  type CenterStatus,
  type OpenInterval,
} from '@openesia/contracts';

export function CenterStatusBadge({ status }: { status: CenterStatus }) {
  return (
    <Badge
      color={status === 'active' ? 'green' : 'gray'}
      variant="light"
      size="lg"
      style={{ flexShrink: 0 }}
      data-testid="center-status"
    >
      {centerStatusLabels[status]}
    </Badge>
  );
}

export function servicesText(services: readonly CenterService[]): string {
  return services.length ? services.map((s) => centerServiceLabels[s]).join(', ') : 'не выбраны';
}

/** The АРМ groups by their names in «Доступ к системам»; an unknown one as it came. */
export function groupsText(groups: readonly string[]): string {
  return groups.map((g) => accessGroupInfo[g as AccessGroup]?.label ?? g).join(', ');
}

/** «09:00–13:00, 14:00–18:00», each interval kept on one line; no interval: «Выходной». */
export function Intervals({ intervals }: { intervals: readonly OpenInterval[] }) {
  if (!intervals.length) return <>Выходной</>;
  return (
    <>
      {intervals.map((i, n) => (
        <span key={n}>
          {n > 0 && ', '}
          <span style={{ whiteSpace: 'nowrap' }}>
            {i.from}–{i.to}
          </span>
        </span>
      ))}
    </>
  );
}

/**
 * What «Действующий» still needs (the view's `missingForActivation`), said before the officer
 * tries: the empty fields by the form's names, and an operator with access to the АРМ.
 */
export function MissingForActivation({ missing }: { missing: readonly string[] }) {
  return (
    <>
      <Text size="sm">Чтобы присвоить статус «Действующий», не хватает:</Text>
      <List size="sm" data-testid="missing-for-activation">
        {missing.map((m) => (
          <List.Item key={m}>
            {m === 'operators'
              ? 'прикреплённого оператора с доступом к АРМ «Центр обслуживания»'
              : (centerFieldLabels[m as keyof typeof centerFieldLabels] ?? m)}
          </List.Item>
        ))}
      </List>
    </>
  );
}

/**
 * The federal non-working holidays (Трудовой кодекс РФ, статья 112): 1-8 января, 23 февраля,
 * 8 марта, 1 и 9 мая, 12 июня, 4 ноября. The transfers of days off change every year by a
 * government decree, so they are left to the officer.
 */
export function federalHolidays(year: number): { date: string; note: string }[] {
  const day = (month: number, d: number, note: string) => ({
    date: `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    note,
  });
  return [
    ...[1, 2, 3, 4, 5, 6].map((d) => day(1, d, 'Новогодние каникулы')),
    day(1, 7, 'Рождество Христово'),
    day(1, 8, 'Новогодние каникулы'),
    day(2, 23, 'День защитника Отечества'),
    day(3, 8, 'Международный женский день'),
    day(5, 1, 'Праздник Весны и Труда'),
    day(5, 9, 'День Победы'),
    day(6, 12, 'День России'),
    day(11, 4, 'День народного единства'),
  ];
}
