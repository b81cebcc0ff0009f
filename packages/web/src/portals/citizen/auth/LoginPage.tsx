import { loginSchema, signedInSchema, type LoginInput } from '@openesia/contracts';
import { Alert, Anchor, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { AuthCard, AuthFooterLink, LoginField, useAfterSignIn } from './shared';

/** «Войти»: a phone, an e-mail or a СНИЛС, and the password (seed 000). */
export function LoginPage() {
  const afterSignIn = useAfterSignIn();
  // An information system asked for a fresh sign-in (prompt=login, max_age): the session is not enough.
  const [params] = useSearchParams();
  const again = params.get('reauth') === '1';
  const { form, mutation, formError, onSubmit } = useApiForm<LoginInput>({
    initialValues: { login: '', password: '' },
    schema: loginSchema,
    submit: (input) => api.post('/login', input, signedInSchema),
    onSuccess: afterSignIn,
  });
  return (
    <AuthCard
      title="Вход"
      footer={
        <AuthFooterLink question="Нет учётной записи?" to="/register">
          Зарегистрироваться
        </AuthFooterLink>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {again && (
            <Alert color="blue">
              Информационная система просит подтвердить вход: введите пароль ещё раз.
            </Alert>
          )}
          <FormMessage message={formError} />
          <LoginField {...form.getInputProps('login')} />
          <PasswordInput
            label="Пароль"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
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
