import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  formatSnils,
  type PersonalDataView,
  type SignatureAlgorithm,
  type TestCaIssued,
} from '@openesia/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { errorMessage } from '../../i18n/ru';
import {
  containerStore,
  readContainer,
  toStored,
  type ContainerDraft,
  type PickedFile,
  type StoredContainer,
} from '../../signature';
import { fromBase64, toBase64 } from '../../signature/bytes';
import { describeCertificate, type CertificateInfo } from '../../signature/certificate';
import { pinProblem } from '../../signature/pin';
import { personalDataKey } from '../citizen/profile/api';
import { CertificateDetails } from './CertificateDetails';
import { PinFields } from './PinFields';
import { certificatesKey, downloadFile, errorCodeOf, fieldMessage, messageOf } from './shared';

const containersKey = ['signature', 'containers'] as const;

function useContainers() {
  return useQuery({
    queryKey: containersKey,
    queryFn: async () => {
      const containers = await containerStore.list();
      return Promise.all(
        containers.map(async (c) => ({
          container: c,
          infos: await Promise.all(c.certificates.map((der) => describeCertificate(fromBase64(der)))),
        })),
      );
    },
    staleTime: 0,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: containersKey });
    await client.invalidateQueries({ queryKey: certificatesKey });
  };
}

function fileBaseName(label: string): string {
  return (
    label
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '_') || 'key'
  );
}

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${toBase64(der).replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The container as a file the person keeps: PKCS#12 as is, a key pair as PEM (the key stays encrypted). */
function download(container: StoredContainer) {
  const base = fileBaseName(container.label);
  if (container.kind === 'pkcs12')
    return downloadFile(`${base}.p12`, fromBase64(container.data), 'application/x-pkcs12');
  const text =
    pem('ENCRYPTED PRIVATE KEY', fromBase64(container.data)) +
    container.certificates.map((c) => pem('CERTIFICATE', fromBase64(c))).join('');
  downloadFile(`${base}.pem`, new TextEncoder().encode(text), 'application/x-pem-file');
}

async function saveDraft(
  draft: ContainerDraft,
  source: StoredContainer['source'],
  fileName?: string,
): Promise<StoredContainer> {
  const stored = toStored(draft, { id: crypto.randomUUID(), source, fileName, now: new Date() });
  await containerStore.put(stored);
  return stored;
}

function StoredKeys() {
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

async function readPicked(files: File[]): Promise<PickedFile[]> {
  return Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/** The PIN pair's problems as Russian text at each field. */
function pinMessages(pin: string, repeat: string): { pin?: string; repeat?: string } {
  const problem = pinProblem(pin, repeat);
  return {
    pin: problem.pin && errorMessage(problem.pin),
    repeat: problem.repeat && errorMessage(problem.repeat),
  };
}

/** «Загрузить файл ключа»: PKCS#12, or a key and a certificate (PEM or DER). */
function LoadContainer() {
  const invalidate = useInvalidate();
  const [files, setFiles] = useState<File[]>([]);
  const [step, setStep] = useState<'pick' | 'pin' | 'new_pin'>('pick');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; repeat?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<CertificateInfo[] | null>(null);

  const reset = (picked: File[]) => {
    setFiles(picked);
    setStep('pick');
    setPin('');
    setRepeat('');
    setErrors({});
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    if (files.length === 0) return setErrors({ form: errorMessage('required') });
    if (step === 'pin' && !pin) return setErrors({ pin: errorMessage('required') });
    if (step === 'new_pin') {
      const problem = pinMessages(pin, repeat);
      if (problem.pin || problem.repeat) return setErrors(problem);
    }
    setBusy(true);
    try {
      const picked = await readPicked(files);
      const reading = await readContainer(
        picked,
        step === 'pin' ? { pin } : step === 'new_pin' ? { newPin: pin } : {},
      );
      if (reading.status === 'needs_pin') setStep('pin');
      else if (reading.status === 'needs_new_pin') setStep('new_pin');
      else {
        await saveDraft(reading.draft, 'file', files.map((f) => f.name).join(', '));
        await invalidate();
        setSaved(reading.draft.infos);
        setFiles([]);
        setStep('pick');
        setPin('');
        setRepeat('');
      }
    } catch (e) {
      const code = errorCodeOf(e);
      if (code === 'signature.wrong_pin') setErrors({ pin: errorMessage(code) });
      else setErrors({ form: errorMessage(code) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="load-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="load-title">
            Загрузить файл ключа
          </Title>
          <Text size="sm" c="dimmed">
            Файл PKCS#12 (.p12, .pfx) или закрытый ключ вместе с сертификатом (.pem, .key, .cer, .crt). Ключ
            хранится в этом браузере только в зашифрованном виде; PIN-код не сохраняется.
          </Text>
          <FileInput
            label="Файлы ключа и сертификата"
            placeholder="Выберите файлы"
            multiple
            clearable
            value={files}
            onChange={(value) => reset(value ?? [])}
            accept=".p12,.pfx,.pem,.key,.cer,.crt,.der,.p8,application/x-pkcs12"
          />
          {step === 'pin' && (
            <PasswordInput
              label="PIN-код"
              description="PIN-код или пароль, которым защищён файл"
              value={pin}
              onChange={(e) => setPin(e.currentTarget.value)}
              error={errors.pin}
              autoComplete="off"
              required
            />
          )}
          {step === 'new_pin' && (
            <>
              <Alert color="blue">
                Ключ в файле не зашифрован. Придумайте PIN-код: им ключ будет защищён в этом браузере и его
                нужно будет вводить при подписании.
              </Alert>
              <PinFields
                label="Новый PIN-код"
                columns={1}
                pin={pin}
                repeat={repeat}
                onPin={setPin}
                onRepeat={setRepeat}
                errors={errors}
              />
            </>
          )}
          {errors.form && (
            <Alert color="red" role="alert" title="Файл не загружен">
              {errors.form}
            </Alert>
          )}
          {saved && (
            <Alert color="green" role="status" title="Ключ сохранён в браузере">
              {saved.map((info) => info.subject.fullName).join(', ')}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={busy} disabled={files.length === 0}>
              {step === 'pick' ? 'Загрузить' : 'Открыть и сохранить'}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

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

function useCheckedPerson(signedIn: boolean): CheckedPerson {
  const personal = useQuery({
    queryKey: personalDataKey,
    queryFn: () => api.get<PersonalDataView>('/me/personal-data'),
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
function TestCertificateAuthority({ signedIn }: { signedIn: boolean }) {
  const invalidate = useInvalidate();
  const person = useCheckedPerson(signedIn);
  const [algorithm, setAlgorithm] = useState<SignatureAlgorithm>('gost2012_256');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<StoredContainer | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string | undefined> = { ...pinMessages(pin, repeat) };
    setErrors(problems);
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    setIssued(null);
    try {
      const result = await api.post<TestCaIssued>('/test-ca/my-certificate', { algorithm, pin });
      // Open the container with the PIN before keeping it: proves the PIN and the format.
      const reading = await readContainer([{ name: 'test-ca.p12', bytes: fromBase64(result.container) }], {
        pin,
      });
      if (reading.status !== 'ready') throw new Error('test CA container needs no further secrets');
      const stored = await saveDraft(reading.draft, 'test-ca', `${fileBaseName(reading.draft.label)}.p12`);
      await invalidate();
      setIssued(stored);
      setPin('');
      setRepeat('');
    } catch (e) {
      const next: Record<string, string | undefined> = { form: messageOf(e) };
      const message = fieldMessage(e, 'pin');
      if (message) next.pin = message;
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="test-ca-title">
      <form onSubmit={submit} noValidate>
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
                value={algorithm}
                onChange={(v) => v && setAlgorithm(v as SignatureAlgorithm)}
                data={algorithmOptions}
                allowDeselect={false}
              />
              <PinFields pin={pin} repeat={repeat} onPin={setPin} onRepeat={setRepeat} errors={errors} />
            </>
          )}
          {errors.form && (
            <Alert color="red" role="alert" title="Сертификат не выдан">
              {errors.form}
            </Alert>
          )}
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
              <Button type="submit" loading={busy}>
                Получить тестовый сертификат
              </Button>
            </div>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** «Ключи и сертификаты»: what keys this browser holds, loading a key file, the test CA in demo mode. */
export function KeysPage() {
  const session = useSession();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Ключи и сертификаты</Title>
        <Text c="dimmed">
          Ключи электронной подписи для{' '}
          <Anchor component={Link} to="/login/signature">
            входа с помощью электронной подписи
          </Anchor>{' '}
          и подтверждения личности.
        </Text>
      </Stack>
      <StoredKeys />
      <LoadContainer />
      {session.data?.demoMode && (
        <TestCertificateAuthority
          key={session.data.account?.id ?? 'anonymous'}
          signedIn={Boolean(session.data.account)}
        />
      )}
    </Stack>
  );
}
