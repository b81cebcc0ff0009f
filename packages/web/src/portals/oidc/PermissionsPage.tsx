import { oidcConsentListSchema, oidcScopeTitles, type OidcScope } from '@openesia/contracts';
import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client';
import { errorMessage } from '../../i18n/ru';

const dateFormat = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long' });

/**
 * «Предоставленные разрешения»: the systems the citizen let read their data (through OpenID
 * Connect), and withdrawal: the system's tokens stop working and the next sign-in asks again.
 */
export function PermissionsPage() {
  const queryClient = useQueryClient();
  const consents = useQuery({
    queryKey: ['oidc-consents'],
    queryFn: () => api.get('/oidc/consents', oidcConsentListSchema),
  });
  const withdraw = useMutation({
    mutationFn: (clientId: string) => api.delete(`/oidc/consents/${encodeURIComponent(clientId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['oidc-consents'] }),
  });
  return (
    <Stack maw={760} mx="auto" gap="md">
      <Title order={1} size="h2">
        Предоставленные разрешения
      </Title>
      <Text c="dimmed" size="sm">
        Информационные системы, которым вы разрешили получать ваши данные при входе через OpenESIA. После
        отзыва разрешения система больше не получит данные, а при следующем входе разрешение спросят снова.
      </Text>
      {consents.isPending && <Loader role="status" aria-label="Загрузка" />}
      {consents.isError && (
        <Alert color="red">
          {errorMessage(consents.error instanceof ApiRequestError ? consents.error.code : 'internal')}
        </Alert>
      )}
      {withdraw.isError && (
        <Alert color="red">
          {errorMessage(withdraw.error instanceof ApiRequestError ? withdraw.error.code : 'internal')}
        </Alert>
      )}
      {consents.data?.consents.length === 0 && <Text>Вы пока не предоставляли разрешений.</Text>}
      {consents.data?.consents.map((c) => (
        <Card key={c.clientId} withBorder padding="md">
          <Stack gap="xs">
            <Text fw={600}>{c.clientName}</Text>
            <Text size="sm">
              Данные:{' '}
              {c.scopes
                .filter((s) => s !== 'openid')
                .map((s) => oidcScopeTitles[s as OidcScope] ?? s)
                .join(', ') || 'только идентификатор пользователя'}
            </Text>
            <Text size="sm" c="dimmed">
              Предоставлено {dateFormat.format(new Date(c.grantedAt))}
            </Text>
            <Group>
              <Button
                variant="default"
                color="red"
                onClick={() => withdraw.mutate(c.clientId)}
                loading={withdraw.isPending && withdraw.variables === c.clientId}
              >
                Отозвать разрешение
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
