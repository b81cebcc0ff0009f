import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { personalDataInputSchema, type PersonalDataInput, type PersonalDataView } from '@openesia/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiRequestError } from '../../../api/client';
import { useSession } from '../../../api/session';
import { errorMessage } from '../../../i18n/ru';
import { personalDataKey, usePersonalData, useRefreshAccount } from './api';
import { DateField, issuesToErrors, maskIssuerCode, maskSnils, type FieldErrors } from './fields';
import { SimulatorHint } from './SimulatorHint';
import { checkFailureText, formatDateTime, isoToRu, ruToIso } from './texts';
import { useQueryClient } from '@tanstack/react-query';

interface FormState {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: '' | 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: 'RUS';
  series: string;
  number: string;
  issueDate: string;
  issuedBy: string;
  issuerCode: string;
  snils: string;
}

function fromView(
  view: PersonalDataView,
  fallback: { lastName: string; firstName: string; middleName: string | null },
): FormState {
  const d = view.data;
  return {
    lastName: d?.lastName ?? fallback.lastName,
    firstName: d?.firstName ?? fallback.firstName,
    middleName: d?.middleName ?? fallback.middleName ?? '',
    gender: d?.gender ?? '',
    birthDate: d ? isoToRu(d.birthDate) : '',
    birthPlace: d?.birthPlace ?? '',
    citizenship: 'RUS',
    series: d?.passport.series ?? '',
    number: d?.passport.number ?? '',
    issueDate: d ? isoToRu(d.passport.issueDate) : '',
    issuedBy: d?.passport.issuedBy ?? '',
    issuerCode: d?.passport.issuerCode ?? '',
    snils: d ? maskSnils(d.snils) : '',
  };
}

function toInput(f: FormState): PersonalDataInput {
  return {
    lastName: f.lastName,
    firstName: f.firstName,
    middleName: f.middleName,
    gender: (f.gender || undefined) as PersonalDataInput['gender'],
    birthDate: ruToIso(f.birthDate),
    birthPlace: f.birthPlace,
    citizenship: f.citizenship,
    passport: {
      series: f.series,
      number: f.number,
      issueDate: ruToIso(f.issueDate),
      issuedBy: f.issuedBy,
      issuerCode: f.issuerCode,
    },
    snils: f.snils,
  };
}

function VerificationStatus({ view }: { view: PersonalDataView }) {
  const v = view.verification;
  if (v.state === 'not_started') {
    return (
      <Alert color="blue" variant="light" title="Заполните личные данные">
        Данные заполняются внимательно, как в паспорте. После нажатия «Сохранить» они отправятся на
        автоматическую проверку в Социальный фонд России (СНИЛС) и МВД России (паспорт).
      </Alert>
    );
  }
  if (v.state === 'in_progress') {
    return (
      <Alert
        color="blue"
        variant="light"
        title="Выполняется проверка"
        icon={<Loader size="xs" aria-hidden />}
        role="status"
      >
        Данные отправлены {formatDateTime(v.submittedAt)} на проверку в СФР и МВД. Обычно это занимает
        несколько минут; результат придёт по СМС или на электронную почту. Изменить данные можно после
        завершения проверки.
      </Alert>
    );
  }
  if (v.state === 'passed') {
    return (
      <Alert color="green" variant="light" title="Проверка пройдена" role="status">
        Личные данные подтверждены СФР и МВД {formatDateTime(v.completedAt)}.{' '}
        <Anchor component={Link} to="/profile/confirm">
          Подтвердите личность
        </Anchor>
        , чтобы получить доступ ко всем услугам.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="Ошибка проверки" role="alert">
      <Stack gap="xs">
        {v.failureReasons.map((r) => (
          <div key={r}>
            <Text fw={700} size="sm">
              {checkFailureText[r]?.title ?? errorMessage(r)}
            </Text>
            <Text size="sm">{checkFailureText[r]?.action}</Text>
          </div>
        ))}
        <Text size="sm">Исправьте данные и нажмите «Сохранить», чтобы отправить их на проверку снова.</Text>
      </Stack>
    </Alert>
  );
}

/** «Личные данные» (seed 000, section 1, step 2). */
export function PersonalDataPage() {
  const session = useSession();
  const view = usePersonalData();
  const refreshAccount = useRefreshAccount();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const previousState = useRef<string | undefined>(undefined);
  const account = session.data?.account;

  useEffect(() => {
    if (view.data && account && (form === null || previousState.current !== view.data.verification.state))
      setForm(fromView(view.data, account));
    const state = view.data?.verification.state;
    // The checks ended: the level may have changed, so the header and the personal page refresh.
    if (previousState.current === 'in_progress' && state && state !== 'in_progress') void refreshAccount();
    previousState.current = state;
  }, [view.data, account]);

  if (view.isPending || !form) return <Loader aria-label="Загрузка" />;
  if (view.isError) return <Alert color="red">{errorMessage((view.error as any).code ?? 'internal')}</Alert>;

  const editable = view.data.editable;
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm({ ...form, [key]: value });
  const err = (path: string) => (errors[path] ? errorMessage(errors[path]) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const input = toInput(form);
    const parsed = personalDataInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      setFormError('Проверьте поля, отмеченные красным.');
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await api.put<PersonalDataView>('/me/personal-data', input);
      queryClient.setQueryData(personalDataKey, saved);
      void refreshAccount();
      notifications.show({
        color: 'blue',
        message:
          saved.verification.state === 'in_progress'
            ? 'Данные сохранены и отправлены на проверку'
            : 'Данные сохранены',
      });
    } catch (error) {
      if (error instanceof ApiRequestError) {
        const fields: FieldErrors = {};
        for (const f of error.fields) fields[f.path] = f.code;
        setErrors(fields);
        setFormError(
          error.code === 'validation.failed'
            ? 'Проверьте поля, отмеченные красным.'
            : errorMessage(error.code),
        );
      } else {
        setFormError(errorMessage('internal'));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/profile" size="sm">
          ← Личный кабинет
        </Anchor>
        <Title order={1}>Личные данные</Title>
      </Stack>
      <VerificationStatus view={view.data} />
      {editable && <SimulatorHint />}
      <form onSubmit={submit} noValidate aria-describedby={formError ? 'form-error' : undefined}>
        <fieldset disabled={!editable || saving} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  ФИО и пол
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    label="Фамилия"
                    required
                    autoComplete="family-name"
                    value={form.lastName}
                    onChange={(e) => set('lastName', e.currentTarget.value)}
                    error={err('lastName')}
                  />
                  <TextInput
                    label="Имя"
                    required
                    autoComplete="given-name"
                    value={form.firstName}
                    onChange={(e) => set('firstName', e.currentTarget.value)}
                    error={err('firstName')}
                  />
                  <TextInput
                    label="Отчество"
                    description="Если есть"
                    autoComplete="additional-name"
                    value={form.middleName}
                    onChange={(e) => set('middleName', e.currentTarget.value)}
                    error={err('middleName')}
                  />
                </SimpleGrid>
                <Radio.Group
                  label="Пол"
                  required
                  value={form.gender}
                  onChange={(v) => set('gender', v as FormState['gender'])}
                  error={err('gender')}
                >
                  <Group mt={6}>
                    <Radio value="M" label="Мужской" />
                    <Radio value="F" label="Женский" />
                  </Group>
                </Radio.Group>
              </Stack>
            </Card>

            <Card withBorder padding="lg">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Рождение и гражданство
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <DateField
                    label="Дата рождения"
                    required
                    value={form.birthDate}
                    onChange={(v) => set('birthDate', v)}
                    error={err('birthDate')}
                  />
                  <NativeSelect
                    label="Гражданство"
                    required
                    data={[{ value: 'RUS', label: 'Российская Федерация' }]}
                    value={form.citizenship}
                    onChange={() => undefined}
                    error={err('citizenship')}
                  />
                </SimpleGrid>
                <TextInput
                  label="Место рождения"
                  description="Как в паспорте"
                  required
                  value={form.birthPlace}
                  onChange={(e) => set('birthPlace', e.currentTarget.value)}
                  error={err('birthPlace')}
                />
              </Stack>
            </Card>

            <Card withBorder padding="lg">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Паспорт гражданина Российской Федерации
                </Title>
                <SimpleGrid cols={{ base: 2, sm: 4 }}>
                  <TextInput
                    label="Серия"
                    required
                    inputMode="numeric"
                    placeholder="0000"
                    maxLength={5}
                    value={form.series}
                    onChange={(e) => set('series', e.currentTarget.value.replace(/[^\d\s]/g, ''))}
                    error={err('passport.series')}
                  />
                  <TextInput
                    label="Номер"
                    required
                    inputMode="numeric"
                    placeholder="000000"
                    maxLength={6}
                    value={form.number}
                    onChange={(e) => set('number', e.currentTarget.value.replace(/\D/g, ''))}
                    error={err('passport.number')}
                  />
                  <DateField
                    label="Дата выдачи"
                    required
                    value={form.issueDate}
                    onChange={(v) => set('issueDate', v)}
                    error={err('passport.issueDate')}
                  />
                  <TextInput
                    label="Код подразделения"
                    required
                    inputMode="numeric"
                    placeholder="000-000"
                    maxLength={7}
                    value={form.issuerCode}
                    onChange={(e) => set('issuerCode', maskIssuerCode(e.currentTarget.value))}
                    error={err('passport.issuerCode')}
                  />
                </SimpleGrid>
                <TextInput
                  label="Кем выдан"
                  required
                  value={form.issuedBy}
                  onChange={(e) => set('issuedBy', e.currentTarget.value)}
                  error={err('passport.issuedBy')}
                />
              </Stack>
            </Card>

            <Card withBorder padding="lg">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  СНИЛС
                </Title>
                <TextInput
                  label="Страховой номер индивидуального лицевого счёта"
                  required
                  inputMode="numeric"
                  placeholder="000-000-000 00"
                  maw={360}
                  value={form.snils}
                  onChange={(e) => set('snils', maskSnils(e.currentTarget.value))}
                  error={err('snils')}
                />
              </Stack>
            </Card>

            {formError && (
              <Alert color="red" id="form-error" role="alert">
                {formError}
              </Alert>
            )}
            {editable && (
              <Group>
                <Button type="submit" loading={saving}>
                  Сохранить
                </Button>
                <Text size="sm" c="dimmed">
                  Данные будут отправлены на проверку в СФР и МВД.
                </Text>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Stack>
  );
}
