import { Card, Group, NativeSelect, Radio, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { DateField, maskIssuerCode, maskSnils } from './fields';
import type { PersonalDataValues } from './personalDataForm';

type Form = UseFormReturnType<PersonalDataValues>;

/** An input's props from the form, with what the person types passed through a mask first. */
function masked(form: Form, path: string, mask: (value: string) => string) {
  return {
    ...form.getInputProps(path),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      form.setFieldValue(path, mask(e.currentTarget.value)),
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

export function NameSection({ form }: { form: Form }) {
  return (
    <Section title="ФИО и пол">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Фамилия" required autoComplete="family-name" {...form.getInputProps('lastName')} />
        <TextInput label="Имя" required autoComplete="given-name" {...form.getInputProps('firstName')} />
        <TextInput
          label="Отчество"
          description="Если есть"
          autoComplete="additional-name"
          {...form.getInputProps('middleName')}
        />
      </SimpleGrid>
      <Radio.Group label="Пол" required {...form.getInputProps('gender')}>
        <Group mt={6}>
          <Radio value="M" label="Мужской" />
          <Radio value="F" label="Женский" />
        </Group>
      </Radio.Group>
    </Section>
  );
}

export function BirthSection({ form }: { form: Form }) {
  return (
    <Section title="Рождение и гражданство">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label="Дата рождения" required {...form.getInputProps('birthDate')} />
        <NativeSelect
          label="Гражданство"
          required
          data={[{ value: 'RUS', label: 'Российская Федерация' }]}
          {...form.getInputProps('citizenship')}
          onChange={() => undefined}
        />
      </SimpleGrid>
      <TextInput
        label="Место рождения"
        description="Как в паспорте"
        required
        {...form.getInputProps('birthPlace')}
      />
    </Section>
  );
}

export function PassportSection({ form }: { form: Form }) {
  return (
    <Section title="Паспорт гражданина Российской Федерации">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <TextInput
          label="Серия"
          required
          inputMode="numeric"
          placeholder="0000"
          maxLength={5}
          {...masked(form, 'passport.series', (v) => v.replace(/[^\d\s]/g, ''))}
        />
        <TextInput
          label="Номер"
          required
          inputMode="numeric"
          placeholder="000000"
          maxLength={6}
          {...masked(form, 'passport.number', (v) => v.replace(/\D/g, ''))}
        />
        <DateField label="Дата выдачи" required {...form.getInputProps('passport.issueDate')} />
        <TextInput
          label="Код подразделения"
          required
          inputMode="numeric"
          placeholder="000-000"
          maxLength={7}
          {...masked(form, 'passport.issuerCode', maskIssuerCode)}
        />
      </SimpleGrid>
      <TextInput label="Кем выдан" required {...form.getInputProps('passport.issuedBy')} />
    </Section>
  );
}

export function SnilsSection({ form }: { form: Form }) {
  return (
    <Section title="СНИЛС">
      <TextInput
        label="Страховой номер индивидуального лицевого счёта"
        required
        inputMode="numeric"
        placeholder="000-000-000 00"
        maw={360}
        {...masked(form, 'snils', maskSnils)}
      />
    </Section>
  );
}
