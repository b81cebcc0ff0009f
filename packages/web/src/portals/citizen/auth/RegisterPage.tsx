import {
  registrationStartSchema,
  registrationStartedSchema,
  type RegistrationStart,
  type RegistrationStarted,
  type RegistrationVerified,
} from '@openesia/contracts';
import { Button, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../../api/client';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { PasswordStep } from './PasswordStep';
import { RegisterCodeStep } from './RegisterCodeStep';
import { AuthCard, AuthFooterLink } from './shared';

/**
 * «Зарегистрироваться» (seed 000, section 1, step 1): surname, first name, a mobile phone or an
 * e-mail; then the SMS code («Код», «Продолжить») or the link from the letter; then the password twice.
 */
export function RegisterPage() {
  const [started, setStarted] = useState<RegistrationStarted | null>(null);
  const [verified, setVerified] = useState<RegistrationVerified | null>(null);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { lastName: '', firstName: '', contactType: 'phone', contact: '' } as RegistrationStart,
    schema: registrationStartSchema,
    submit: (body) => api.post('/registration', body, registrationStartedSchema),
    onSuccess: setStarted,
  });

  if (verified) return <PasswordStep completionToken={verified.completionToken} />;
  if (started)
    return (
      <RegisterCodeStep
        started={started}
        onStarted={setStarted}
        onVerified={setVerified}
        onBack={() => setStarted(null)}
      />
    );

  const contact = form.getInputProps('contact');
  const contactError = form.errors.contact ?? form.errors.contactType;
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
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormMessage message={formError} />
          <TextInput
            label="Фамилия"
            autoComplete="family-name"
            required
            {...form.getInputProps('lastName')}
          />
          <TextInput label="Имя" autoComplete="given-name" required {...form.getInputProps('firstName')} />
          <Stack gap={6}>
            <Text component="span" size="sm" fw={500} id="contact-type-label">
              Способ связи
            </Text>
            <SegmentedControl
              aria-labelledby="contact-type-label"
              fullWidth
              value={form.values.contactType}
              onChange={(v) => {
                form.setValues({ contactType: v as RegistrationStart['contactType'], contact: '' });
                form.clearFieldError('contact');
              }}
              data={[
                { value: 'phone', label: 'По телефону' },
                { value: 'email', label: 'По электронной почте' },
              ]}
            />
          </Stack>
          {form.values.contactType === 'phone' ? (
            <TextInput
              key="phone"
              label="Мобильный телефон"
              placeholder="+7 (900) 000-00-00"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              required
              {...contact}
              error={contactError}
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
              {...contact}
              error={contactError}
            />
          )}
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Зарегистрироваться
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
