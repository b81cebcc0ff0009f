import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from '../../i18n/ru';
import { containerStore } from '../../signature';
import { CertificateDetails } from './CertificateDetails';
import { download, useContainers, useInvalidate } from './keys';

/** «Ключи в этом браузере»: each container with its certificates, to download or delete. */
export function StoredKeys() {
  const containers = useContainers();
  const invalidate = useInvalidate();
  const remove = async (id: string) => {
    await containerStore.remove(id);
    await invalidate();
  };
  if (containers.isLoading) return null;
  const items = containers.data ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="stored-title">
      <Title order={2} size="h3" id="stored-title" mb="sm">
        Ключи в этом браузере
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{errorMessage('signature.no_keys')}</Text>
      ) : (
        <Stack>
          {items.map(({ container, infos }) => (
            <Card key={container.id} withBorder padding="md" data-testid="stored-container">
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs">
                    <Text fw={600}>{container.fileName ?? container.label}</Text>
                    <Badge variant="light">
                      {container.kind === 'pkcs12' ? 'PKCS#12' : 'Ключ и сертификат'}
                    </Badge>
                    {container.source === 'test-ca' && (
                      <Badge variant="light" color="grape">
                        Тестовый УЦ
                      </Badge>
                    )}
                  </Group>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => download(container)}>
                      Скачать файл ключа
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove(container.id)}
                      aria-label={`Удалить ключ ${container.label}`}
                    >
                      Удалить
                    </Button>
                  </Group>
                </Group>
                {infos.map((info) => (
                  <CertificateDetails key={info.id} info={info} />
                ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Card>
  );
}
