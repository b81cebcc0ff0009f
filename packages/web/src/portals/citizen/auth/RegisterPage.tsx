import type {
  RegistrationStart,
  RegistrationStarted,
  RegistrationVerified,
  SignedIn,
} from '@openesia/contracts';
import { Anchor, Button, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import {
  AuthCard,
  AuthFooterLink,
  CodeField,
  FormAlert,
  NewPasswordFields,
  ResendButton,
  describeError,
  submitHandler,
  useAfterSignIn,
} from './shared';

type ContactType = 'phone' | 'email';

/**
 * «Зарегистрироваться» (seed 000, section 1, step 1): surname, first name, a mobile phone or an
 * e-mail; then the SMS code («Код», «Продолжить») or the link from the letter; then the password twice.
 */
export function RegisterPage() {
  const [form, setForm] = useState({
    lastName: '',
    firstName: '',
    contactType: 'phone' as ContactType,
    contact: '',
  });
  const [started, setStarted] = useState<RegistrationStarted | null>(null);
  const [verified, setVerified] = useState<RegistrationVerified | null>(null);

  const start = useMutation({
    mutationFn: (body: RegistrationStart) => api.post<RegistrationStarted>('/registration', body),
    onSuccess: setStarted,
  });

  if (verified) return <PasswordStep completionToken={verified.completionToken} />;
  if (started)
    return (
      <ConfirmStep
        started={started}
        onStarted={setStarted}
        onVerified={setVerified}
        onBack={() => setStarted(null)}
      />
    );

  const { fields, form: formError } = describeError(start.error, [
    'lastName',
    'firstName',
    'contact',
    'contactType',
  ]);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value });
  return (
    <AuthCard
      title="Регистрация"
      footer={
        <AuthFooterLink question="Уже зарегистрированы?" to="/login">
          Войти
        </AuthFooterLink>
      }
    >
      <Text size="sm" c="dimmed">
        Создайте упрощённую учётную запись: понадобятся фамилия, имя и номер мобильного телефона или адрес
        электронной почты.
      </Text>
      <form onSubmit={submitHandler(() => start.mutate(form))} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} />
          <TextInput
            label="Фамилия"
            autoComplete="family-name"
            required
            value={form.lastName}
            onChange={set('lastName')}
            error={fields.lastName}
          />
          <TextInput
            label="Имя"
            autoComplete="given-name"
            required
            value={form.firstName}
            onChange={set('firstName')}
            error={fields.firstName}
          />
          <Stack gap={6}>
            <Text component="span" size="sm" fw={500} id="contact-type-label">
              Способ связи
            </Text>
            <SegmentedControl
              aria-labelledby="contact-type-label"
              fullWidth
              value={form.contactType}
              onChange={(v) => setForm({ ...form, contactType: v as ContactType, contact: '' })}
              data={[
                { value: 'phone', label: 'По телефону' },
                { value: 'email', label: 'По электронной почте' },
              ]}
            />
          </Stack>
          {form.contactType === 'phone' ? (
            <TextInput
              key="phone"
              label="Мобильный телефон"
              placeholder="+7 (900) 000-00-00"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              required
              value={form.contact}
              onChange={set('contact')}
              error={fields.contact ?? fields.contactType}
            />
          ) : (
            <TextInput
              key="email"
              label="Электронная почта"
              placeholder="name@example.ru"
              type="email"
              inputMode="email"
              autoComplete="email"
              required
              value={form.contact}
              onChange={set('contact')}
              error={fields.contact ?? fields.contactType}
            />
          )}
          <Button type="submit" loading={start.isPending} fullWidth>
            Зарегистрироваться
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

function ConfirmStep({
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
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () =>
      api.post<RegistrationVerified>(`/registration/${started.registrationId}/verify-code`, { code }),
    onSuccess: onVerified,
  });
  const resend = useMutation({
    mutationFn: () => api.post<RegistrationStarted>(`/registration/${started.registrationId}/resend`),
    onSuccess: (s) => {
      verify.reset();
      setCode('');
      onStarted(s);
    },
  });
  const { fields, form } = describeError(verify.error ?? resend.error, ['code']);
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
      {resend.isSuccess && (
        <Text size="sm" c="green.8" role="status">
          {byPhone ? 'Новый код отправлен.' : 'Письмо отправлено ещё раз.'}
        </Text>
      )}
      {byPhone ? (
        <form onSubmit={submitHandler(() => verify.mutate())} noValidate>
          <Stack gap="md">
            <FormAlert message={form} />
            <CodeField
              description="6 цифр из SMS"
              value={code}
              onChange={setCode}
              error={fields.code}
              data-autofocus
            />
            <Button type="submit" loading={verify.isPending} fullWidth>
              Продолжить
            </Button>
          </Stack>
        </form>
      ) : (
        <FormAlert message={form} />
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

/** The last step, shared by the SMS path and the e-mail link page. */
export function PasswordStep({ completionToken }: { completionToken: string }) {
  const [pair, setPair] = useState({ password: '', passwordRepeat: '' });
  const afterSignIn = useAfterSignIn();
  const complete = useMutation({
    mutationFn: () => api.post<SignedIn>('/registration/complete', { completionToken, ...pair }),
    onSuccess: afterSignIn,
  });
  const { fields, form } = describeError(complete.error, ['password', 'passwordRepeat']);
  return (
    <AuthCard title="Придумайте пароль">
      <Text size="sm" c="dimmed">
        Пароль понадобится для входа. Введите его два раза.
      </Text>
      <form onSubmit={submitHandler(() => complete.mutate())} noValidate>
        <Stack gap="md">
          <FormAlert message={form} />
          <NewPasswordFields {...pair} onChange={setPair} errors={fields} />
          <Button type="submit" loading={complete.isPending} fullWidth>
            Сохранить пароль
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
