import {
  Button,
  Card,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import {
  identityDocumentLabels,
  workstationSearchSchema,
  type WorkstationSearchAnswer,
  type WorkstationSearchInput,
} from '@openesia/contracts';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { DateField, maskSnils } from '../citizen/profile/fields';
import { ruToIso } from '../citizen/profile/texts';
import { search, useOnRefused } from './api';

export type SearchValues = {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  documentType: 'passport_rf';
  documentSeries: string;
  documentNumber: string;
  snils: string;
  phone: string;
  email: string;
};

export const emptySearch: SearchValues = {
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  documentType: 'passport_rf',
  documentSeries: '',
  documentNumber: '',
  snils: '',
  phone: '',
  email: '',
};

/** The request: the date as the API wants it, the document's kind only with its series or number. */
export function searchInput(v: SearchValues): WorkstationSearchInput {
  return {
    ...v,
    birthDate: v.birthDate ? ruToIso(v.birthDate) : '',
    documentType: v.documentSeries || v.documentNumber ? v.documentType : undefined,
  };
}

/**
 * «Поиск» (seed 003, appendix 2): before any operation the operator looks the citizen up by what
 * the citizen brought — ФИО with the birth date, the document, СНИЛС, the phone, the e-mail.
 * Every kind is an exact key, whole or absent; the server says which one is half-filled.
 */
export function SearchForm({
  initial,
  onFound,
}: {
  initial: SearchValues;
  onFound: (answer: WorkstationSearchAnswer, values: SearchValues) => void;
}) {
  const onRefused = useOnRefused();
  const { form, mutation, formError, onSubmit } = useApiForm<
    SearchValues,
    WorkstationSearchInput,
    WorkstationSearchAnswer
  >({
    initialValues: initial,
    schema: workstationSearchSchema,
    toInput: searchInput,
    submit: search,
    onSuccess: (answer): void => onFound(answer, form.getValues()),
    onError: onRefused,
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ra-search-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h3" id="ra-search-title">
            Поиск
          </Title>
          <FormMessage message={formError} title="Поиск не выполнен" />
          <Fieldset legend="ФИО и дата рождения" variant="filled">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <TextInput label="Фамилия" autoComplete="off" {...form.getInputProps('lastName')} />
              <TextInput label="Имя" autoComplete="off" {...form.getInputProps('firstName')} />
              <TextInput label="Отчество" autoComplete="off" {...form.getInputProps('middleName')} />
              <DateField label="Дата рождения" {...form.getInputProps('birthDate')} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend="Документ, удостоверяющий личность" variant="filled">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label="Вид документа"
                data={Object.entries(identityDocumentLabels).map(([value, label]) => ({ value, label }))}
                {...form.getInputProps('documentType')}
              />
              <TextInput
                label="Серия"
                inputMode="numeric"
                autoComplete="off"
                {...form.getInputProps('documentSeries')}
              />
              <TextInput
                label="Номер"
                inputMode="numeric"
                autoComplete="off"
                {...form.getInputProps('documentNumber')}
              />
            </SimpleGrid>
          </Fieldset>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="СНИЛС"
              inputMode="numeric"
              placeholder="000-000-000 00"
              autoComplete="off"
              {...form.getInputProps('snils')}
              onChange={(e) => form.setFieldValue('snils', maskSnils(e.currentTarget.value))}
            />
            <TextInput
              label="Мобильный телефон"
              inputMode="tel"
              placeholder="+7 900 000-00-00"
              autoComplete="off"
              {...form.getInputProps('phone')}
            />
            <TextInput
              label="Электронная почта"
              inputMode="email"
              autoComplete="off"
              {...form.getInputProps('email')}
            />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit" loading={mutation.isPending}>
              Найти
            </Button>
            <Button variant="default" onClick={() => form.setValues(emptySearch)}>
              Очистить
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
