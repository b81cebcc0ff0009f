import {
  recoveryCompleteSchema,
  recoveryStartSchema,
  recoveryStartedSchema,
  signedInSchema,
  type RecoveryStarted,
} from '@openesia/contracts';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import { splitError } from '../../../forms/errors';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { DemoOutboxHint } from './DemoOutboxHint';
import {
  AuthCard,
  AuthFooterLink,
  CodeField,
  LoginField,
  NewPasswordFields,
  ResendButton,
  codeDescription,
  codeFields,
  useAfterSignIn,
  useCodeAttempts,
} from './shared';

/**
 * «Восстановить пароль»: a code to the phone or e-mail of the account, then a new password twice.
 * The page says the same whatever was typed: whether an account exists is not shown here.
 */
export function RecoverPage() {
  const [started, setStarted] = useState<RecoveryStarted | null>(null);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { login: '' },
    schema: recoveryStartSchema,
    submit: (body) => api.post('/recovery', body, recoveryStartedSchema),
    onSuccess: setStarted,
  });

  if (started)
    return <CodeAndPassword started={started} onStarted={setStarted} onBack={() => setStarted(null)} />;
  return (
    <AuthCard
      title="Восстановление пароля"
      footer={
        <AuthFooterLink question="Вспомнили пароль?" to="/login">
          Войти
        </AuthFooterLink>
      }
    >
      <Text size="sm" c="dimmed">
        Укажите телефон, почту или СНИЛС учётной записи. Мы отправим код на подтверждённый телефон или адрес
        электронной почты.
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormMessage message={formError} />
          <LoginField {...form.getInputProps('login')} />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Продолжить
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

function CodeAndPassword({
  started,
  onStarted,
  onBack,
}: {
  started: RecoveryStarted;
  onStarted: (s: RecoveryStarted) => void;
  onBack: () => void;
}) {
  const afterSignIn = useAfterSignIn();
  const attempts = useCodeAttempts();
  const { form, mutation, formError, onSubmit, clearErrors } = useApiForm({
    initialValues: { code: '', password: '', passwordRepeat: '' },
    schema: recoveryCompleteSchema,
    submit: (body) => api.post(`/recovery/${started.recoveryId}/complete`, body, signedInSchema),
    onSuccess: afterSignIn,
    codeFields,
    onError: attempts.onRefusal,
  });
  const resend = useMutation({
    mutationFn: () => api.post(`/recovery/${started.recoveryId}/resend`, {}, recoveryStartedSchema),
    onSuccess: (s) => {
      clearErrors();
      form.setFieldValue('code', '');
      attempts.reset();
      onStarted(s);
    },
  });
  const resendError = splitError(resend.error, { isField: () => false }).form;
  return (
    <AuthCard title="Восстановление пароля">
      <Text>
        Если учётная запись с таким логином есть, мы отправили код на её подтверждённый телефон или адрес
        электронной почты. Код действует 5 минут.
      </Text>
      <DemoOutboxHint what="код" />
      {resend.isSuccess && (
        <Text size="sm" c="green.8" role="status">
          Новый код отправлен.
        </Text>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormMessage message={formError ?? resendError} />
          <CodeField
            description={codeDescription('6 цифр из SMS или письма', attempts)}
            value={form.values.code}
            onChange={(code) => form.setFieldValue('code', code)}
            error={form.errors.code}
            disabled={attempts.locked}
          />
          <NewPasswordFields
            password={form.getInputProps('password')}
            passwordRepeat={form.getInputProps('passwordRepeat')}
            label="Новый пароль"
          />
          <Button type="submit" loading={mutation.isPending} disabled={attempts.locked} fullWidth>
            Восстановить пароль
          </Button>
        </Stack>
      </form>
      <ResendButton
        availableAt={started.resendAvailableAt}
        onResend={() => resend.mutate()}
        loading={resend.isPending}
      />
      <Anchor component="button" type="button" size="sm" onClick={onBack} style={{ alignSelf: 'flex-start' }}>
        Указать другой логин
      </Anchor>
    </AuthCard>
  );
}
