import {
  oidcInteractionSchema,
  oidcRedirectSchema,
  oidcScopeTitles,
  type AccountLevel,
  type OidcInteraction,
  type OidcScope,
} from '@openesia/contracts';
import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ApiRequestError, api } from '../../api/client';
import { errorMessage } from '../../i18n/ru';

const levelTitle: Record<AccountLevel, string> = {
  simplified: 'упрощённая',
  standard: 'стандартная',
  confirmed: 'подтверждённая',
};

/** The provider takes the browser on from here: a full page load, not a route of this app. */
function leaveTo(url: string): void {
  window.location.assign(url);
}

/**
 * A step of signing in to another information system through OpenESIA (OpenID Connect, or the
 * ESIA-compatible interface with `apiPrefix` `/esia/interaction`: the same steps and answers): the
 * consent «Система "…" запрашивает доступ к данным», or why the system cannot be entered with
 * this account. The server (routes/oidc) decides; this page shows and answers.
 */
export function InteractionPage({ apiPrefix = '/oidc/interaction' }: { apiPrefix?: string }) {
  const { uid = '' } = useParams();
  const base = `${apiPrefix}/${encodeURIComponent(uid)}`;
  const details = useQuery({
    queryKey: [apiPrefix, uid],
    queryFn: () => api.get(`${base}/details`, oidcInteractionSchema),
    retry: false,
  });
  const answer = useMutation({
    mutationFn: (action: 'confirm' | 'abort') => api.post(`${base}/${action}`, {}, oidcRedirectSchema),
    onSuccess: (result) => leaveTo(result.redirectTo),
  });
  const step = details.data;
  // Signed in and nothing to ask: the server's step goes on to the provider (or to sign-in).
  const goesOn = step?.prompt === 'login' && !step.levelTooLow;
  useEffect(() => {
    if (goesOn) leaveTo(`/api${base}`);
  }, [goesOn, base]);

  if (details.isPending || goesOn)
    return (
      <Group justify="center" mt="xl">
        <Loader role="status" aria-label="Загрузка" />
      </Group>
    );
  if (details.isError || !step) {
    const code = details.error instanceof ApiRequestError ? details.error.code : 'internal';
    return (
      <Stack maw={640} mx="auto">
        <Title order={1} size="h2">
          Вход в информационную систему
        </Title>
        <Alert color="red">{errorMessage(code)}</Alert>
      </Stack>
    );
  }
  return (
    <Stack maw={640} mx="auto" gap="md">
      <Title order={1} size="h2">
        Вход в систему «{step.client.name}»
      </Title>
      {step.levelTooLow ? (
        <LevelTooLow step={step} onBack={() => answer.mutate('abort')} busy={answer.isPending} />
      ) : (
        <Consent
          step={step}
          onConfirm={() => answer.mutate('confirm')}
          onRefuse={() => answer.mutate('abort')}
          busy={answer.isPending}
        />
      )}
      {answer.isError && (
        <Alert color="red">
          {errorMessage(answer.error instanceof ApiRequestError ? answer.error.code : 'internal')}
        </Alert>
      )}
    </Stack>
  );
}

function Consent({
  step,
  onConfirm,
  onRefuse,
  busy,
}: {
  step: OidcInteraction;
  onConfirm: () => void;
  onRefuse: () => void;
  busy: boolean;
}) {
  const titles = step.scopes.map((s) => oidcScopeTitles[s as OidcScope] ?? s);
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Text>
          Система «{step.client.name}» запрашивает доступ к данным
          {titles.length ? `: ${titles.join(', ')}.` : ' для входа (идентификатор пользователя).'}
        </Text>
        <Text size="sm" c="dimmed">
          Система получит только проверенные данные. Разрешение запоминается: при следующем входе в эту
          систему его не спросят снова.
        </Text>
        <Group gap="sm" wrap="wrap">
          <Button onClick={onConfirm} loading={busy}>
            Предоставить
          </Button>
          <Button variant="default" onClick={onRefuse} disabled={busy}>
            Отказать
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function LevelTooLow({ step, onBack, busy }: { step: OidcInteraction; onBack: () => void; busy: boolean }) {
  const { required, current } = step.levelTooLow!;
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Alert color="orange" title="Нужна учётная запись более высокого уровня">
          Система «{step.client.name}» принимает только {levelTitle[required]} учётную запись, а ваша —{' '}
          {levelTitle[current]}.
        </Alert>
        {required === 'confirmed' ? (
          <Text>
            Подтвердите личность: получите код подтверждения письмом Почты России, обратитесь в центр
            обслуживания с паспортом или подпишите запрос квалифицированной электронной подписью. Затем
            войдите в систему снова.
          </Text>
        ) : (
          <Text>
            Заполните личные данные (паспорт и СНИЛС): после их проверки учётная запись станет стандартной.
            Затем войдите в систему снова.
          </Text>
        )}
        <Group gap="sm" wrap="wrap">
          <Anchor component={Link} to={required === 'confirmed' ? '/profile/confirm' : '/profile'}>
            {required === 'confirmed' ? 'Подтвердить учётную запись' : 'Заполнить личные данные'}
          </Anchor>
          <Button variant="default" onClick={onBack} loading={busy}>
            Вернуться в систему
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
