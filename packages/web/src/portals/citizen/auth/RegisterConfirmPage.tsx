import { registrationVerifiedSchema } from '@openesia/contracts';
import { Anchor, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { splitError } from '../../../forms/errors';
import { FormMessage } from '../../../forms/FormMessage';
import { PasswordStep } from './PasswordStep';
import { AuthCard } from './shared';

/**
 * The token of the letter's link, read once from the fragment (/register/confirm#token=…): a
 * fragment never reaches the server, so the token stays out of access logs. A link in the older
 * form (?token=…) still works.
 */
function readLinkToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromHash ?? new URLSearchParams(window.location.search).get('token') ?? '';
}

/** Where the link from the registration letter lands: confirms the address, then the password step. */
export function RegisterConfirmPage() {
  const [token] = useState(readLinkToken);
  useEffect(() => {
    // Drop the token from the address bar and the history entry: it must not be bookmarked,
    // shared or shown in a screenshot.
    if (window.location.hash || window.location.search)
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const verify = useMutation({
    mutationFn: () => api.post('/registration/verify-link', { token }, registrationVerifiedSchema),
  });
  const sent = useRef(false);
  useEffect(() => {
    // Once per page view (StrictMode runs effects twice in development).
    if (sent.current || !token) return;
    sent.current = true;
    verify.mutate();
  }, [token, verify]);

  if (verify.data) return <PasswordStep completionToken={verify.data.completionToken} />;
  const { form } = splitError(verify.error, { isField: () => false });
  return (
    <AuthCard title="Подтверждение электронной почты">
      {!token ? (
        <FormMessage message="В ссылке нет кода подтверждения. Откройте ссылку из письма целиком или начните регистрацию заново." />
      ) : verify.isError ? (
        <Stack>
          <FormMessage message={form} />
          <Text size="sm">
            <Anchor component={Link} to="/register">
              Начать регистрацию заново
            </Anchor>{' '}
            или{' '}
            <Anchor component={Link} to="/login">
              войти
            </Anchor>
          </Text>
        </Stack>
      ) : (
        <Stack align="center" py="md" role="status">
          <Loader />
          <Text>Проверяем ссылку…</Text>
        </Stack>
      )}
    </AuthCard>
  );
}
