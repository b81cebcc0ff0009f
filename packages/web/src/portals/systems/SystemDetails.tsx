import { Alert, Badge, Card, Code, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  oidcClientAuthMethodLabels,
  oidcClientStatusLabels,
  oidcScopeLabel,
  type OidcClientStatus,
  type OidcSystemView,
} from '@openesia/contracts';
import { formatDateTime } from '../citizen/profile/texts';
import { Field } from '../organization/texts';

const statusColor: Record<OidcClientStatus, string> = {
  pending: 'yellow',
  approved: 'green',
  blocked: 'red',
};

/** «На согласовании», «Действующая», «Заблокирована». */
export function SystemStatusBadge({ status }: { status: OidcClientStatus }) {
  return (
    <Badge
      color={statusColor[status]}
      variant="light"
      size="lg"
      style={{ flexShrink: 0 }}
      data-testid="system-status"
    >
      {oidcClientStatusLabels[status]}
    </Badge>
  );
}

export function scopesText(scopes: readonly string[]): string {
  return scopes.map(oidcScopeLabel).join(', ');
}

function UriList({ label, uris }: { label: string; uris: readonly string[] }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {uris.length ? (
        <List size="sm" spacing={2} listStyleType="none" p={0}>
          {uris.map((u) => (
            <List.Item key={u}>
              <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{u}</Code>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text>—</Text>
      )}
    </Stack>
  );
}

/**
 * A system's registration as its organization and the operator of ЕСИА read it: the status and
 * what a decision depends on — the addresses the provider will send codes to, the data it may ask
 * for, how it proves itself. The secret is never shown again after the registration.
 */
export function SystemDetails({ system: s }: { system: OidcSystemView }) {
  return (
    <Stack gap="md">
      {s.status === 'pending' && (
        <Alert color="yellow" title="На согласовании у оператора ЕСИА">
          Система не может выполнять вход пользователей, пока оператор ЕСИА её не одобрит.
        </Alert>
      )}
      {s.status === 'blocked' && (
        <Alert color="red" title="Система заблокирована оператором ЕСИА">
          <Text size="sm">Вход пользователей и выдача токенов прекращены.</Text>
          {s.blockReason && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              Причина: {s.blockReason}
            </Text>
          )}
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Сведения о системе
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label="Мнемоника (client_id)" value={s.clientId} />
            <Field label="Наименование" value={s.name} />
            <Field
              label="Организация"
              value={
                s.organization
                  ? `${s.organization.shortName}, ОГРН ${s.organization.ogrn}`
                  : 'Реестр оператора ЕСИА'
              }
            />
            <Field
              label="Способ аутентификации"
              value={oidcClientAuthMethodLabels[s.authMethod] ?? s.authMethod}
            />
            <Field label="Зарегистрирована" value={formatDateTime(s.createdAt)} />
            <Field label="Одобрена" value={s.approvedAt ? formatDateTime(s.approvedAt) : 'нет'} />
          </SimpleGrid>
          <Field
            label="ЕСИА-совместимый интерфейс: хэш сертификата (client_certificate_hash)"
            value={s.certificateHash ?? 'сертификат не указан — вход только по OpenID Connect'}
          />
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Адреса и области доступа
          </Title>
          <UriList label="Адреса возврата (redirect_uri)" uris={s.redirectUris} />
          <UriList label="Адреса после выхода (post_logout_redirect_uri)" uris={s.postLogoutRedirectUris} />
          <Field label="Разрешённые области доступа" value={scopesText(s.scopes)} />
        </Stack>
      </Card>
      {s.jwks && (
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Открытые ключи системы (JWKS)
            </Title>
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {JSON.stringify(s.jwks, null, 2)}
            </Code>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
