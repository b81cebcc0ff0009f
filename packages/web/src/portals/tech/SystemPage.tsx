import { Group, Stack, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { SystemDetails, SystemStatusBadge } from '../systems/SystemDetails';
import { useOwnSystem } from './systemsApi';
import { Loading, TechError, TechPortalPage, TechTrail } from './TechPortal';

/** An information system of the organization: its registration and its status. */
export function SystemPage() {
  return (
    <TechPortalPage>
      <OwnSystem />
    </TechPortalPage>
  );
}

function OwnSystem() {
  const { clientId = '' } = useParams();
  const system = useOwnSystem(clientId);
  const trail = (label: string) => (
    <TechTrail items={[{ label: 'Информационные системы', to: '/tech/systems' }, { label }]} />
  );
  if (system.isPending) return <Loading />;
  if (system.isError)
    return (
      <Stack gap="lg">
        {trail('Информационная система')}
        <Title order={1}>Информационная система</Title>
        <TechError error={system.error} />
      </Stack>
    );
  const s = system.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {trail(s.name)}
        <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {s.name}
          </Title>
          <SystemStatusBadge status={s.status} />
        </Group>
      </Stack>
      <SystemDetails system={s} />
    </Stack>
  );
}
