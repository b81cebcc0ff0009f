import { Alert, Stack, Text, Title } from '@mantine/core';
import { WorkstationJournalTable } from './WorkstationJournalTable';

/** «Журнал АРМ» of the organization's profile: its operators' work, for its head, administrators and responsible person. */
export function OrganizationJournalTab() {
  return (
    <WorkstationJournalTable
      side="organization"
      refused={(code) =>
        code === 'auth.forbidden' ? (
          <Text c="dimmed">
            Журнал АРМ доступен руководителю, администраторам и ответственному лицу организации.
          </Text>
        ) : null
      }
    />
  );
}

const texts = {
  regional: {
    title: 'Журнал АРМ «Центр обслуживания» региона',
    lead: 'Действия операторов центров обслуживания организаций вашего региона: входы, поиски и операции.',
    noAccess:
      'Журнал АРМ организаций региона видит региональный оператор. Войдите как сотрудник организации — регионального оператора (выбор в заголовке страницы).',
  },
  federal: {
    title: 'Журнал АРМ «Центр обслуживания»',
    lead: 'Действия операторов центров обслуживания всех организаций: входы, поиски и операции.',
    noAccess:
      'Журнал АРМ всех организаций видит оператор ЕСИА. Войдите под учётной записью сотрудника оператора ЕСИА.',
  },
} as const;

/** The regional operator's and the operator of ЕСИА's «Журнал АРМ». */
export function OperatorJournalPage({ side }: { side: 'regional' | 'federal' }) {
  const t = texts[side];
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t.title}</Title>
        <Text c="dimmed">{t.lead}</Text>
      </Stack>
      <WorkstationJournalTable
        side={side}
        refused={(code) =>
          code === 'auth.forbidden' ? (
            <Alert color="yellow" title="Нет доступа к журналу" role="alert">
              {t.noAccess}
            </Alert>
          ) : null
        }
      />
    </Stack>
  );
}
