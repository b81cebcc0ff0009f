import type { RecoveryStarted, SignedIn } from '@openesia/contracts';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import {
  AuthCard,
  AuthFooterLink,
  CodeField,
  FormAlert,
  LoginField,
  NewPasswordFields,
  ResendButton,
  describeError,
  submitHandler,
  useAfterSignIn,
} from './shared';

/**
 * «Восстановить пароль»: a code to the phone or e-mail of the account, then a new password twice.
 * The page says the same whatever was typed: whether an account exists is not shown here.
 */
export function RecoverPage() {
  const [login, setLogin] = useState('');
  const [started, setStarted] = useState<RecoveryStarted | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<RecoveryStarted>('/recovery', { login }),
    onSuccess: setStarted,
  });

  if (started)
    return <CodeAndPassword started={started} onStarted={setStarted} onBack={() => setStarted(null)} />;
  const { fields, form } = describeError(start.error, ['login']);
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
      <form onSubmit={submitHandler(() => start.mutate())} noValidate>
        <Stack gap="md">
          <FormAlert message={form} />
          <LoginField value={login} onChange={setLogin} error={fields.login} />
          <Button type="submit" loading={start.isPending} fullWidth>
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
  const [code, setCode] = useState('');
  const [pair, setPair] = useState({ password: '', passwordRepeat: '' });
  const afterSignIn = useAfterSignIn();
  const complete = useMutation({
    mutationFn: () => api.post<SignedIn>(`/recovery/${started.recoveryId}/complete`, { code, ...pair }),
    onSuccess: afterSignIn,
  });
  const resend = useMutation({
    mutationFn: () => api.post<RecoveryStarted>(`/recovery/${started.recoveryId}/resend`),
    onSuccess: (s) => {
      complete.reset();
      setCode('');
      onStarted(s);
    },
  });
  const { fields, form } = describeError(complete.error ?? resend.error, [
    'code',
    'password',
    'passwordRepeat',
  ]);
  return (
    <AuthCard title="Восстановление пароля">
      <Text>
        Если учётная запись с таким логином есть, мы отправили код на её подтверждённый телефон или адрес
        электронной почты. Код действует 5 минут.
      </Text>
      {resend.isSuccess && (
        <Text size="sm" c="green.8" role="status">
          Новый код отправлен.
        </Text>
      )}
      <form onSubmit={submitHandler(() => complete.mutate())} noValidate>
        <Stack gap="md">
          <FormAlert message={form} />
          <CodeField
            description="6 цифр из SMS или письма"
            value={code}
            onChange={setCode}
            error={fields.code}
          />
          <NewPasswordFields {...pair} onChange={setPair} errors={fields} label="Новый пароль" />
          <Button type="submit" loading={complete.isPending} fullWidth>
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
