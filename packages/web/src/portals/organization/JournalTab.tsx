import { Alert, Button, Card, Loader, Stack, Text } from '@mantine/core';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDateTime } from '../citizen/profile/texts';
import { useJournal } from './api';
import type { Abilities } from './abilities';

/** «Журнал»: who did what in the organization's profile, newest first (every change is audited). */
export function JournalTab({ can }: { can: Abilities }) {
  // the head and administrators read the journal; an employee is told so, not refused
  const journal = useJournal({ enabled: can.manage });
  const entries = journal.data?.pages.flatMap((p) => p.entries) ?? [];
  if (!can.manage)
    return <Text c="dimmed">Журнал профиля организации доступен руководителю и администраторам.</Text>;
  if (journal.isPending) return <Loader size="sm" role="status" aria-label="Загрузка журнала" />;
  if (journal.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(journal.error))}
      </Alert>
    );
  return (
    <Stack gap="xs">
      {entries.length === 0 && <Text c="dimmed">Записей пока нет.</Text>}
      {entries.map((e) => (
        <Card key={e.id} withBorder padding="sm" data-testid="journal-entry">
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)}
            </Text>
            <Text style={{ overflowWrap: 'anywhere' }}>
              <b>{e.actor}</b>: {e.details ?? e.event}
              {e.subject ? ` — ${e.subject}` : ''}
            </Text>
          </Stack>
        </Card>
      ))}
      {journal.hasNextPage && (
        <div>
          <Button
            variant="default"
            onClick={() => journal.fetchNextPage()}
            loading={journal.isFetchingNextPage}
          >
            Показать ещё
          </Button>
        </div>
      )}
    </Stack>
  );
}
