import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { workstationTermsText, type WorkstationSession } from '@openesia/contracts';
import { useMutation } from '@tanstack/react-query';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { acceptTerms, useOnRefused, useSetSession } from './api';

/** «Условия использования ЕСИА» (Регламент ЕСИА, п. 12.4): accepted once per version, before any operation. */
export function TermsStep({ session }: { session: WorkstationSession }) {
  const setSession = useSetSession();
  const onRefused = useOnRefused();
  const accept = useMutation({ mutationFn: acceptTerms, onSuccess: setSession, onError: onRefused });
  const [title, ...paragraphs] = workstationTermsText;
  return (
    <Stack maw={800} mx="auto" gap="lg">
      <Title order={1}>Условия использования ЕСИА</Title>
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Text fw={600}>{title}</Text>
          {paragraphs.map((p, i) => (
            <Text key={p} size="sm">
              {i + 1}. {p}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            Редакция {session.termsVersion}
          </Text>
        </Stack>
      </Card>
      {accept.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(accept.error))}
        </Alert>
      )}
      <div>
        <Button size="md" onClick={() => accept.mutate()} loading={accept.isPending}>
          Принимаю условия
        </Button>
      </div>
    </Stack>
  );
}
