import { Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { trustListImportedSchema } from '@openesia/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';

/** «Загрузить перечень в формате XML»: the TSL of e-trust.gosuslugi.ru; the result is said by the page. */
export function ImportListCard({
  onImported,
  onFailed,
}: {
  onImported: (counts: { added: number; skipped: number }) => void;
  onFailed: (error: unknown) => void;
}) {
  const importXml = useMutation({
    mutationFn: async (file: File) =>
      api.post('/registry/trust-list/import', { xml: await file.text() }, trustListImportedSchema),
    onSuccess: onImported,
    onError: onFailed,
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="import-title">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h4" id="import-title">
          Загрузить перечень в формате XML
        </Title>
        <Text size="sm" c="dimmed">
          Файл перечня аккредитованных удостоверяющих центров (TSL.xml с e-trust.gosuslugi.ru). Добавляются
          сертификаты центров с действующей аккредитацией вместе с адресами их списков отзыва; те, что уже
          есть, пропускаются.
        </Text>
        <Group mt="auto">
          <FileButton
            onChange={(file) => file && importXml.mutate(file)}
            accept=".xml,text/xml,application/xml"
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                loading={importXml.isPending}
                w={{ base: '100%', xs: 'auto' }}
              >
                Выбрать перечень…
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Card>
  );
}
