import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Radio,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../i18n/ru';
import { isSignatureError, signerOf, validityAt, type SignerCertificate } from '../../signature';
import { CertificateDetails } from './CertificateDetails';
import { errorCodeOf, useCertificates } from './shared';

export interface SignDialogProps {
  opened: boolean;
  onClose(): void;
  title: string;
  /** the text being signed, shown to the person before they sign it (seed 000: «подписать заявление») */
  statement?: string;
  statementLoading?: boolean;
  /** signs and sends; throw a SignatureError or ApiRequestError to show its message */
  onSign(certificate: SignerCertificate, pin: string): Promise<void>;
}

/**
 * «Выбор сертификата»: pick a certificate (if there are several), enter the PIN, «Подписать»
 * (seed 000, section 1, step 3). Reused by sign-in, confirmation and, later, organizations.
 */
export function SignDialog({ opened, onClose, title, statement, statementLoading, onSign }: SignDialogProps) {
  const certificates = useCertificates();
  const [handle, setHandle] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | undefined>();
  const [error, setError] = useState<{ title: string; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const list = certificates.data ?? [];
  const selected = list.find((c) => c.handle === handle);
  const asksPin = selected ? signerOf(selected).asksPin : true;

  useEffect(() => {
    if (!opened) return;
    setPin('');
    setPinError(undefined);
    setError(undefined);
    // Read the list again on each opening: keys may have been added in another tab.
    void certificates.refetch();
  }, [opened]);

  useEffect(() => {
    if (list.length > 0 && !list.some((c) => c.handle === handle)) {
      // Preselect the first currently valid certificate, as a person usually has one.
      const now = new Date();
      setHandle((list.find((c) => validityAt(c.info, now) === 'valid') ?? list[0]).handle);
    }
  }, [list, handle]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setPinError(undefined);
    if (!selected) return setError({ title: 'Нет сертификата', text: errorMessage('signature.no_keys') });
    if (asksPin && !pin) return setPinError(errorMessage('required'));
    setBusy(true);
    try {
      await onSign(selected, pin);
    } catch (e) {
      const code = errorCodeOf(e);
      if (code === 'signature.wrong_pin') setPinError(errorMessage(code));
      // A refusal of the browser's signing module means nothing was signed; one from the server
      // means the signature was made but not accepted (certificate, СНИЛС, trust list...).
      else
        setError({
          title: isSignatureError(e) ? 'Не удалось подписать' : 'Подпись не принята',
          text: errorMessage(code),
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" fullScreen={false} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {(statement || statementLoading) && (
            <Stack gap={4}>
              <Text size="sm" fw={600} id="statement-title">
                Вы подписываете
              </Text>
              {statementLoading ? (
                <Loader size="sm" aria-label="Загрузка текста" />
              ) : (
                <ScrollArea.Autosize mah={160} type="auto">
                  <Text
                    size="sm"
                    style={{
                      whiteSpace: 'pre-wrap',
                      border: '1px solid var(--mantine-color-gray-3)',
                      borderRadius: 4,
                      padding: 8,
                    }}
                    aria-labelledby="statement-title"
                  >
                    {statement}
                  </Text>
                </ScrollArea.Autosize>
              )}
            </Stack>
          )}

          {certificates.isLoading ? (
            <Loader aria-label="Загрузка сертификатов" />
          ) : list.length === 0 ? (
            <Alert color="yellow" title="Нет сертификатов">
              {errorMessage('signature.no_keys')}{' '}
              <Anchor component={Link} to="/signature/keys">
                Ключи и сертификаты
              </Anchor>
            </Alert>
          ) : (
            <Radio.Group
              value={handle}
              onChange={setHandle}
              label="Выбор сертификата"
              description={list.length > 1 ? 'Выберите сертификат, которым будете подписывать' : undefined}
            >
              <Stack gap="xs" mt="xs">
                {list.map((c) => (
                  <Radio.Card
                    key={c.handle}
                    value={c.handle}
                    p="sm"
                    radius="md"
                    aria-label={`${c.info.subject.fullName ?? 'Сертификат'}, серийный номер ${c.info.serialNumber}`}
                  >
                    <Group wrap="nowrap" align="flex-start">
                      <Radio.Indicator mt={4} />
                      <CertificateDetails info={c.info} location={c.location} />
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
          )}

          {list.length > 0 && asksPin && (
            <PasswordInput
              label="PIN-код"
              description="PIN-код или пароль ключа электронной подписи"
              value={pin}
              onChange={(e) => setPin(e.currentTarget.value)}
              error={pinError}
              autoComplete="off"
              required
              data-autofocus
            />
          )}

          {error && (
            <Alert color="red" role="alert" title={error.title}>
              {error.text}
            </Alert>
          )}

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} disabled={list.length === 0 || statementLoading}>
              Подписать
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
