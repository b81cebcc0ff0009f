import { passwordPairSchema, signedInSchema } from '@openesia/contracts';
import { Button, Stack, Text } from '@mantine/core';
import { api } from '../../../api/client';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { AuthCard, NewPasswordFields, useAfterSignIn } from './shared';

/** The last step of registration, shared by the SMS path and the e-mail link page. */
export function PasswordStep({ completionToken }: { completionToken: string }) {
  const afterSignIn = useAfterSignIn();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { password: '', passwordRepeat: '' },
    schema: passwordPairSchema,
    submit: (pair) => api.post('/registration/complete', { completionToken, ...pair }, signedInSchema),
    onSuccess: afterSignIn,
  });
  return (
    <AuthCard title="Придумайте пароль">
      <Text size="sm" c="dimmed">
        Пароль понадобится для входа. Введите его два раза.
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormMessage message={formError} />
          <NewPasswordFields
            password={form.getInputProps('password')}
            passwordRepeat={form.getInputProps('passwordRepeat')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Сохранить пароль
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
