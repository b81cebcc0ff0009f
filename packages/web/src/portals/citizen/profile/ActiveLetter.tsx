import { Alert, Anchor, Button, Group, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { confirmationStateSchema, postCodeSchema, type PostLetter } from '@openesia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { confirmationKey, useRefreshAccount } from './api';
import { formatDate, formatDateTime, letterStateText } from './texts';

const letterStep: Record<string, number> = { created: 0, sent: 1, delivered: 2 };

/** Refusals of the letter's code, shown at «Код из письма». */
const letterCodeFields = {
  'code.invalid': 'code',
  'code.expired': 'code',
  'code.attempts_exhausted': 'code',
  'post_letter.not_delivered': 'code',
  'post_letter.not_found': 'code',
  'post_letter.data_changed': 'code',
} as const;

function formatCode(value: string): string {
  const c = value
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return c.length > 4 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

/** A letter on its way or delivered: its state, and the field for the code from it. */
export function ActiveLetter({ letter, maxAttempts }: { letter: PostLetter; maxAttempts: number }) {
  const queryClient = useQueryClient();
  const refreshAccount = useRefreshAccount();
  const session = useSession();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { code: '' },
    schema: postCodeSchema,
    submit: (body) => api.post('/me/confirmation/post-letter/code', body, confirmationStateSchema),
    onSuccess: async (state) => {
      queryClient.setQueryData(confirmationKey, state);
      await refreshAccount();
      notifications.show({ color: 'green', message: 'Личность подтверждена' });
    },
    codeFields: letterCodeFields,
    // A wrong code used a try: the count under the field comes from the server.
    onError: () => void queryClient.invalidateQueries({ queryKey: confirmationKey }),
  });
  const notYet = letter.state === 'created';

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
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <FormMessage message={formError} />
          {/* Aligned to the top with the label's height, so an error under the field does not push the button down. */}
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label="Код из письма"
              placeholder="XXXX-XXXX"
              autoComplete="one-time-code"
              maxLength={9}
              {...form.getInputProps('code')}
              onChange={(e) => form.setFieldValue('code', formatCode(e.currentTarget.value))}
              disabled={notYet}
              styles={{ input: { fontFamily: 'monospace', letterSpacing: 2 } }}
            />
            <Button type="submit" loading={mutation.isPending} disabled={notYet} mt={29}>
              Подтвердить
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The last letter that ended without confirming, and why. */
export function EndedLetter({ letter }: { letter: PostLetter }) {
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
