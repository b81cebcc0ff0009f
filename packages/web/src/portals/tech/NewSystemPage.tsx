import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  oidcScopeLabel,
  oidcScopes,
  oidcSystemRegisterSchema,
  OIDC_MAX_URIS,
  type FieldError,
  type OidcSystemRegister,
  type OidcSystemRegistered,
} from '@openesia/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { registerSystem, useForgetSystems } from './systemsApi';
import { TechPortalPage, TechTrail } from './TechPortal';

type AuthMethod = 'client_secret_basic' | 'private_key_jwt';

interface SystemFormValues extends Record<string, unknown> {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  authMethod: AuthMethod;
  /** the system's public keys as pasted: JSON text, read on sending */
  jwks: string;
  /** the system's GOST certificate (PEM) for the ESIA-compatible interface; empty: none */
  certificate: string;
}

const initialValues: SystemFormValues = {
  clientId: '',
  name: '',
  redirectUris: [''],
  postLogoutRedirectUris: [],
  scopes: ['openid'],
  authMethod: 'client_secret_basic',
  jwks: '',
  certificate: '',
};

/** The pasted key set, or why it is not one. */
function readJwks(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: 'oidc_client.jwks_json' };
  }
}

function toInput(v: SystemFormValues): OidcSystemRegister {
  const uris = (list: string[]) => list.map((u) => u.trim()).filter(Boolean);
  const jwks = v.authMethod === 'private_key_jwt' ? readJwks(v.jwks).value : undefined;
  return {
    clientId: v.clientId,
    name: v.name,
    redirectUris: uris(v.redirectUris),
    postLogoutRedirectUris: uris(v.postLogoutRedirectUris),
    scopes: v.scopes as OidcSystemRegister['scopes'],
    authMethod: v.authMethod,
    ...(jwks === undefined ? {} : { jwks: jwks as OidcSystemRegister['jwks'] }),
    ...(v.certificate.trim() ? { certificate: v.certificate } : {}),
  };
}

/**
 * The contract's verdict, with what only the form knows first: text that is not JSON. The key set is
 * one field on the form, so a refusal inside it (`jwks.keys.0.kid`) is shown at the field.
 */
function check(input: OidcSystemRegister, values: SystemFormValues): FieldError[] {
  const errors: FieldError[] = [];
  if (values.authMethod === 'private_key_jwt') {
    const read = readJwks(values.jwks);
    if (read.error) errors.push({ path: 'jwks', code: read.error });
    // the schema's own rule for this runs only once every other field is right: said in the same round
    if (!values.jwks.trim()) errors.push({ path: 'jwks', code: 'oidc_client.jwks_required' });
  }
  const parsed = oidcSystemRegisterSchema.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      errors.push({ path: path.startsWith('jwks') ? 'jwks' : path, code: issue.message });
    }
  return errors;
}

/**
 * «Добавить информационную систему» (issue 13): the mnemonic, the name, the exact redirect
 * addresses, the data it may ask for and how it proves itself. Saved «На согласовании»; the secret
 * of client_secret_basic is shown once, here.
 */
export function NewSystemPage() {
  const [registered, setRegistered] = useState<OidcSystemRegistered | null>(null);
  return (
    <TechPortalPage>
      <Stack gap="lg">
        <Stack gap={4}>
          <TechTrail
            items={[
              { label: 'Информационные системы', to: '/tech/systems' },
              { label: 'Новая информационная система' },
            ]}
          />
          <Title order={1}>Добавить информационную систему</Title>
          {!registered && (
            <Text c="dimmed">
              Система будет направлена на согласование оператору ЕСИА и сможет выполнять вход пользователей
              после одобрения.
            </Text>
          )}
        </Stack>
        {registered ? <Registered result={registered} /> : <SystemForm onRegistered={setRegistered} />}
      </Stack>
    </TechPortalPage>
  );
}

function SystemForm({ onRegistered }: { onRegistered(result: OidcSystemRegistered): void }) {
  const navigate = useNavigate();
  const forget = useForgetSystems();
  const { form, mutation, formError, onSubmit } = useApiForm<
    SystemFormValues,
    OidcSystemRegister,
    OidcSystemRegistered
  >({
    initialValues,
    toInput,
    check,
    submit: registerSystem,
    onSuccess: async (result) => {
      await forget();
      onRegistered(result);
      window.scrollTo(0, 0);
    },
    codeFields: { 'oidc_client.duplicate': 'clientId' },
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Сведения о системе
            </Title>
            <TextInput
              label="Мнемоника"
              description="Идентификатор системы (client_id): латинские буквы, цифры, «_» и «-», например PORTAL_USLUG. Изменить её потом нельзя."
              required
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
              {...form.getInputProps('clientId')}
            />
            <TextInput
              label="Наименование"
              description="Так система будет названа пользователю: «Система … запрашивает доступ к данным»"
              required
              maxLength={200}
              {...form.getInputProps('name')}
            />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              Адреса
            </Title>
            <UriFields
              form={form}
              field="redirectUris"
              legend="Адреса возврата (redirect_uri)"
              description="Куда ЕСИА вернёт пользователя с кодом авторизации. Адрес в запросе системы должен совпадать с одним из указанных полностью, до символа. Только https (http — для localhost), без «#»."
              itemLabel="Адрес возврата"
              required
            />
            <UriFields
              form={form}
              field="postLogoutRedirectUris"
              legend="Адреса после выхода (post_logout_redirect_uri)"
              description="Куда ЕСИА может вернуть пользователя после выхода. Необязательно."
              itemLabel="Адрес после выхода"
            />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Checkbox.Group
            label="Разрешённые области доступа"
            description="Данные, которые система сможет запрашивать; пользователь даёт согласие на каждую при входе"
            {...form.getInputProps('scopes')}
          >
            <Stack gap="xs" mt="xs">
              {oidcScopes.map((scope) => (
                <Checkbox
                  key={scope}
                  value={scope}
                  disabled={scope === 'openid'}
                  label={`${oidcScopeLabel(scope)} (${scope})${scope === 'openid' ? ' — обязательно' : ''}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Radio.Group
              label="Способ аутентификации системы"
              description="Как система подтверждает себя при получении токенов"
              {...form.getInputProps('authMethod')}
            >
              <Stack gap="sm" mt="xs">
                <Radio
                  value="client_secret_basic"
                  label="Секрет клиента (client_secret_basic)"
                  description="ЕСИА создаст секрет и покажет его один раз после регистрации"
                />
                <Radio
                  value="private_key_jwt"
                  label="Подпись ключом системы (private_key_jwt)"
                  description="Система подписывает запросы своим закрытым ключом; укажите её открытые ключи"
                />
              </Stack>
            </Radio.Group>
            {values.authMethod === 'private_key_jwt' && (
              <Textarea
                label="Открытые ключи (JWKS)"
                description='Набор открытых ключей в формате JSON: {"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…", "kid": "…"}]}'
                required
                autosize
                minRows={5}
                maxRows={16}
                spellCheck={false}
                styles={{ input: { fontFamily: 'monospace' } }}
                {...form.getInputProps('jwks')}
              />
            )}
            <Textarea
              label="Сертификат системы для ЕСИА-совместимого интерфейса"
              description="Если система входит через /aas/oauth2 (как к ЕСИА): сертификат ключа ГОСТ Р 34.10-2012 в формате PEM, которым она подписывает client_secret. Необязательно."
              placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
              autosize
              minRows={3}
              maxRows={12}
              spellCheck={false}
              styles={{ input: { fontFamily: 'monospace' } }}
              {...form.getInputProps('certificate')}
            />
          </Stack>
        </Card>
        <FormMessage message={formError} />
        <Group gap="sm" wrap="wrap">
          <Button type="submit" loading={mutation.isPending} w={{ base: '100%', xs: 'auto' }}>
            Зарегистрировать систему
          </Button>
          <Button
            variant="default"
            onClick={() => void navigate('/tech/systems')}
            w={{ base: '100%', xs: 'auto' }}
          >
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A list of addresses, one field each, «Добавить адрес» and «Удалить» beside each. */
function UriFields({
  form,
  field,
  legend,
  description,
  itemLabel,
  required = false,
}: {
  form: UseFormReturnType<SystemFormValues>;
  field: 'redirectUris' | 'postLogoutRedirectUris';
  legend: string;
  description: string;
  itemLabel: string;
  required?: boolean;
}) {
  const uris = form.getValues()[field];
  const listError = form.errors[field];
  return (
    <Stack gap="xs" component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
      <Text component="legend" fw={600} p={0}>
        {legend}
        {required && (
          <Text span c="red" aria-hidden>
            {' '}
            *
          </Text>
        )}
      </Text>
      <Text size="xs" c="dimmed">
        {description}
      </Text>
      {uris.map((_, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            aria-label={`${itemLabel} ${i + 1}`}
            placeholder="https://example.ru/callback"
            type="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={2000}
            style={{ flex: 1, minWidth: 0 }}
            {...form.getInputProps(`${field}.${i}`)}
          />
          {(!required || uris.length > 1) && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size={36}
              aria-label={`Удалить: ${itemLabel.toLowerCase()} ${i + 1}`}
              onClick={() => form.removeListItem(field, i)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {listError && (
        <Text size="sm" c="red" role="alert">
          {listError}
        </Text>
      )}
      {uris.length < OIDC_MAX_URIS && (
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => form.insertListItem(field, '')}>
            Добавить адрес
          </Button>
        </div>
      )}
    </Stack>
  );
}

/** After the registration: the status, and the secret this once with «Скопировать». */
function Registered({ result }: { result: OidcSystemRegistered }) {
  const { system, secret } = result;
  return (
    <Stack gap="md">
      <Alert color="green" title="Система зарегистрирована" role="status">
        Информационная система «{system.name}» (мнемоника {system.clientId}) направлена на согласование
        оператору ЕСИА. Статус — «На согласовании».
      </Alert>
      {secret && (
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Секрет клиента (client_secret)
            </Title>
            <Text size="sm">
              Скопируйте секрет и передайте администратору системы. Он показывается только сейчас: ЕСИА хранит
              его в зашифрованном виде и больше не покажет.
            </Text>
            <Code
              block
              data-testid="client-secret"
              style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}
            >
              {secret}
            </Code>
            <div>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button
                    variant={copied ? 'light' : 'filled'}
                    color={copied ? 'green' : undefined}
                    onClick={copy}
                  >
                    {copied ? 'Скопировано' : 'Скопировать секрет'}
                  </Button>
                )}
              </CopyButton>
            </div>
          </Stack>
        </Card>
      )}
      <Group gap="sm" wrap="wrap">
        <Button
          component={Link}
          to={`/tech/systems/${encodeURIComponent(system.clientId)}`}
          w={{ base: '100%', xs: 'auto' }}
        >
          Перейти к системе
        </Button>
        <Button component={Link} to="/tech/systems" variant="default" w={{ base: '100%', xs: 'auto' }}>
          К списку систем
        </Button>
      </Group>
    </Stack>
  );
}
