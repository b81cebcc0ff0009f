import { Alert, Anchor, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useRefreshSession, useSession } from '../../api/session';
import type { SignerCertificate } from '../../signature';
import { SignDialog } from './SignDialog';
import { requestChallenge, signChallenge, submitLogin } from './signing';

/**
 * «Войти с помощью электронной подписи»: the server sends random bytes, the person signs them with a
 * qualified certificate; the account is found by the СНИЛС in the certificate (seed 000, section 1).
 */
export function SignatureLoginPage() {
  const [opened, setOpened] = useState(false);
  const session = useSession();
  const refresh = useRefreshSession();
  const navigate = useNavigate();

  const sign = async (certificate: SignerCertificate, pin: string) => {
    // The challenge is taken at the moment of signing, so it cannot expire while the person chooses.
    const challenge = await requestChallenge('login');
    const signature = await signChallenge(challenge, certificate, pin);
    await submitLogin(challenge.challengeId, signature);
    setOpened(false);
    await refresh();
    await navigate('/profile');
  };

  return (
    <Stack maw={640} mx="auto" gap="lg">
      <Title order={1}>Вход с помощью электронной подписи</Title>
      {session.data?.account && (
        <Alert color="blue">
          Вы уже вошли как {session.data.account.firstName} {session.data.account.lastName}. Вход по подписи
          заменит текущий сеанс.
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Stack>
          <Text>
            Для входа понадобится квалифицированный сертификат электронной подписи физического лица со СНИЛС,
            выданный аккредитованным удостоверяющим центром.
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              ключ в файле (PKCS#12 .p12/.pfx или ключ с сертификатом), загруженный в этот браузер;
            </List.Item>
            <List.Item>учётная запись с тем же СНИЛС, что и в сертификате.</List.Item>
          </List>
          <Button size="md" onClick={() => setOpened(true)}>
            Выбрать сертификат и войти
          </Button>
          <Text size="sm">
            <Anchor component={Link} to="/signature/keys">
              Ключи и сертификаты
            </Anchor>{' '}
            — загрузить файл ключа или получить тестовый сертификат.
          </Text>
          <Text size="sm">
            <Anchor component={Link} to="/login">
              Войти с паролем
            </Anchor>
          </Text>
        </Stack>
      </Card>
      <SignDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title="Вход с помощью электронной подписи"
        onSign={sign}
      />
    </Stack>
  );
}
