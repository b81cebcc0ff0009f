import {
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  passwordDeliveries,
  passwordDeliveryLabels,
  workstationChildSchema,
  workstationConfirmationSchema,
  workstationDeletionSchema,
  workstationOperationLabels,
  workstationRecoverySchema,
  workstationRegistrationSchema,
  workstationUpgradeSchema,
  type WorkstationOperation,
  type WorkstationOperationResult,
  type WorkstationSearchResult,
} from '@openesia/contracts';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { DateField, maskSnils } from '../citizen/profile/fields';
import {
  BirthSection,
  NameSection,
  PassportSection,
  SnilsSection,
} from '../citizen/profile/PersonalDataSections';
import { inputFromValues, type PersonalDataValues } from '../citizen/profile/personalDataForm';
import { ruToIso } from '../citizen/profile/texts';
import { performOperation, useOnRefused } from './api';
import type { SearchValues } from './SearchForm';

type Papers = { applicationSigned: boolean; consentSigned: boolean };
const papers: Papers = { applicationSigned: false, consentSigned: false };
type Contacts = { contacts: { phone: string; email: string } };
type Delivery = { passwordDelivery: '' | (typeof passwordDeliveries)[number] };
type Seen = { documentSeries: string; documentNumber: string };
type AnyForm = UseFormReturnType<Record<string, unknown>>;

export interface OperationFormProps {
  operation: WorkstationOperation;
  /** the account found; null for a registration */
  result: WorkstationSearchResult | null;
  /** a registration though someone similar was found: «Причина» is required */
  withReason: boolean;
  /** what the operator searched by, to start the form from it */
  searched: SearchValues;
  onDone: (result: WorkstationOperationResult) => void;
  onCancel: () => void;
}

/** One form per operation of seed 003, each with the contract's schema of its request. */
export function OperationForm(props: OperationFormProps) {
  const title =
    props.operation === 'registration' && props.withReason
      ? 'Зарегистрировать новую учётную запись'
      : workstationOperationLabels[props.operation];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ra-operation-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={1} size="h3" id="ra-operation-title">
            {title}
          </Title>
          {props.result && (
            <Text size="sm" c="dimmed">
              Учётная запись: {props.result.name}
              {props.result.birthDate ? `, ${props.result.birthDate.split('-').reverse().join('.')}` : ''}
            </Text>
          )}
        </Stack>
        <FormFor {...props} />
      </Stack>
    </Card>
  );
}

function FormFor(props: OperationFormProps) {
  switch (props.operation) {
    case 'registration':
      return <RegistrationForm {...props} />;
    case 'upgrade':
      return <UpgradeForm {...props} />;
    case 'confirmation':
    case 'reconfirmation':
      return <ConfirmationForm {...props} />;
    case 'recovery':
      return <RecoveryForm {...props} />;
    case 'deletion':
      return <DeletionForm {...props} />;
    case 'add_child':
      return <ChildForm {...props} />;
  }
}

/** The shared parts of every operation's form: the form message, the signed papers, the buttons. */
function useOperationForm<V extends Record<string, unknown>, I>(
  props: OperationFormProps,
  options: {
    initialValues: V;
    schema: z.ZodType;
    toInput: (v: V) => I;
    check?: (input: I, values: V) => { path: string; code: string }[];
  },
) {
  const onRefused = useOnRefused();
  return useApiForm<V, I, WorkstationOperationResult>({
    ...options,
    submit: (input) => performOperation(props.operation, props.result?.accountId ?? null, input),
    onSuccess: props.onDone,
    onError: onRefused,
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });
}

function FormShell({
  form,
  formError,
  pending,
  onSubmit,
  onCancel,
  submitLabel = 'Выполнить',
  danger,
  children,
}: {
  form: AnyForm;
  formError: string | null;
  pending: boolean;
  onSubmit: (e?: React.FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  submitLabel?: string;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {children}
        <Card withBorder padding="md" bg="gray.0">
          <Stack gap="xs">
            <Text size="sm">
              Заявление и согласие заявитель подписывает собственноручно; после операции их можно напечатать
              повторно.
            </Text>
            <Checkbox
              label="Заявитель подписал заявление"
              {...form.getInputProps('applicationSigned', { type: 'checkbox' })}
            />
            <Checkbox
              label="Заявитель подписал согласие на обработку персональных данных"
              {...form.getInputProps('consentSigned', { type: 'checkbox' })}
            />
          </Stack>
        </Card>
        <FormMessage message={formError} title="Операция не выполнена" />
        <Group gap="sm">
          <Button type="submit" loading={pending} color={danger ? 'red' : undefined}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContactsFields({ form }: { form: AnyForm }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label="Мобильный телефон"
        inputMode="tel"
        placeholder="+7 900 000-00-00"
        autoComplete="off"
        {...form.getInputProps('contacts.phone')}
      />
      <TextInput
        label="E-mail"
        inputMode="email"
        autoComplete="off"
        {...form.getInputProps('contacts.email')}
      />
    </SimpleGrid>
  );
}

function DeliveryField({ form }: { form: AnyForm }) {
  return (
    <Radio.Group label="Способ выдачи пароля" required {...form.getInputProps('passwordDelivery')}>
      <Stack gap={6} mt={6}>
        {passwordDeliveries.map((d) => (
          <Radio key={d} value={d} label={passwordDeliveryLabels[d]} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function SeenFields({ form, title = 'Предъявленный паспорт' }: { form: AnyForm; title?: string }) {
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <TextInput
          label="Серия"
          required
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('documentSeries')}
        />
        <TextInput
          label="Номер"
          required
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('documentNumber')}
        />
      </SimpleGrid>
    </Stack>
  );
}

const seenFrom = (s: SearchValues): Seen => ({
  documentSeries: s.documentSeries,
  documentNumber: s.documentNumber,
});

function personalFrom(s: SearchValues): PersonalDataValues {
  return {
    lastName: s.lastName,
    firstName: s.firstName,
    middleName: s.middleName,
    gender: '',
    birthDate: s.birthDate,
    birthPlace: '',
    citizenship: 'RUS',
    passport: {
      series: s.documentSeries,
      number: s.documentNumber,
      issueDate: '',
      issuedBy: '',
      issuerCode: '',
    },
    snils: s.snils,
  };
}

function PersonalFields({ form }: { form: AnyForm }) {
  const f = form as unknown as UseFormReturnType<PersonalDataValues>;
  return (
    <>
      <NameSection form={f} />
      <BirthSection form={f} />
      <PassportSection form={f} />
      <SnilsSection form={f} />
    </>
  );
}

type RegistrationValues = PersonalDataValues & Contacts & Delivery & Papers & { similarReason: string };

function RegistrationForm(props: OperationFormProps) {
  const { searched, withReason } = props;
  const { form, mutation, formError, onSubmit } = useOperationForm(props, {
    initialValues: {
      ...personalFrom(searched),
      contacts: { phone: searched.phone, email: searched.email },
      passwordDelivery: '',
      similarReason: '',
      ...papers,
    } as RegistrationValues,
    schema: workstationRegistrationSchema,
    toInput: (v: RegistrationValues) => ({
      ...inputFromValues(v),
      contacts: v.contacts,
      passwordDelivery: v.passwordDelivery || undefined,
      similarReason: v.similarReason,
      applicationSigned: v.applicationSigned,
      consentSigned: v.consentSigned,
    }),
    check: (input) =>
      withReason && !input.similarReason.trim()
        ? [{ path: 'similarReason', code: 'workstation.similar_reason_required' }]
        : [],
  });
  const any = form as unknown as AnyForm;
  return (
    <FormShell
      form={any}
      formError={formError}
      pending={mutation.isPending}
      onSubmit={onSubmit}
      onCancel={props.onCancel}
    >
      {withReason && (
        <Textarea
          label="Причина"
          description="Почему регистрируется новая учётная запись, хотя найдены похожие"
          required
          rows={3}
          {...form.getInputProps('similarReason')}
        />
      )}
      <PersonalFields form={any} />
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Контакты и пароль
          </Title>
          <ContactsFields form={any} />
          <DeliveryField form={any} />
        </Stack>
      </Card>
    </FormShell>
  );
}

type UpgradeValues = PersonalDataValues & Papers;

function UpgradeForm(props: OperationFormProps) {
  const { form, mutation, formError, onSubmit } = useOperationForm(props, {
    initialValues: { ...personalFrom(props.searched), ...papers } as UpgradeValues,
    schema: workstationUpgradeSchema,
    toInput: (v: UpgradeValues) => ({
      ...inputFromValues(v),
      applicationSigned: v.applicationSigned,
      consentSigned: v.consentSigned,
    }),
  });
  const any = form as unknown as AnyForm;
  return (
    <FormShell
      form={any}
      formError={formError}
      pending={mutation.isPending}
      onSubmit={onSubmit}
      onCancel={props.onCancel}
    >
      <Text size="sm">Введите личные данные по предъявленным документам.</Text>
      <PersonalFields form={any} />
    </FormShell>
  );
}

type SeenValues = Seen & Papers;

function ConfirmationForm(props: OperationFormProps) {
  const { form, mutation, formError, onSubmit } = useOperationForm(props, {
    initialValues: { ...seenFrom(props.searched), ...papers } as SeenValues,
    schema: workstationConfirmationSchema,
    toInput: (v: SeenValues) => v,
  });
  const any = form as unknown as AnyForm;
  return (
    <FormShell
      form={any}
      formError={formError}
      pending={mutation.isPending}
      onSubmit={onSubmit}
      onCancel={props.onCancel}
    >
      <Text size="sm">
        Сверьте паспорт заявителя с личными данными учётной записи и введите серию и номер предъявленного
        паспорта.
      </Text>
      <SeenFields form={any} />
    </FormShell>
  );
}

type RecoveryValues = Seen & Contacts & Delivery & Papers;

function RecoveryForm(props: OperationFormProps) {
  const { searched } = props;
  const { form, mutation, formError, onSubmit } = useOperationForm(props, {
    initialValues: {
      ...seenFrom(searched),
      contacts: { phone: searched.phone, email: searched.email },
      passwordDelivery: '',
      ...papers,
    } as RecoveryValues,
    schema: workstationRecoverySchema,
    toInput: (v: RecoveryValues) => ({ ...v, passwordDelivery: v.passwordDelivery || undefined }),
  });
  const any = form as unknown as AnyForm;
  return (
    <FormShell
      form={any}
      formError={formError}
      pending={mutation.isPending}
      onSubmit={onSubmit}
      onCancel={props.onCancel}
    >
      <SeenFields form={any} />
      <Stack gap={4}>
        <Text fw={600} size="sm">
          Новые контакты
        </Text>
        <ContactsFields form={any} />
      </Stack>
      <DeliveryField form={any} />
    </FormShell>
  );
}

type DeletionValues = Seen & Papers & { reason: string };

function DeletionForm(props: OperationFormProps) {
  const [confirming, setConfirming] = useState(false);
  const { form, mutation, formError, onSubmit } = useOperationForm(props, {
    initialValues: { ...seenFrom(props.searched), reason: '', ...papers } as DeletionValues,
    schema: workstationDeletionSchema,
    toInput: (v: DeletionValues) => v,
  });
  const any = form as unknown as AnyForm;
  // «Удалить» first checks the form, then asks; only the modal's button sends.
  const ask = (e?: React.FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    if (!form.validate().hasErrors) setConfirming(true);
  };
  return (
    <>
      <FormShell
        form={any}
        formError={formError}
        pending={mutation.isPending}
        onSubmit={ask}
        onCancel={props.onCancel}
        submitLabel="Удалить"
        danger
      >
        <SeenFields form={any} />
        <Textarea
          label="Причина (из письменного заявления)"
          required
          rows={3}
          {...form.getInputProps('reason')}
        />
      </FormShell>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Удалить учётную запись?"
        centered
      >
        <Stack>
          <Text>Действие необратимо: учётная запись и её данные будут удалены.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Отмена
            </Button>
            <Button
              color="red"
              loading={mutation.isPending}
              onClick={() => {
                setConfirming(false);
                onSubmit();
              }}
            >
              Удалить
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

type ChildValues = Seen &
  Papers & {
    child: {
      lastName: string;
      firstName: string;
      middleName: string;
      gender: '' | 'M' | 'F';
      birthDate: string;
      birthCertificate: { series: string; number: string; issueDate: string; issuedBy: string };
      snils: string;
    };
  };

function ChildForm(props: OperationFormProps) {
  const { form, mutation, formError, onSubmit } = useOperationForm(props, {
    initialValues: {
      ...seenFrom(props.searched),
      child: {
        lastName: '',
        firstName: '',
        middleName: '',
        gender: '',
        birthDate: '',
        birthCertificate: { series: '', number: '', issueDate: '', issuedBy: '' },
        snils: '',
      },
      ...papers,
    } as ChildValues,
    schema: workstationChildSchema,
    toInput: (v: ChildValues) => ({
      ...v,
      child: {
        ...v.child,
        gender: v.child.gender || undefined,
        birthDate: ruToIso(v.child.birthDate),
        birthCertificate: {
          ...v.child.birthCertificate,
          issueDate: ruToIso(v.child.birthCertificate.issueDate),
        },
      },
    }),
  });
  const any = form as unknown as AnyForm;
  return (
    <FormShell
      form={any}
      formError={formError}
      pending={mutation.isPending}
      onSubmit={onSubmit}
      onCancel={props.onCancel}
    >
      <SeenFields form={any} title="Паспорт родителя" />
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Ребёнок
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Фамилия" required {...form.getInputProps('child.lastName')} />
            <TextInput label="Имя" required {...form.getInputProps('child.firstName')} />
            <TextInput label="Отчество" description="Если есть" {...form.getInputProps('child.middleName')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Radio.Group label="Пол" required {...form.getInputProps('child.gender')}>
              <Group mt={6}>
                <Radio value="M" label="Мужской" />
                <Radio value="F" label="Женский" />
              </Group>
            </Radio.Group>
            <DateField label="Дата рождения" required {...form.getInputProps('child.birthDate')} />
          </SimpleGrid>
          <Text fw={600} size="sm">
            Свидетельство о рождении
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TextInput
              label="Серия"
              required
              placeholder="IV-ОД"
              {...form.getInputProps('child.birthCertificate.series')}
            />
            <TextInput
              label="Номер"
              required
              inputMode="numeric"
              maxLength={6}
              {...form.getInputProps('child.birthCertificate.number')}
            />
            <DateField
              label="Дата выдачи"
              required
              {...form.getInputProps('child.birthCertificate.issueDate')}
            />
          </SimpleGrid>
          <TextInput label="Кем выдано" required {...form.getInputProps('child.birthCertificate.issuedBy')} />
          <TextInput
            label="СНИЛС"
            description="Если есть"
            inputMode="numeric"
            placeholder="000-000-000 00"
            maw={360}
            {...form.getInputProps('child.snils')}
            onChange={(e) => form.setFieldValue('child.snils', maskSnils(e.currentTarget.value))}
          />
        </Stack>
      </Card>
    </FormShell>
  );
}
