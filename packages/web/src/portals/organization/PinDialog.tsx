import { Button, Group, Modal, PasswordInput, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useEffectEvent } from 'react';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { isSignatureError, signerOf, type SignerCertificate } from '../../signature';
import { CertificateDetails } from '../signature/CertificateDetails';

/**
 * The PIN window of seed 000, section 2: the certificate was chosen in «Выбор сертификата», so
 * only the statement, the certificate and its PIN are shown here, and «Подписать».
 */
export function PinDialog({
  opened,
  onClose,
  title,
  statement,
  certificate,
  onSign,
}: {
  opened: boolean;
  onClose(): void;
  title: string;
  statement: string;
  certificate: SignerCertificate;
  /** signs and sends; a SignatureError or ApiRequestError thrown is shown in the window */
  onSign(pin: string): Promise<void>;
}) {
  const asksPin = signerOf(certificate).asksPin;
  const { form, mutation, formError, onSubmit, clearErrors } = useApiForm({
    initialValues: { pin: '' },
    check: (_, v) => (asksPin && !v.pin ? [{ path: 'pin', code: 'required' }] : []),
    submit: ({ pin }) => onSign(pin),
    codeFields: { 'signature.wrong_pin': 'pin' },
  });
  const onOpen = useEffectEvent(() => {
    form.reset();
    clearErrors();
  });
  useEffect(() => {
    if (opened) onOpen();
  }, [opened]);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600} id="pin-statement-title">
              Вы подписываете
            </Text>
            <ScrollArea.Autosize mah={200} type="auto">
              <Text
                size="sm"
                style={{
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 4,
                  padding: 8,
                }}
                aria-labelledby="pin-statement-title"
              >
                {statement}
              </Text>
            </ScrollArea.Autosize>
          </Stack>
          <CertificateDetails info={certificate.info} location={certificate.location} />
          {asksPin && (
            <PasswordInput
              label="PIN-код"
              description="PIN-код или пароль ключа электронной подписи"
              {...form.getInputProps('pin')}
              autoComplete="off"
              required
              data-autofocus
            />
          )}
          <FormMessage
            message={formError}
            title={isSignatureError(mutation.error) ? 'Не удалось подписать' : 'Подпись не принята'}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Подписать
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
