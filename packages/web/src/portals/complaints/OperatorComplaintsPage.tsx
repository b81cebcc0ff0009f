import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ComplaintFilter } from '@openesia/contracts';
import { useState } from 'react';
import { ComplaintList } from './ComplaintList';

const texts = {
  regional: {
    title: 'Жалобы на центры обслуживания региона',
    lead: 'Жалобы граждан на центры обслуживания организаций вашего региона. Следите, чтобы организации отвечали в срок; просроченные жалобы видит и оператор ЕСИА.',
    noAccess:
      'Жалобы организаций региона видит региональный оператор. Войдите как сотрудник организации — регионального оператора (выбор в заголовке страницы).',
  },
  federal: {
    title: 'Жалобы на центры обслуживания',
    lead: 'Жалобы граждан на центры обслуживания всех организаций. При жалобах без ответа организацию можно заблокировать как оператора выдачи ключа ПЭП (раздел «Организации»).',
    noAccess:
      'Жалобы всех организаций видит оператор ЕСИА. Войдите под учётной записью сотрудника оператора ЕСИА.',
  },
} as const;

/**
 * The operators' «Жалобы» (issue 10): the regional operator's are its region's, the federal
 * operator's every region's; the unanswered by their deadline, the overdue marked, with their age.
 */
export function OperatorComplaintsPage({ side }: { side: 'regional' | 'federal' }) {
  const [filter, setFilter] = useState<ComplaintFilter>('awaiting_answer');
  const t = texts[side];
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t.title}</Title>
        <Text c="dimmed">{t.lead}</Text>
      </Stack>
      <ComplaintList
        side={side}
        filter={filter}
        onFilter={setFilter}
        refused={(code) =>
          code === 'auth.forbidden' ? (
            <Alert color="yellow" title="Нет доступа к жалобам" role="alert">
              {t.noAccess}
            </Alert>
          ) : null
        }
      />
    </Stack>
  );
}
