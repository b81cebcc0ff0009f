import type { LoginInput, SignedIn } from '@openesia/contracts';
import { Anchor, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import {
  AuthCard,
  AuthFooterLink,
  FormAlert,
  LoginField,
  describeError,
  submitHandler,
  useAfterSignIn,
} from './shared';

/** «Войти»: a phone, an e-mail or a СНИЛС, and the password (seed 000). */
export function LoginPage() {
  const [form, setForm] = useState<LoginInput>({ login: '', password: '' });
  const afterSignIn = useAfterSignIn();
  const login = useMutation({ mutationFn: () => api.post<SignedIn>('/login', form), onSuccess: afterSignIn });
  const { fields, form: formError } = describeError(login.error, ['login', 'password']);
  return (
    <AuthCard
      title="Вход"
      footer={
        <AuthFooterLink question="Нет учётной записи?" to="/register">
          Зарегистрироваться
        </AuthFooterLink>
      }
    >
      <form onSubmit={submitHandler(() => login.mutate())} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} />
          <LoginField
            value={form.login}
            onChange={(login) => setForm({ ...form, login })}
            error={fields.login}
          />
          <PasswordInput
            label="Пароль"
            autoComplete="current-password"
            required
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={fields.password}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            Войти
          </Button>
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to="/recover" size="sm">
              Восстановить пароль
            </Anchor>
            <Anchor component={Link} to="/login/signature" size="sm">
              Войти с помощью электронной подписи
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthCard>
  );
}
