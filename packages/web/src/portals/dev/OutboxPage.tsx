import { outboxMessageSchema, type OutboxMessage } from '@openesia/contracts';
import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { ApiRequestError, api } from '../../api/client';
import { errorMessage } from '../../i18n/ru';

// The answer of GET /api/dev/outbox (http/routes/dev.ts).
const outboxListSchema = z.object({ messages: z.array(outboxMessageSchema) });

const channelText: Record<OutboxMessage['channel'], string> = {
  sms: 'SMS',
  email: 'Электронная почта',
  post: 'Почта России',
};
const channelColor: Record<OutboxMessage['channel'], string> = { sms: 'teal', email: 'blue', post: 'orange' };

/**
 * «Отправленные сообщения (симулятор)»: what the simulated SMS gateway, mail server and post
 * delivered, newest first. Exists in demo mode only, so people trying the system can read their codes.
 */
export function OutboxPage() {
  const [filter, setFilter] = useState('');
  const [recipient, setRecipient] = useState('');
  const outbox = useQuery({
    queryKey: ['dev-outbox', recipient],
    queryFn: () =>
      api.get(`/dev/outbox${recipient ? `?to=${encodeURIComponent(recipient)}` : ''}`, outboxListSchema),
  });
  return (
    <Stack gap="md" maw={900} mx="auto">
      <Title order={1} size="h2">
        Отправленные сообщения (симулятор)
      </Title>
      <Text c="dimmed" size="sm">
        В демонстрационном режиме SMS, письма и почтовые отправления не уходят наружу: симуляторы складывают
        их сюда. Новые — сверху.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setRecipient(filter.trim());
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Получатель"
            description="Телефон в формате +79XXXXXXXXX или адрес почты"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            style={{ flex: '1 1 240px' }}
          />
          <Button type="submit" variant="default">
            Показать
          </Button>
          <Button onClick={() => outbox.refetch()} loading={outbox.isFetching}>
            Обновить
          </Button>
        </Group>
      </form>
      {outbox.isLoading && <Loader />}
      {outbox.error && (
        <Alert color="red" role="alert">
          {outbox.error instanceof ApiRequestError && outbox.error.code === 'dev.disabled'
            ? 'Журнал доступен только в демонстрационном режиме с симуляторами.'
            : errorMessage(outbox.error instanceof ApiRequestError ? outbox.error.code : 'internal')}
        </Alert>
      )}
      {outbox.data && outbox.data.messages.length === 0 && (
        <Text>Сообщений нет{recipient ? ` для ${recipient}` : ''}.</Text>
      )}
      <Stack
        gap="sm"
        component="ol"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label="Сообщения"
      >
        {outbox.data?.messages.map((m) => (
          <Card key={m.id} withBorder padding="md" component="li" data-testid="outbox-message">
            <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
              <Group gap="xs" wrap="wrap">
                <Badge color={channelColor[m.channel]} variant="light">
                  {channelText[m.channel]}
                </Badge>
                <Text fw={600} style={{ wordBreak: 'break-all' }}>
                  {m.to}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" component="time" dateTime={m.createdAt}>
                {new Date(m.createdAt).toLocaleString('ru-RU')}
              </Text>
            </Group>
            {m.subject && (
              <Text fw={500} size="sm">
                {m.subject}
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.body}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
