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
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { isSignatureError, signerOf, validityAt, type SignerCertificate } from '../../signature';
import { CertificateDetails } from './CertificateDetails';
import { useCertificates } from './shared';

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
  const list = useMemo(() => certificates.data ?? [], [certificates.data]);
  const selected = list.find((c) => c.handle === handle);
  const asksPin = selected ? signerOf(selected).asksPin : true;
  const { form, mutation, formError, onSubmit, clearErrors } = useApiForm({
    initialValues: { pin: '' },
    check: (_, v) => (asksPin && !v.pin ? [{ path: 'pin', code: 'required' }] : []),
    submit: async ({ pin }) => {
      if (!selected) throw Object.assign(new Error('no certificate'), { code: 'signature.no_keys' });
      await onSign(selected, pin);
    },
    // A wrong PIN is about the field; anything else is said for the whole dialog.
    codeFields: { 'signature.wrong_pin': 'pin' },
  });

  // On each opening only (not when the form or the query object changes): a clean form, and the
  // list read again, as keys may have been added in another tab.
  const onOpen = useEffectEvent(() => {
    form.reset();
    clearErrors();
    void certificates.refetch();
  });
  useEffect(() => {
    if (opened) onOpen();
  }, [opened]);

  useEffect(() => {
    if (list.length > 0 && !list.some((c) => c.handle === handle)) {
      // Preselect the first currently valid certificate, as a person usually has one.
      const now = new Date();
      setHandle((list.find((c) => validityAt(c.info, now) === 'valid') ?? list[0]).handle);
    }
  }, [list, handle]);

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" fullScreen={false} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {(statement || statementLoading) && (
            <Stack gap={4}>
              <Text size="sm" fw={600} id="statement-title">
                Вы подписываете
              </Text>
              {statementLoading ? (
                <Loader size="sm" role="status" aria-label="Загрузка текста" />
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
            <Loader role="status" aria-label="Загрузка сертификатов" />
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
              {...form.getInputProps('pin')}
              autoComplete="off"
              required
              data-autofocus
            />
          )}

          {/* A refusal of the browser's signing module means nothing was signed; one from the server
              means the signature was made but not accepted (certificate, СНИЛС, trust list...). */}
          <FormMessage
            message={formError}
            title={isSignatureError(mutation.error) ? 'Не удалось подписать' : 'Подпись не принята'}
          />

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={list.length === 0 || statementLoading}
            >
              Подписать
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
