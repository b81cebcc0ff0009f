import { Button, Stack, Text } from '@mantine/core';
import { passwordPairSchema, signedInSchema } from '@openesia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../../../api/client';
import { useSession } from '../../../api/session';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { AuthCard, NewPasswordFields } from './shared';

/** The request of POST /api/auth/temporary-password: the pair under the names the API gives them. */
const temporaryPasswordSchema = z.object({
  password: passwordPairSchema.shape.password,
  passwordConfirmation: passwordPairSchema.shape.passwordRepeat,
});

export const TEMPORARY_PASSWORD_PATH = '/profile/temporary-password';

/**
 * «Смена временного пароля»: a password issued at a service center (SMS or the receipt) is known
 * to more than its owner, so the first sign-in with it leads here and nowhere else until it is
 * replaced (the API refuses everything else with auth.password_change_required).
 */
export function TemporaryPasswordPage() {
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { password: '', passwordConfirmation: '' },
    schema: temporaryPasswordSchema,
    submit: (pair) => api.post('/auth/temporary-password', pair, signedInSchema),
    onSuccess: async () => {
      await client.invalidateQueries();
      await navigate('/profile', { replace: true });
    },
  });
  if (session.data && !session.data.account) return <Navigate to="/login" replace />;
  if (session.data?.account && !session.data.account.passwordChangeRequired && !mutation.isSuccess)
    return <Navigate to="/profile" replace />;
  return (
    <AuthCard title="Смена временного пароля">
      <Text size="sm" c="dimmed">
        Вы вошли с временным паролем, выданным в центре обслуживания. Придумайте свой пароль и введите его два
        раза: временный пароль перестанет действовать.
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormMessage message={formError} />
          <NewPasswordFields
            label="Новый пароль"
            password={form.getInputProps('password')}
            passwordRepeat={form.getInputProps('passwordConfirmation')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Сохранить пароль
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
