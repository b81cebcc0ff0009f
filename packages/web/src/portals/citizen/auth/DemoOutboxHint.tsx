import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../../../api/session';

/**
 * Demo mode only: nothing is really sent, the simulated SMS gateway and mail server put every
 * message in the outbox (/dev/outbox), as SimulatorHint says of the registries on the personal
 * data page. Opens in a new tab so the code step stays where it is.
 */
export function DemoOutboxHint({ what }: { what: string }) {
  const session = useSession();
  if (!session.data?.demoMode) return null;
  return (
    <Alert color="yellow" variant="light" title="Демонстрационный режим" data-testid="demo-outbox-hint">
      <Text size="sm">
        SMS и письма не отправляются: {what} — в{' '}
        <Anchor component={Link} to="/dev/outbox" target="_blank" rel="noopener">
          журнале отправленных сообщений
        </Anchor>{' '}
        (/dev/outbox).
      </Text>
    </Alert>
  );
}
