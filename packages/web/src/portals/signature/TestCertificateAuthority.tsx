import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  formatSnils,
  personalDataViewSchema,
  testCaIssuedSchema,
  testCaMyCertificateRequestSchema,
  type SignatureAlgorithm,
} from '@openesia/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { readContainer, type StoredContainer } from '../../signature';
import { fromBase64 } from '../../signature/bytes';
import { personalDataKey } from '../citizen/profile/api';
import { download, fileBaseName, saveDraft, useInvalidate } from './keys';
import { pinErrors } from './LoadContainer';
import { PinFields } from './PinFields';

const algorithmOptions: { value: SignatureAlgorithm; label: string }[] = [
  { value: 'gost2012_256', label: 'ГОСТ Р 34.10-2012, 256 бит' },
  { value: 'gost2012_512', label: 'ГОСТ Р 34.10-2012, 512 бит' },
  { value: 'ecdsa_p256', label: 'ECDSA P-256' },
  { value: 'rsa2048', label: 'RSA 2048' },
];

/** The person a test certificate is issued to: the account's checked ФИО and СНИЛС, or why there are none. */
type CheckedPerson =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'unchecked'; reason: 'none' | 'in_progress' | 'failed' }
  | { status: 'checked'; fullName: string; snils: string };

export function useCheckedPerson(signedIn: boolean): CheckedPerson {
  const personal = useQuery({
    queryKey: personalDataKey,
    queryFn: () => api.get('/me/personal-data', personalDataViewSchema),
    enabled: signedIn,
  });
  if (!signedIn) return { status: 'anonymous' };
  if (!personal.data) return { status: 'loading' };
  const { data, verification } = personal.data;
  if (!data || verification.state === 'not_started') return { status: 'unchecked', reason: 'none' };
  if (verification.state === 'in_progress') return { status: 'unchecked', reason: 'in_progress' };
  if (verification.state !== 'passed') return { status: 'unchecked', reason: 'failed' };
  return {
    status: 'checked',
    fullName: [data.lastName, data.firstName, data.middleName].filter(Boolean).join(' '),
    snils: formatSnils(data.snils),
  };
}

const uncheckedText: Record<'none' | 'in_progress' | 'failed', string> = {
  none: 'У вас ещё нет проверенных личных данных. Заполните ФИО, паспорт и СНИЛС в разделе «Личные данные» и дождитесь завершения проверки — после этого здесь можно получить тестовый сертификат на своё имя.',
  in_progress:
    'Ваши личные данные сейчас проверяются. Тестовый сертификат можно будет получить, когда проверка завершится успешно.',
  failed:
    'Ваши личные данные не прошли проверку. Исправьте их в разделе «Личные данные»; тестовый сертификат выдаётся только на проверенные данные.',
};

/**
 * «Тестовый УЦ» (demo mode): a certificate and a PKCS#12 container protected by the PIN, only for the
 * signed-in person's own checked ФИО and СНИЛС (a certificate with a СНИЛС is a key to the account).
 */
export function TestCertificateAuthority({ signedIn }: { signedIn: boolean }) {
  const invalidate = useInvalidate();
  const person = useCheckedPerson(signedIn);
  const [issued, setIssued] = useState<StoredContainer | null>(null);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { algorithm: 'gost2012_256' as SignatureAlgorithm, pin: '', repeat: '' },
    toInput: (v) => ({ algorithm: v.algorithm, pin: v.pin }),
    schema: testCaMyCertificateRequestSchema,
    check: (_, v) => pinErrors(v.pin, v.repeat),
    submit: async (input) => {
      setIssued(null);
      const result = await api.post('/test-ca/my-certificate', input, testCaIssuedSchema);
      // Open the container with the PIN before keeping it: proves the PIN and the format.
      const reading = await readContainer([{ name: 'test-ca.p12', bytes: fromBase64(result.container) }], {
        pin: input.pin,
      });
      if (reading.status !== 'ready') throw new Error('test CA container needs no further secrets');
      const stored = await saveDraft(reading.draft, 'test-ca', `${fileBaseName(reading.draft.label)}.p12`);
      await invalidate();
      return stored;
    },
    onSuccess: (stored) => {
      setIssued(stored);
      form.setValues({ pin: '', repeat: '' });
    },
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="test-ca-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Group gap="xs">
            <Title order={2} size="h3" id="test-ca-title">
              Тестовый УЦ
            </Title>
            <Badge color="grape" variant="light">
              Демонстрационный режим
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Тестовый удостоверяющий центр выдаёт сертификат и ключ для проверки входа и подтверждения личности
            — только на ваши собственные проверенные ФИО и СНИЛС. Ключ защищается PIN-кодом, сохраняется в
            этом браузере и доступен для скачивания файлом PKCS#12.
          </Text>
          {person.status === 'anonymous' && (
            <Alert color="blue" title="Нужно войти">
              <Anchor component={Link} to="/login">
                Войдите
              </Anchor>
              , чтобы получить тестовый сертификат на свои проверенные данные.
            </Alert>
          )}
          {person.status === 'unchecked' && (
            <Alert color="yellow" title="Нет проверенных личных данных" data-testid="test-ca-unchecked">
              <Stack gap="xs">
                <Text size="sm">{uncheckedText[person.reason]}</Text>
                <div>
                  <Anchor component={Link} to="/profile/personal-data">
                    Перейти к личным данным
                  </Anchor>
                </div>
              </Stack>
            </Alert>
          )}
          {person.status === 'checked' && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Владелец сертификата" value={person.fullName} readOnly />
                <TextInput label="СНИЛС" value={person.snils} readOnly />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                Данные взяты из учётной записи и подтверждены проверкой в СФР и МВД. Чтобы выпустить
                сертификат на другие данные, их нужно сначала изменить в разделе «Личные данные» и пройти
                проверку.
              </Text>
              <Select
                label="Алгоритм"
                value={form.values.algorithm}
                onChange={(v) => v && form.setFieldValue('algorithm', v as SignatureAlgorithm)}
                data={algorithmOptions}
                allowDeselect={false}
              />
              <PinFields
                pin={form.values.pin}
                repeat={form.values.repeat}
                onPin={(v) => form.setFieldValue('pin', v)}
                onRepeat={(v) => form.setFieldValue('repeat', v)}
                errors={{ pin: form.errors.pin as string, repeat: form.errors.repeat as string }}
              />
            </>
          )}
          <FormMessage message={formError} title="Сертификат не выдан" />
          {issued && (
            <Alert color="green" role="status" title="Тестовый сертификат выдан">
              <Stack gap="xs">
                <Text size="sm">
                  Ключ сохранён в этом браузере. Сохраните и файл ключа: без него ключ пропадёт, если очистить
                  данные браузера.
                </Text>
                <div>
                  <Button size="xs" variant="default" onClick={() => download(issued)}>
                    Скачать файл ключа (.p12)
                  </Button>
                </div>
              </Stack>
            </Alert>
          )}
          {person.status === 'checked' && (
            <div>
              <Button type="submit" loading={mutation.isPending}>
                Получить тестовый сертификат
              </Button>
            </div>
          )}
        </Stack>
      </form>
    </Card>
  );
}
