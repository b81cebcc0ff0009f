import { Button, Card, FileButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { trustedRootAddSchema, trustedRootSchema, type TrustedRoot } from '@openesia/contracts';
import { useRef } from 'react';
import { api } from '../../api/client';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { fileAsBase64, isHttpUrl } from './trustList';

const crlSchema = trustedRootAddSchema.pick({ crlUrls: true });

/**
 * «Добавить корневой сертификат»: the optional CRL address is checked at its field before the file
 * is read; choosing the file sends it. A refusal of the file itself is said in the form's message.
 */
export function AddRootCard({ onAdded }: { onAdded: (root: TrustedRoot) => void }) {
  const file = useRef<File | null>(null);
  const { form, mutation, formError, onSubmit } = useApiForm({
    // The request's shape, so the API's `crlUrls.0` is this field.
    initialValues: { crlUrls: [''] },
    toInput: (v) => ({ crlUrls: v.crlUrls.map((u) => u.trim()).filter(Boolean) }),
    schema: crlSchema,
    // The schema takes any URL; a CRL is fetched over HTTP (RFC 5280, 4.2.1.13).
    check: (input) => (input.crlUrls.every(isHttpUrl) ? [] : [{ path: 'crlUrls.0', code: 'url.invalid' }]),
    submit: async (input) =>
      api.post(
        '/registry/trust-list',
        {
          certificate: await fileAsBase64(file.current!),
          ...(input.crlUrls.length ? input : {}),
        },
        trustedRootSchema,
      ),
    onSuccess: (root) => {
      form.reset();
      onAdded(root);
    },
  });
  const pick = (picked: File | null) => {
    if (!picked) return;
    file.current = picked;
    onSubmit();
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-root-title">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h4" id="add-root-title">
          Добавить корневой сертификат
        </Title>
        <Text size="sm" c="dimmed">
          Файл сертификата удостоверяющего центра (.cer, .crt, .der или .pem). Название и ОГРН берутся из
          сертификата.
        </Text>
        <TextInput
          label="Адрес списка отзыва"
          description="Необязательно: если адреса нет в самом сертификате"
          placeholder="http://…/root.crl"
          inputMode="url"
          {...form.getInputProps('crlUrls.0')}
        />
        <FormMessage message={formError} title="Сертификат не добавлен" />
        <Group mt="auto">
          <FileButton onChange={pick} accept=".cer,.crt,.der,.pem,application/pkix-cert">
            {(props) => (
              <Button {...props} loading={mutation.isPending} w={{ base: '100%', xs: 'auto' }}>
                Выбрать сертификат…
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Card>
  );
}
