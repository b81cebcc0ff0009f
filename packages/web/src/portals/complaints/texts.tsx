import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { complaintCategoryLabels, type ComplaintView } from '@openesia/contracts';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../citizen/profile/texts';
import { Field, personName, regionLabel } from '../organization/texts';

const DAY_MS = 86_400_000;

/** «1 день», «3 дня», «11 дней». */
export function daysText(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  const word =
    tens >= 11 && tens <= 14 ? 'дней' : ones === 1 ? 'день' : ones >= 2 && ones <= 4 ? 'дня' : 'дней';
  return `${n} ${word}`;
}

/** How long ago, in whole days: «сегодня», «3 дня назад». */
export function ageText(iso: string, now = Date.now()): string {
  const days = Math.floor((now - new Date(iso).getTime()) / DAY_MS);
  return days <= 0 ? 'сегодня' : `${daysText(days)} назад`;
}

export function ComplaintStatusBadge({ complaint: c }: { complaint: ComplaintView }) {
  if (c.status === 'answered')
    return (
      <Badge color="green" variant="light">
        Ответ дан
      </Badge>
    );
  return c.overdue ? (
    <Badge color="red" variant="filled" data-testid="overdue">
      Просрочена
    </Badge>
  ) : (
    <Badge color="yellow" variant="light">
      Ожидает ответа
    </Badge>
  );
}

/**
 * One complaint as every list shows it: its number and age, the organization (for the operators),
 * the category, place and text, the deadline, and the answer when there is one. `children`: what
 * the person looking may do with it (the organization's answer form).
 */
export function ComplaintCard({
  complaint: c,
  showOrganization,
  children,
}: {
  complaint: ComplaintView;
  showOrganization?: boolean;
  children?: ReactNode;
}) {
  const late = c.answeredAt && new Date(c.answeredAt).getTime() > new Date(c.answerDueAt).getTime();
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={`complaint-${c.id}`}
      data-testid="complaint"
      style={c.overdue ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Stack gap={0}>
            <Title order={2} size="h4" id={`complaint-${c.id}`}>
              Жалоба № {c.number}
            </Title>
            <Text size="sm" c="dimmed">
              {formatDateTime(c.createdAt)} · {ageText(c.createdAt)}
            </Text>
          </Stack>
          <ComplaintStatusBadge complaint={c} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {showOrganization && <Field label="Организация" value={c.organization.shortName} />}
          {showOrganization && <Field label="Регион" value={regionLabel(c.organization.regionCode)} />}
          <Field label="Категория" value={complaintCategoryLabels[c.category]} />
          <Field label="Центр обслуживания" value={c.place ?? 'не указан'} />
          <Field
            label="Ответить до"
            value={`${formatDate(c.answerDueAt)}${c.overdue ? ' — срок ответа истёк' : ''}`}
          />
          <Field
            label="Заявитель"
            value={`${c.signedIn ? 'вошёл в систему' : 'не входил в систему'}; ${
              c.answerByEmail
                ? 'ответ будет отправлен ему на электронную почту'
                : 'адрес для ответа не указан'
            }`}
          />
        </SimpleGrid>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.text}</Text>
        {c.answer && (
          <Card withBorder padding="sm" bg="gray.0">
            <Stack gap={4}>
              <Text size="sm" fw={700}>
                Ответ организации, {formatDateTime(c.answeredAt)}
                {c.answeredBy ? ` — ${personName(c.answeredBy)}` : ''}
                {late ? ' (после истечения срока)' : ''}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {c.answer}
              </Text>
            </Stack>
          </Card>
        )}
        {children}
      </Stack>
    </Card>
  );
}
