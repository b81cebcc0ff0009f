import {
  registrationStartedSchema,
  registrationVerifiedSchema,
  registrationVerifyCodeSchema,
  type RegistrationStarted,
  type RegistrationVerified,
} from '@openesia/contracts';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { splitError } from '../../../forms/errors';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { DemoOutboxHint } from './DemoOutboxHint';
import { AuthCard, CodeField, ResendButton, codeDescription, codeFields, useCodeAttempts } from './shared';

/** Step 1 of registration, continued: the SMS code («Код», «Продолжить») or the link from the letter. */
export function RegisterCodeStep({
  started,
  onStarted,
  onVerified,
  onBack,
}: {
  started: RegistrationStarted;
  onStarted: (s: RegistrationStarted) => void;
  onVerified: (v: RegistrationVerified) => void;
  onBack: () => void;
}) {
  const attempts = useCodeAttempts();
  const { form, mutation, formError, onSubmit, clearErrors } = useApiForm({
    initialValues: { code: '' },
    schema: registrationVerifyCodeSchema,
    submit: (body) =>
      api.post(`/registration/${started.registrationId}/verify-code`, body, registrationVerifiedSchema),
    onSuccess: onVerified,
    codeFields,
    onError: attempts.onRefusal,
  });
  const resend = useMutation({
    mutationFn: () =>
      api.post(`/registration/${started.registrationId}/resend`, {}, registrationStartedSchema),
    onSuccess: (s) => {
      clearErrors();
      form.setFieldValue('code', '');
      attempts.reset();
      onStarted(s);
    },
  });
  const resendError = splitError(resend.error, { isField: () => false }).form;
  const byPhone = started.channel === 'phone';
  return (
    <AuthCard title={byPhone ? 'Подтверждение номера телефона' : 'Подтверждение электронной почты'}>
      {byPhone ? (
        <Text>
          Мы отправили SMS с кодом на номер <b>{started.maskedDestination}</b>. Код действует 5 минут.
        </Text>
      ) : (
        <Text>
          Мы отправили письмо со ссылкой на адрес <b>{started.maskedDestination}</b>. Перейдите по ссылке из
          письма, чтобы задать пароль. Ссылка действует 24 часа.
        </Text>
      )}
      <DemoOutboxHint what={byPhone ? 'код из SMS' : 'письмо со ссылкой'} />
      {resend.isSuccess && (
        <Text size="sm" c="green.8" role="status">
          {byPhone ? 'Новый код отправлен.' : 'Письмо отправлено ещё раз.'}
        </Text>
      )}
      {byPhone ? (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormMessage message={formError ?? resendError} />
            <CodeField
              description={codeDescription('6 цифр из SMS', attempts)}
              value={form.values.code}
              onChange={(code) => form.setFieldValue('code', code)}
              error={form.errors.code}
              disabled={attempts.locked}
              data-autofocus
            />
            <Button type="submit" loading={mutation.isPending} disabled={attempts.locked} fullWidth>
              Продолжить
            </Button>
          </Stack>
        </form>
      ) : (
        <FormMessage message={resendError} />
      )}
      <ResendButton
        availableAt={started.resendAvailableAt}
        onResend={() => resend.mutate()}
        loading={resend.isPending}
        label={byPhone ? 'Отправить код ещё раз' : 'Отправить письмо ещё раз'}
      />
      <Anchor component="button" type="button" size="sm" onClick={onBack} style={{ alignSelf: 'flex-start' }}>
        {byPhone ? 'Изменить номер телефона' : 'Изменить адрес почты'}
      </Anchor>
    </AuthCard>
  );
}
