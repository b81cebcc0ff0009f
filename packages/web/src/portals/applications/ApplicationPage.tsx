import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  FileInput,
  Group,
  Loader,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  MAX_SCAN_BASE64,
  applicationSignatoryRoleLabels,
  organizationTypeLabels,
  organizationTypes,
  saveApplicationSchema,
  type ApplicationCandidate,
  type ApplicationDraft,
  type ApplicationView,
  type SignatureChallenge,
} from '@openesia/contracts';
import { toBase64 } from '@openesia/pki';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiRequestError } from '../../api/client';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import type { SignerCertificate } from '../../signature';
import { abilities } from '../organization/abilities';
import { useOrganization } from '../organization/api';
import { PinDialog } from '../organization/PinDialog';
import { personName } from '../organization/texts';
import { downloadFile, useCertificates } from '../signature/shared';
import { isStale, signChallenge } from '../signature/signing';
import {
  downloadApi,
  requestApplicationChallenge,
  saveApplication,
  submitScan,
  submitSignedApplication,
  useApplication,
  useCandidates,
  useRememberApplication,
} from './api';
import {
  ApplicationContentView,
  ApplicationNotice,
  ApplicationTimeline,
  ApplicationVersions,
} from './ApplicationDetails';
import { ApplicationStatusBadge, formTitle } from './texts';

type Values = { content: Required<Pick<ApplicationDraft, 'responsible' | 'signatory'>> & ApplicationDraft };
type DraftForm = UseFormReturnType<Values>;

/** The draft's fields as the form holds them: every text present, so every input is controlled. */
function valuesOf(content: ApplicationDraft): Values {
  const r = content.responsible ?? {};
  const s = content.signatory ?? {};
  return {
    content: {
      organizationFullName: content.organizationFullName ?? '',
      ogrn: content.ogrn ?? '',
      organizationType: content.organizationType,
      responsible: {
        accountId: r.accountId,
        lastName: r.lastName ?? '',
        firstName: r.firstName ?? '',
        middleName: r.middleName ?? '',
        position: r.position ?? '',
        workPhone: r.workPhone ?? '',
        mobilePhone: r.mobilePhone ?? '',
        email: r.email ?? '',
      },
      signatory: {
        role: s.role,
        accountId: s.accountId,
        lastName: s.lastName ?? '',
        firstName: s.firstName ?? '',
        middleName: s.middleName ?? '',
        position: s.position ?? '',
      },
    },
  };
}

const fieldsSummary = 'Проверьте поля, отмеченные красным.';

/**
 * One application of the organization (issue 10): the form of seed 003's appendix 1 while it is a
 * draft or returned — saved between sittings — then sent either signed with the qualified
 * certificate of the signatory it names, or printed, signed by hand, stamped and scanned. The
 * history and every version sent stay visible.
 */
export function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const application = useApplication(applicationId);
  const organization = useOrganization();

  if (application.isPending || organization.isPending)
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка заявки" />
      </Center>
    );
  if (application.isError || organization.isError)
    return (
      <Stack gap="lg">
        <Title order={1}>Заявка</Title>
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(application.error ?? organization.error))}
        </Alert>
        <Anchor component={Link} to="/organization?tab=applications">
          ← Заявки организации
        </Anchor>
      </Stack>
    );
  const a = application.data;
  const can = abilities(organization.data.yourRoles);
  const editable = a.status === 'draft' || a.status === 'returned';
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/organization?tab=applications" size="sm">
          ← Заявки организации
        </Anchor>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Title order={1}>{formTitle[a.form]}</Title>
          <ApplicationStatusBadge status={a.status} />
        </Group>
        <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {a.organization.shortName}
          {a.version ? ` · отправлено версий: ${a.version}` : ''}
        </Text>
      </Stack>
      <ApplicationNotice application={a} />
      {editable ? (
        <Editor key={`${a.id}-${a.status}`} application={a} manage={can.manage} />
      ) : (
        <Card withBorder padding="lg">
          <ApplicationContentView content={a.content} />
        </Card>
      )}
      <ApplicationVersions application={a} base="/organization/applications" />
      <ApplicationTimeline application={a} />
    </Stack>
  );
}

function Editor({ application, manage }: { application: ApplicationView; manage: boolean }) {
  const remember = useRememberApplication();
  const session = useSession();
  const [saved, setSaved] = useState(false);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: valuesOf(application.content),
    schema: saveApplicationSchema,
    toInput: (v) => ({ revision: application.revision, content: v.content }),
    submit: (input) => saveApplication(application.id, input),
    onSuccess: (view) => {
      remember(view);
      form.resetDirty();
      setSaved(true);
    },
    fieldsSummary,
  });

  /** The draft as typed, saved first when changed: what is signed or printed is what the server has. */
  const current = async (): Promise<ApplicationView> => {
    if (!form.isDirty()) return application;
    const view = await saveApplication(application.id, {
      revision: application.revision,
      content: form.getValues().content,
    });
    remember(view);
    form.resetDirty();
    return view;
  };
  /** A refusal that names the form's fields is shown at them. */
  const showAtFields = (error: unknown) => {
    if (error instanceof ApiRequestError && error.fields.length)
      form.setErrors(Object.fromEntries(error.fields.map((f) => [f.path, errorMessage(f.code)])));
  };

  const isSignatory = session.data?.account?.id === application.content.signatory?.accountId;
  return (
    <>
      {manage ? (
        <Card withBorder padding="lg">
          <form onSubmit={onSubmit} noValidate onChange={() => setSaved(false)}>
            <Stack gap="lg">
              <DraftFields form={form} />
              <FormMessage message={formError} />
              {saved && !form.isDirty() && (
                <Text size="sm" role="status">
                  Черновик сохранён.
                </Text>
              )}
              <Group>
                <Button
                  type="submit"
                  variant="default"
                  loading={mutation.isPending}
                  w={{ base: '100%', xs: 'auto' }}
                >
                  Сохранить черновик
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      ) : (
        <Card withBorder padding="lg">
          <ApplicationContentView content={application.content} />
        </Card>
      )}
      <SignCard
        application={application}
        isSignatory={isSignatory}
        current={current}
        showAtFields={showAtFields}
      />
      {manage && <ScanCard application={application} current={current} showAtFields={showAtFields} />}
    </>
  );
}

function DraftFields({ form }: { form: DraftForm }) {
  const role = form.getValues().content.signatory.role;
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Сведения об органе (организации)
        </Title>
        <Textarea
          label="Полное наименование органа (организации)"
          required
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('content.organizationFullName')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="ОГРН"
            required
            inputMode="numeric"
            maxLength={13}
            {...form.getInputProps('content.ogrn')}
          />
          <Select
            label="Тип органа (организации)"
            required
            data={organizationTypes.map((t) => ({ value: t, label: organizationTypeLabels[t] }))}
            allowDeselect={false}
            {...form.getInputProps('content.organizationType')}
          />
        </SimpleGrid>
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Данные об уполномоченном лице
        </Title>
        <Text size="sm" c="dimmed">
          Уполномоченное лицо отвечает за работу центров обслуживания организации и за ответы на жалобы.
          Выберите сотрудника — ФИО и подтверждённые контакты подставятся из его учётной записи.
        </Text>
        <EmployeePicker
          label="Сотрудник"
          value={form.getValues().content.responsible.accountId}
          error={form.errors['content.responsible.accountId']}
          onPick={(c) => {
            const r = form.getValues().content.responsible;
            form.setFieldValue('content.responsible', {
              ...r,
              accountId: c.accountId,
              lastName: c.lastName,
              firstName: c.firstName,
              middleName: c.middleName ?? '',
              mobilePhone: r.mobilePhone || c.mobilePhone || '',
              email: r.email || c.email || '',
            });
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Фамилия"
            required
            maxLength={60}
            {...form.getInputProps('content.responsible.lastName')}
          />
          <TextInput
            label="Имя"
            required
            maxLength={60}
            {...form.getInputProps('content.responsible.firstName')}
          />
          <TextInput
            label="Отчество"
            maxLength={60}
            {...form.getInputProps('content.responsible.middleName')}
          />
        </SimpleGrid>
        <TextInput
          label="Должность"
          required
          maxLength={255}
          {...form.getInputProps('content.responsible.position')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Рабочий телефон"
            required
            type="tel"
            maxLength={32}
            {...form.getInputProps('content.responsible.workPhone')}
          />
          <TextInput
            label="Мобильный телефон"
            required
            type="tel"
            maxLength={32}
            {...form.getInputProps('content.responsible.mobilePhone')}
          />
          <TextInput
            label="Адрес электронной почты"
            required
            type="email"
            maxLength={255}
            {...form.getInputProps('content.responsible.email')}
          />
        </SimpleGrid>
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Подписант
        </Title>
        <Radio.Group
          label="Заявку подписывает"
          required
          {...form.getInputProps('content.signatory.role')}
          onChange={(value) => {
            form.setFieldValue('content.signatory', {
              role: value as 'head' | 'deputy',
              accountId: undefined,
              lastName: '',
              firstName: '',
              middleName: '',
              position: '',
            });
          }}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="head" label={applicationSignatoryRoleLabels.head} />
            <Radio value="deputy" label={applicationSignatoryRoleLabels.deputy} />
          </Stack>
        </Radio.Group>
        {role && (
          <EmployeePicker
            label={role === 'head' ? 'Руководитель' : 'Заместитель руководителя'}
            value={form.getValues().content.signatory.accountId}
            error={form.errors['content.signatory.accountId'] ?? form.errors['content.signatory.role']}
            onlyHead={role === 'head'}
            onPick={(c) =>
              form.setFieldValue('content.signatory', {
                ...form.getValues().content.signatory,
                accountId: c.accountId,
                lastName: c.lastName,
                firstName: c.firstName,
                middleName: c.middleName ?? '',
              })
            }
          />
        )}
        <TextInput
          label="Должность подписанта"
          required
          maxLength={255}
          {...form.getInputProps('content.signatory.position')}
        />
      </Stack>
    </Stack>
  );
}

/** An employee picked by typing part of the name: the server's suggestions, with their contacts. */
function EmployeePicker({
  label,
  value,
  error,
  onlyHead,
  onPick,
}: {
  label: string;
  value: string | undefined;
  error?: React.ReactNode;
  onlyHead?: boolean;
  onPick(candidate: ApplicationCandidate): void;
}) {
  const [search, setSearch] = useState('');
  const candidates = useCandidates(search.trim());
  const list = useMemo(
    () => (candidates.data?.candidates ?? []).filter((c) => !onlyHead || c.isHead),
    [candidates.data, onlyHead],
  );
  return (
    <Select
      label={label}
      required
      searchable
      placeholder="Начните вводить фамилию"
      nothingFoundMessage={candidates.isFetching ? 'Поиск…' : 'Сотрудник не найден'}
      data={list.map((c) => ({ value: c.accountId, label: personName(c) }))}
      value={list.some((c) => c.accountId === value) ? value : null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      error={error}
      onChange={(accountId) => {
        const picked = list.find((c) => c.accountId === accountId);
        if (picked) onPick(picked);
      }}
    />
  );
}

function SignCard({
  application,
  isSignatory,
  current,
  showAtFields,
}: {
  application: ApplicationView;
  isSignatory: boolean;
  current(): Promise<ApplicationView>;
  showAtFields(error: unknown): void;
}) {
  const remember = useRememberApplication();
  const certificates = useCertificates();
  const [handle, setHandle] = useState<string | null>(null);
  const [pending, setPending] = useState<{
    challenge: SignatureChallenge;
    certificate: SignerCertificate;
    revision: number;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = certificates.data ?? [];
  const selected = list.find((c) => c.handle === handle) ?? list.find((c) => c.info.subject.ogrn) ?? list[0];
  const s = application.content.signatory;

  const prepare = async () => {
    if (!selected) return setError(errorMessage('signature.no_keys'));
    setError(null);
    setBusy(true);
    try {
      const view = await current();
      const challenge = await requestApplicationChallenge(view.id, {
        revision: view.revision,
        certificate: toBase64(selected.info.der),
      });
      setPending({ challenge, certificate: selected, revision: view.revision });
    } catch (e) {
      showAtFields(e);
      setError(
        e instanceof ApiRequestError && e.fields.length ? fieldsSummary : errorMessage(errorCodeOf(e)),
      );
    } finally {
      setBusy(false);
    }
  };

  const sign = async (pin: string) => {
    let { challenge } = pending!;
    const { certificate, revision } = pending!;
    if (isStale(challenge))
      challenge = await requestApplicationChallenge(application.id, {
        revision,
        certificate: toBase64(certificate.info.der),
      });
    const signature = await signChallenge(challenge, certificate, pin);
    const view = await submitSignedApplication(application.id, {
      revision,
      challengeId: challenge.challengeId,
      signature,
    });
    setPending(null);
    remember(view);
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sign-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sign-title">
          Подписать электронной подписью
        </Title>
        {!isSignatory ? (
          <Text size="sm">
            {s?.lastName
              ? `Заявку подписывает ${personName({ lastName: s.lastName, firstName: s.firstName ?? '', middleName: s.middleName })} квалифицированной электронной подписью. Подписанту нужно войти как сотрудник организации и открыть эту заявку. Или распечатайте заявку и отправьте скан ниже.`
              : 'Укажите подписанта в форме заявки и сохраните черновик.'}
          </Text>
        ) : list.length === 0 ? (
          <Alert color="yellow" title="Нет сертификатов">
            {errorMessage('signature.no_keys')} Загрузите ключ на странице{' '}
            <Anchor component={Link} to="/signature/keys">
              Ключи и сертификаты
            </Anchor>
            .
          </Alert>
        ) : (
          <>
            <Text size="sm">
              Подпишите заявку сертификатом организации (в сертификате — ОГРН {application.organization.ogrn}
              ), выданным вам как подписанту.
            </Text>
            <Select
              label="Сертификат"
              data={list.map((c) => ({
                value: c.handle,
                label: `${c.info.subject.organization ?? c.info.subject.fullName ?? 'Сертификат'}, № ${c.info.serialNumber}`,
              }))}
              value={selected?.handle ?? null}
              onChange={setHandle}
              allowDeselect={false}
            />
            <FormMessage message={error} title="Заявка не подписана" />
            <Group>
              <Button onClick={prepare} loading={busy} w={{ base: '100%', xs: 'auto' }}>
                Подписать и отправить
              </Button>
            </Group>
          </>
        )}
      </Stack>
      {pending && (
        <PinDialog
          opened
          onClose={() => setPending(null)}
          title={`${formTitle[application.form]}: подписание`}
          statement={pending.challenge.text}
          certificate={pending.certificate}
          onSign={sign}
        />
      )}
    </Card>
  );
}

const MAX_SCAN_BYTES = Math.floor((MAX_SCAN_BASE64 * 3) / 4) - 3;

function ScanCard({
  application,
  current,
  showAtFields,
}: {
  application: ApplicationView;
  current(): Promise<ApplicationView>;
  showAtFields(error: unknown): void;
}) {
  const remember = useRememberApplication();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'print' | 'send' | null>(null);

  const fail = (e: unknown) => {
    showAtFields(e);
    setError(e instanceof ApiRequestError && e.fields.length ? fieldsSummary : errorMessage(errorCodeOf(e)));
  };
  const print = async () => {
    setError(null);
    setBusy('print');
    try {
      const view = await current();
      const pdf = await downloadApi(`/organization/applications/${view.id}/pdf`);
      downloadFile(pdf.name, pdf.bytes, pdf.type);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const send = async () => {
    setError(null);
    if (!file) return setError('Выберите файл со сканом подписанной заявки.');
    if (file.size > MAX_SCAN_BYTES) return setError(errorMessage('application.scan_too_large'));
    setBusy('send');
    try {
      const view = await current();
      const scan = toBase64(new Uint8Array(await file.arrayBuffer()));
      remember(await submitScan(view.id, { revision: view.revision, fileName: file.name, scan }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="scan-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="scan-title">
          Подписать на бумаге
        </Title>
        <Text size="sm">
          Распечатайте заявку, подпишите её у руководителя или заместителя по вопросам информатизации,
          заверьте печатью и отправьте скан (PDF, JPEG или PNG, не более 10 МБ).
        </Text>
        <Group>
          <Button
            variant="default"
            onClick={print}
            loading={busy === 'print'}
            w={{ base: '100%', xs: 'auto' }}
          >
            Распечатать заявку (PDF)
          </Button>
        </Group>
        <FileInput
          label="Скан подписанной заявки"
          accept="application/pdf,image/jpeg,image/png"
          value={file}
          onChange={setFile}
          clearable
        />
        <FormMessage message={error} title="Заявка не отправлена" />
        <Group>
          <Button onClick={send} loading={busy === 'send'} w={{ base: '100%', xs: 'auto' }}>
            Отправить скан
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
