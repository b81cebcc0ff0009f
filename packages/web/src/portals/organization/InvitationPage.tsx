import { Alert, Anchor, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { invitationStateLabels } from '@openesia/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { acceptInvitation, previewInvitation, useActFor } from './api';
import { Field } from './texts';

const storageKey = 'openesia.invitation';
export const invitationPath = '/organizations/invitation';

/**
 * The token arrives in the link's fragment (#token=…), which the browser never sends; it is kept
 * in this tab's session storage while the person signs in, and the fragment is cleared from the
 * address bar so it is not shared by copying the address.
 */
function takeToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(storageKey, fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(storageKey);
}

/**
 * The invitation link of seed 000, section 3: «Для присоединения к организации приглашаемому
 * участнику необходимо перейти по гиперссылке в электронном письме». Sign in first (and come back),
 * see who invites, «Принять приглашение», then act for the organization.
 */
export function InvitationPage() {
  const [token] = useState(takeToken);
  const session = useSession();

  let body;
  if (!token)
    body = (
      <Alert color="red" role="alert" title="Ссылка неполная">
        {errorMessage('invitation.not_found')} Откройте ссылку из письма целиком.
      </Alert>
    );
  else if (session.isPending)
    body = (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка" />
      </Center>
    );
  else if (!session.data?.account)
    body = (
      <Card withBorder padding="lg">
        <Stack>
          <Text>
            Вас пригласили присоединиться к организации. Чтобы принять приглашение, войдите в свою
            подтверждённую учётную запись физического лица.
          </Text>
          <Group>
            <Button component={Link} to={`/login?next=${encodeURIComponent(invitationPath)}`}>
              Войти
            </Button>
            <Button component={Link} to="/register" variant="default">
              Зарегистрироваться
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  else body = <Preview token={token} />;

  return (
    <Stack maw={720} mx="auto" gap="lg">
      <Title order={1}>Приглашение в организацию</Title>
      {body}
    </Stack>
  );
}

function Preview({ token }: { token: string }) {
  const navigate = useNavigate();
  const actFor = useActFor();
  const preview = useQuery({
    queryKey: ['invitation', 'preview', token],
    queryFn: () => previewInvitation(token),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: async () => {
      const organization = await acceptInvitation(token);
      sessionStorage.removeItem(storageKey);
      // Seed 000, section 3: the new employee goes on acting for the organization they joined.
      await actFor.mutateAsync(organization.id);
      return organization;
    },
    onSuccess: () => navigate('/organization'),
  });

  if (preview.isPending) return <Loader role="status" aria-label="Загрузка приглашения" />;
  if (preview.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(preview.error))}
      </Alert>
    );
  const p = preview.data;
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Field label="Организация" value={p.organization.fullName} />
        <Field label="Краткое наименование" value={p.organization.shortName} />
        <Field label="Приглашён" value={`${p.lastName} ${p.firstName}`} />
        <Field label="Действительно до" value={formatDate(p.expiresAt)} />
        {p.state === 'pending' ? (
          <Stack gap="xs" align="flex-start">
            <Button
              onClick={() => accept.mutate()}
              loading={accept.isPending}
              w={{ base: '100%', xs: 'auto' }}
            >
              Принять приглашение
            </Button>
            {accept.isError && (
              <Alert color="red" role="alert" w="100%" data-testid="accept-refusal">
                {errorMessage(errorCodeOf(accept.error))}
                {errorCodeOf(accept.error) === 'invitation.account_not_confirmed' && (
                  <>
                    {' '}
                    <Anchor component={Link} to="/profile/confirm">
                      Подтвердить личность
                    </Anchor>
                  </>
                )}
              </Alert>
            )}
          </Stack>
        ) : (
          <Alert color="yellow" role="alert">
            Приглашение: {invitationStateLabels[p.state].toLowerCase()}.{' '}
            {p.state === 'accepted'
              ? errorMessage('invitation.used')
              : p.state === 'revoked'
                ? errorMessage('invitation.revoked')
                : errorMessage('invitation.expired')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
