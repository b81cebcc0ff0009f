import { Alert, Anchor, Badge, Box, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { errorCodeOf } from '../../../forms/errors';
import { errorMessage } from '../../../i18n/ru';
import { ConfirmBySignature } from '../../signature/ConfirmBySignature';
import { ActiveLetter, EndedLetter } from './ActiveLetter';
import { useConfirmation, useRefreshAccount } from './api';
import { OrderLetterForm } from './OrderLetterForm';
import { levelColor, levelTitle } from './texts';

const methodTitle = {
  service_center: 'в центре обслуживания',
  post: 'кодом из письма Почты России',
  signature: 'электронной подписью',
} as const;

/** «Подтверждение вашей личности»: the three ways of seed 000, section 1, step 3. */
export function ConfirmPage() {
  const confirmation = useConfirmation();
  const refreshAccount = useRefreshAccount();
  if (confirmation.isPending) return <Loader role="status" aria-label="Загрузка" />;
  if (confirmation.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(confirmation.error))}
      </Alert>
    );
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
