import { Alert, Anchor, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SignerCertificate } from '../../signature';
import { SignDialog } from '../signature/SignDialog';
import { signChallenge } from '../signature/signing';
import { requestWorkstationChallenge, submitWorkstationLogin, useSetSession } from './api';

/**
 * «Вход в АРМ «Центр обслуживания»»: only with a qualified signature, the service certificate of
 * the organization's employee (seed 003); the server finds the organization by the ОГРН in it and
 * the operator by the СНИЛС, and checks the operator's group there.
 */
export function SignInStep({ expired }: { expired: boolean }) {
  const [opened, setOpened] = useState(false);
  const setSession = useSetSession();

  const sign = async (certificate: SignerCertificate, pin: string) => {
    // taken at the moment of signing, so it cannot expire while the operator chooses
    const challenge = await requestWorkstationChallenge();
    const signature = await signChallenge(challenge, certificate, pin);
    const session = await submitWorkstationLogin(challenge.challengeId, signature);
    sessionStorage.removeItem('ra-expired');
    setOpened(false);
    setSession(session);
  };

  return (
    <Stack maw={640} mx="auto" gap="lg">
      <Title order={1}>Вход в АРМ «Центр обслуживания»</Title>
      {expired && (
        <Alert color="yellow" role="status">
          Сеанс работы завершён: истекло время бездействия или выполнен выход. Войдите снова.
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Stack>
          <Text>
            Вход в АРМ — только по квалифицированной электронной подписи. Нужен служебный сертификат
            сотрудника организации: в нём указаны ОГРН и ИНН организации, а также СНИЛС сотрудника.
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              организация — уполномоченная, не заблокирована, сотрудник состоит в группе «Специалисты по
              подтверждению личности» или «Специалисты по регистрации и подтверждению»;
            </List.Item>
            <List.Item>
              ключ в файле (PKCS#12 .p12/.pfx или ключ с сертификатом), загруженный в этот браузер.
            </List.Item>
          </List>
          <Button size="md" onClick={() => setOpened(true)}>
            Выбрать сертификат и войти
          </Button>
          <Text size="sm">
            <Anchor component={Link} to="/signature/keys">
              Ключи и сертификаты
            </Anchor>{' '}
            — загрузить файл ключа в браузер.
          </Text>
        </Stack>
      </Card>
      <SignDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title="Вход в АРМ «Центр обслуживания»"
        onSign={sign}
      />
    </Stack>
  );
}
