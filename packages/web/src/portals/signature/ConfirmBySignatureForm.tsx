import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import type { SignatureChallenge } from '@openesia/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRefreshSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import type { SignerCertificate } from '../../signature';
import { SignDialog } from './SignDialog';
import type { ConfirmBySignatureProps } from './confirmBySignatureProps';
import { isStale, requestChallenge, signChallenge, submitConfirmation } from './signing';

/**
 * The third way of seed 000, section 1, step 3: «С помощью средства усиленной квалифицированной
 * электронной подписи». The person presses «Подтвердить личность этим способом», chooses a certificate
 * if there are several, enters the PIN and signs the statement; the server checks the signature,
 * the certificate, and that ФИО and СНИЛС match the account.
 */
export default function ConfirmBySignatureForm({ onConfirmed }: ConfirmBySignatureProps) {
  const [opened, setOpened] = useState(false);
  const [challenge, setChallenge] = useState<SignatureChallenge | null>(null);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const refresh = useRefreshSession();

  const open = async () => {
    setLoadError(undefined);
    setChallenge(null);
    setOpened(true);
    try {
      setChallenge(await requestChallenge('confirm'));
    } catch (e) {
      setOpened(false);
      setLoadError(errorMessage(errorCodeOf(e)));
    }
  };

  const sign = async (certificate: SignerCertificate, pin: string) => {
    let current = challenge!;
    if (isStale(current)) {
      current = await requestChallenge('confirm');
      setChallenge(current);
    }
    const signature = await signChallenge(current, certificate, pin);
    try {
      const account = await submitConfirmation(current.challengeId, signature);
      setOpened(false);
      setDone(true);
      await refresh();
      onConfirmed?.(account);
    } catch (e) {
      // A used or expired statement cannot be signed again: take a fresh one for the next try.
      const code = errorCodeOf(e);
      if (code === 'signature.challenge_expired' || code === 'signature.challenge_used')
        setChallenge(await requestChallenge('confirm'));
      throw e;
    }
  };

  if (done) {
    return (
      <Alert color="green" title="Личность подтверждена" role="status">
        Учётная запись подтверждена с помощью электронной подписи.
      </Alert>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm">
        Потребуется сертификат электронной подписи, выданный аккредитованным удостоверяющим центром, с вашими
        ФИО и СНИЛС. Если сертификатов несколько, выберите нужный, введите PIN-код и подпишите заявление на
        подтверждение учётной записи.
      </Text>
      <Text size="sm">
        <Anchor component={Link} to="/signature/keys">
          Ключи и сертификаты
        </Anchor>{' '}
        — загрузить файл ключа в этот браузер.
      </Text>
      {loadError && (
        <Alert color="red" role="alert">
          {loadError}
        </Alert>
      )}
      <div>
        <Button onClick={open}>Подтвердить личность этим способом</Button>
      </div>
      <SignDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title="Подтверждение личности электронной подписью"
        statement={challenge?.text}
        statementLoading={opened && !challenge}
        onSign={sign}
      />
    </Stack>
  );
}
