import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  organizationContactsSchema,
  organizationDetailsSchema,
  organizationTypeLabels,
  type OrganizationProfile,
} from '@openesia/contracts';
import { useState } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { useRefreshFromRegister, useResubmit, useRetryCheck, useUpdateContacts } from './api';
import { DetailsFields, detailsOf, type DetailsValues } from './DetailsFields';
import type { Abilities } from './abilities';
import { Field, StatusReason, personName, regionLabel } from './texts';

/** «Данные»: the status of the registration, the register's data and the contacts. */
export function DataTab({ organization: o, can }: { organization: OrganizationProfile; can: Abilities }) {
  const refresh = useRefreshFromRegister();
  const [refreshed, setRefreshed] = useState(false);
  return (
    <Stack gap="lg">
      <StatusBanner organization={o} can={can} />
      <Card withBorder padding="lg" component="section" aria-labelledby="register-title">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="register-title">
              Сведения ЕГРЮЛ
            </Title>
            {can.manage && o.status === 'registered' && (
              <Button
                variant="light"
                onClick={() => {
                  setRefreshed(false);
                  refresh.mutate(undefined, { onSuccess: () => setRefreshed(true) });
                }}
                loading={refresh.isPending}
              >
                Обновить из ЕГРЮЛ
              </Button>
            )}
          </Group>
          {refresh.isError && (
            <Alert color="red" role="alert">
              {errorMessage(errorCodeOf(refresh.error))}
            </Alert>
          )}
          {refreshed && (
            <Alert color="green" role="status">
              Сведения обновлены из ЕГРЮЛ.
            </Alert>
          )}
          <Field label="Полное наименование" value={o.fullName} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label="ОГРН" value={o.ogrn} />
            <Field label="ИНН" value={o.inn} />
            <Field label="КПП" value={o.kpp} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label="Руководитель" value={personName(o.head)} />
            <Field label="Должность руководителя" value={o.head.position} />
            <Field label="Тип организации" value={organizationTypeLabels[o.type]} />
            <Field label="Регион" value={regionLabel(o.regionCode)} />
            <Field label="Дата проверки в ЕГРЮЛ" value={formatDate(o.checkedAt)} />
            <Field label="Дата регистрации" value={formatDate(o.registeredAt)} />
          </SimpleGrid>
        </Stack>
      </Card>
      <Contacts organization={o} can={can} />
    </Stack>
  );
}

function StatusBanner({ organization: o, can }: { organization: OrganizationProfile; can: Abilities }) {
  const retry = useRetryCheck(o.id);
  switch (o.status) {
    case 'checking':
      return (
        <Alert color="blue" title="Проверка в ЕГРЮЛ">
          <Group gap="xs" wrap="nowrap" role="status">
            <Loader size="xs" aria-hidden />
            <Text size="sm">
              Выполняется проверка данных организации и руководителя в Федеральной налоговой службе. О
              результате мы сообщим по электронной почте.
            </Text>
          </Group>
        </Alert>
      );
    case 'awaiting_regional_operator':
      return (
        <Alert color="yellow" title="На проверке у регионального оператора">
          Проверка в ЕГРЮЛ пройдена. Организация будет включена в регистр государственных (муниципальных)
          органов (организаций) после подтверждения заявки региональным оператором.
        </Alert>
      );
    case 'check_failed':
      return (
        <Alert color="orange" title="Ошибка проверки: ЕГРЮЛ не ответил">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Федеральная налоговая служба не ответила на запрос. Повторите проверку.</Text>
            {can.manage && (
              <Button size="xs" onClick={() => retry.mutate()} loading={retry.isPending}>
                Повторить проверку
              </Button>
            )}
            {retry.isError && (
              <Text size="sm" c="red.8" role="alert">
                {errorMessage(errorCodeOf(retry.error))}
              </Text>
            )}
          </Stack>
        </Alert>
      );
    case 'rejected':
      return (
        <Alert color="red" title="Отказано в регистрации">
          <StatusReason status={o.status} refusal={o.refusal} returnReason={o.returnReason} />
        </Alert>
      );
    case 'returned':
      return (
        <Stack gap="md">
          <Alert color="orange" title="Возвращена региональным оператором">
            <StatusReason status={o.status} refusal={o.refusal} returnReason={o.returnReason} />
            <Text size="sm" mt={4}>
              Исправьте данные и отправьте заявку повторно.
            </Text>
          </Alert>
          {can.manage && <ResubmitForm organization={o} />}
        </Stack>
      );
    default:
      return null;
  }
}

function ResubmitForm({ organization: o }: { organization: OrganizationProfile }) {
  const resubmit = useResubmit(o.id);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: {
      shortName: o.shortName,
      type: o.type as string | null,
      regionCode: o.regionCode as string | null,
      legalAddress: o.legalAddress,
      postalAddress: o.postalAddress,
      sameAddress: o.legalAddress === o.postalAddress,
      phone: o.phone,
      email: o.email,
      kpp: '',
    } satisfies DetailsValues,
    schema: organizationDetailsSchema,
    toInput: detailsOf,
    submit: (details) => resubmit.mutateAsync(details),
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="resubmit-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2} size="h4" id="resubmit-title">
            Исправление заявки
          </Title>
          <DetailsFields form={form} prefix="" />
          <FormMessage message={formError} />
          <div>
            <Button type="submit" loading={mutation.isPending}>
              Отправить повторно
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

function Contacts({ organization: o, can }: { organization: OrganizationProfile; can: Abilities }) {
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="contacts-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="contacts-title">
            Контактные данные
          </Title>
          {can.manage && !editing && (
            <Button variant="light" onClick={() => setEditing(true)}>
              Изменить
            </Button>
          )}
        </Group>
        {editing ? (
          <ContactsForm organization={o} onDone={() => setEditing(false)} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label="Краткое наименование" value={o.shortName} />
            <Field label="Телефон" value={o.phone} />
            <Field label="Юридический адрес" value={o.legalAddress} />
            <Field label="Почтовый адрес" value={o.postalAddress} />
            <Field label="Электронная почта" value={o.email} />
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

function ContactsForm({ organization: o, onDone }: { organization: OrganizationProfile; onDone(): void }) {
  const update = useUpdateContacts();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: {
      shortName: o.shortName,
      legalAddress: o.legalAddress,
      postalAddress: o.postalAddress,
      phone: o.phone,
      email: o.email,
      revision: o.revision,
    },
    schema: organizationContactsSchema,
    submit: (body) => update.mutateAsync(body),
    onSuccess: onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Краткое наименование" {...form.getInputProps('shortName')} required />
        <Textarea
          label="Юридический адрес"
          {...form.getInputProps('legalAddress')}
          required

          rows={2}
        />
        <Textarea
          label="Почтовый адрес"
          {...form.getInputProps('postalAddress')}
          required

          rows={2}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Телефон" {...form.getInputProps('phone')} required type="tel" />
          <TextInput label="Электронная почта" {...form.getInputProps('email')} required type="email" />
        </SimpleGrid>
        <FormMessage message={formError} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Сохранить
          </Button>
          <Button variant="default" onClick={onDone}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
