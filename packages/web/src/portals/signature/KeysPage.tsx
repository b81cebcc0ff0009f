import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { LoadContainer } from './LoadContainer';
import { StoredKeys } from './StoredKeys';
import { LegalEntityTestCertificate } from './LegalEntityTestCertificate';
import { TestCertificateAuthority } from './TestCertificateAuthority';

/** «Ключи и сертификаты»: what keys this browser holds, loading a key file, the test CA in demo mode. */
export function KeysPage() {
  const session = useSession();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Ключи и сертификаты</Title>
        <Text c="dimmed">
          Ключи электронной подписи для{' '}
          <Anchor component={Link} to="/login/signature">
            входа с помощью электронной подписи
          </Anchor>{' '}
          и подтверждения личности.
        </Text>
      </Stack>
      <StoredKeys />
      <LoadContainer />
      {session.data?.demoMode && (
        <TestCertificateAuthority
          key={session.data.account?.id ?? 'anonymous'}
          signedIn={Boolean(session.data.account)}
        />
      )}
      {session.data?.demoMode && session.data.account?.level === 'confirmed' && (
        <LegalEntityTestCertificate key={session.data.account.id} />
      )}
    </Stack>
  );
}
