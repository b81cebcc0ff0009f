import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  postalAddressSchema,
  postCodeSchema,
  type ConfirmationState,
  type PostalAddress,
  type PostLetter,
} from '@openesia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiRequestError } from '../../../api/client';
import { useSession } from '../../../api/session';
import { errorMessage } from '../../../i18n/ru';
import { ConfirmBySignature } from '../../signature/ConfirmBySignature';
import { confirmationKey, useConfirmation, useRefreshAccount } from './api';
import { issuesToErrors, type FieldErrors } from './fields';
import { formatDate, formatDateTime, letterStateText, levelColor, levelTitle } from './texts';

const methodTitle = {
  service_center: 'в центре обслуживания',
  post: 'кодом из письма Почты России',
  signature: 'электронной подписью',
} as const;

function apiErrors(error: unknown): { fields: FieldErrors; message: string } {
  if (error instanceof ApiRequestError) {
    const fields: FieldErrors = {};
    for (const f of error.fields) fields[f.path] = f.code;
    return {
      fields,
      message:
        error.code === 'validation.failed' ? 'Проверьте поля, отмеченные красным.' : errorMessage(error.code),
    };
  }
  return { fields: {}, message: errorMessage('internal') };
}

const emptyAddress: PostalAddress = {
  postalCode: '',
  region: '',
  city: '',
  street: '',
  house: '',
  apartment: '',
};

function OrderLetterForm() {
  const queryClient = useQueryClient();
  const [address, setAddress] = useState<PostalAddress>(emptyAddress);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof PostalAddress, value: string) => setAddress({ ...address, [key]: value });
  const err = (key: string) =>
    (errors[`address.${key}`] ?? errors[key])
      ? errorMessage(errors[`address.${key}`] ?? errors[key])
      : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const parsed = postalAddressSchema.safeParse(address);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const state = await api.post<ConfirmationState>('/me/confirmation/post-letter', { address });
      queryClient.setQueryData(confirmationKey, state);
      notifications.show({ color: 'blue', message: 'Письмо заказано' });
    } catch (error) {
      const { fields, message: text } = apiErrors(error);
      setErrors(fields);
      setMessage(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Адрес для письма">
      <Stack gap="sm">
        <Text size="sm">
          Укажите адрес, по которому вы получите заказное письмо. Письмо вручают лично в руки при предъявлении
          паспорта.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Индекс"
            required
            inputMode="numeric"
            maxLength={6}
            autoComplete="postal-code"
            value={address.postalCode}
            onChange={(e) => set('postalCode', e.currentTarget.value.replace(/\D/g, ''))}
            error={err('postalCode')}
          />
          <TextInput
            label="Регион"
            required
            autoComplete="address-level1"
            value={address.region}
            onChange={(e) => set('region', e.currentTarget.value)}
            error={err('region')}
          />
          <TextInput
            label="Город или населённый пункт"
            required
            autoComplete="address-level2"
            value={address.city}
            onChange={(e) => set('city', e.currentTarget.value)}
            error={err('city')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Улица"
            required
            autoComplete="address-line1"
            value={address.street}
            onChange={(e) => set('street', e.currentTarget.value)}
            error={err('street')}
          />
          <TextInput
            label="Дом"
            required
            value={address.house}
            onChange={(e) => set('house', e.currentTarget.value)}
            error={err('house')}
          />
          <TextInput
            label="Квартира"
            description="Если есть"
            value={address.apartment ?? ''}
            onChange={(e) => set('apartment', e.currentTarget.value)}
            error={err('apartment')}
          />
        </SimpleGrid>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            Заказать письмо с кодом
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const letterStep: Record<string, number> = { created: 0, sent: 1, delivered: 2 };

function formatCode(value: string): string {
  const c = value
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return c.length > 4 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

function ActiveLetter({ letter, maxAttempts }: { letter: PostLetter; maxAttempts: number }) {
  const queryClient = useQueryClient();
  const refreshAccount = useRefreshAccount();
  const session = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const parsed = postCodeSchema.safeParse({ code });
    if (!parsed.success) {
      setError(errorMessage(parsed.error.issues[0].message));
      return;
    }
    setBusy(true);
    try {
      const state = await api.post<ConfirmationState>('/me/confirmation/post-letter/code', { code });
      queryClient.setQueryData(confirmationKey, state);
      await refreshAccount();
      notifications.show({ color: 'green', message: 'Личность подтверждена' });
    } catch (err) {
      setError(apiErrors(err).message);
      await queryClient.invalidateQueries({ queryKey: confirmationKey });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Stepper
        active={letterStep[letter.state] + (letter.state === 'delivered' ? 1 : 0)}
        size="sm"
        allowNextStepsSelect={false}
        aria-label="Состояние письма"
      >
        <Stepper.Step label="Заказано" description={formatDateTime(letter.createdAt)} />
        <Stepper.Step
          label="Отправлено"
          description={letter.sentAt ? formatDateTime(letter.sentAt) : 'Передаётся Почте России'}
        />
        <Stepper.Step
          label="Доставлено"
          description={letter.deliveredAt ? formatDateTime(letter.deliveredAt) : 'В пути'}
        />
      </Stepper>
      <Text role="status" data-testid="letter-state">
        <b>{letterStateText[letter.state]}</b>
        {letter.trackingNumber ? `, трек-номер ${letter.trackingNumber}` : ''}. Адрес: {letter.address}.
      </Text>
      <Text size="sm" c="dimmed">
        Код действует до {formatDate(letter.expiresAt)}. Осталось попыток ввода: {letter.attemptsLeft} из{' '}
        {maxAttempts}.
      </Text>
      {session.data?.demoMode && (
        <Alert color="yellow" variant="light" title="Демонстрационный режим">
          Письмо доставляет симулятор Почты России (обычно за несколько десятков секунд). Текст доставленного
          письма с кодом — в{' '}
          <Anchor component={Link} to="/dev/outbox">
            журнале отправленных сообщений
          </Anchor>
          .
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        {/* Aligned to the top with the label's height, so an error under the field does not push the button down. */}
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Код из письма"
            placeholder="XXXX-XXXX"
            autoComplete="one-time-code"
            maxLength={9}
            value={code}
            onChange={(e) => setCode(formatCode(e.currentTarget.value))}
            error={error}
            disabled={letter.state === 'created'}
            styles={{ input: { fontFamily: 'monospace', letterSpacing: 2 } }}
          />
          <Button type="submit" loading={busy} disabled={letter.state === 'created'} mt={29}>
            Подтвердить
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

function EndedLetter({ letter }: { letter: PostLetter }) {
  const why =
    letter.state === 'expired'
      ? 'Срок действия кода из предыдущего письма истёк.'
      : letter.sentAt
        ? 'Предыдущее письмо аннулировано: исчерпаны попытки ввода кода.'
        : 'Предыдущее письмо не удалось отправить: сервис Почты России был недоступен.';
  return (
    <Alert color="orange" variant="light">
      {why} Закажите новое письмо.
    </Alert>
  );
}

/** «Подтверждение вашей личности»: the three ways of seed 000, section 1, step 3. */
export function ConfirmPage() {
  const confirmation = useConfirmation();
  const refreshAccount = useRefreshAccount();
  if (confirmation.isPending) return <Loader aria-label="Загрузка" />;
  if (confirmation.isError)
    return <Alert color="red">{errorMessage((confirmation.error as any).code ?? 'internal')}</Alert>;
  const state = confirmation.data;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/profile" size="sm">
          ← Личный кабинет
        </Anchor>
        <Title order={1}>Подтверждение вашей личности</Title>
        <Group gap="xs">
          <Text>Сейчас:</Text>
          <Badge color={levelColor[state.level]} variant="light" size="lg" data-testid="confirm-level">
            {levelTitle[state.level]}
          </Badge>
        </Group>
      </Stack>

      {state.level === 'confirmed' && (
        <Alert color="green" title="Личность подтверждена" role="status">
          Учётная запись подтверждена
          {state.confirmationMethod ? ` ${methodTitle[state.confirmationMethod]}` : ''}. Вам доступны все
          электронные услуги.{' '}
          <Anchor component={Link} to="/profile">
            Вернуться в личный кабинет
          </Anchor>
        </Alert>
      )}
      {state.level === 'simplified' && (
        <Alert color="orange" title="Сначала — личные данные">
          {errorMessage('account.level_too_low')}{' '}
          <Anchor component={Link} to="/profile/personal-data">
            Перейти к личным данным
          </Anchor>
        </Alert>
      )}
      {state.level === 'standard' && <Text>Выберите удобный способ. Достаточно одного из трёх.</Text>}

      {state.level !== 'confirmed' && (
        <Stack gap="md">
          <Card withBorder padding="lg" aria-labelledby="way-center">
            <Stack gap="xs">
              <Title order={2} size="h4" id="way-center">
                1. Обратиться в центр обслуживания
              </Title>
              <Text>
                Возьмите паспорт и СНИЛС и обратитесь в любой центр обслуживания: МФЦ, отделение Почты России,
                Социального фонда или другой уполномоченный центр. Оператор сверит паспорт с данными учётной
                записи и подтвердит её — обычно за несколько минут.
              </Text>
              <Box
                p="md"
                style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 8 }}
                data-testid="service-center-map"
              >
                <Text size="sm" c="dimmed">
                  Здесь появится карта центров обслуживания с адресами, часами работы и услугами.
                </Text>
              </Box>
            </Stack>
          </Card>

          <Card withBorder padding="lg" aria-labelledby="way-post">
            <Stack gap="sm">
              <Title order={2} size="h4" id="way-post">
                2. Получить код подтверждения личности по почте
              </Title>
              <Text size="sm">
                Заказное письмо с кодом придёт в ваше почтовое отделение обычно за 1–2 недели. Код действует{' '}
                {state.letterValidDays} дней; допускается {state.maxCodeAttempts} попыток ввода.
              </Text>
              {state.activeLetter ? (
                <ActiveLetter letter={state.activeLetter} maxAttempts={state.maxCodeAttempts} />
              ) : (
                <>
                  {state.lastEndedLetter && <EndedLetter letter={state.lastEndedLetter} />}
                  {state.canOrderLetter ? (
                    <OrderLetterForm />
                  ) : (
                    <Text c="dimmed">Доступно после успешной проверки личных данных.</Text>
                  )}
                </>
              )}
            </Stack>
          </Card>

          <Card withBorder padding="lg" aria-labelledby="way-signature">
            <Stack gap="sm">
              <Title order={2} size="h4" id="way-signature">
                3. С помощью электронной подписи
              </Title>
              {state.canConfirm ? (
                <ConfirmBySignature onConfirmed={() => void refreshAccount()} />
              ) : (
                <Text size="sm">
                  Понадобится усиленная квалифицированная электронная подпись, выданная аккредитованным
                  удостоверяющим центром, или универсальная электронная карта: выберите сертификат, введите
                  PIN-код и подпишите заявление на подтверждение учётной записи.{' '}
                  <Anchor component={Link} to="/signature/keys">
                    Ключи электронной подписи
                  </Anchor>
                </Text>
              )}
            </Stack>
          </Card>
        </Stack>
      )}
    </Stack>
  );
}
