import { Checkbox, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  organizationTypeLabels,
  organizationTypes,
  regions,
  type OrganizationDetails,
} from '@openesia/contracts';

/** What the person enters of the organization (seed 000, section 2): the rest comes from the certificate. */
export interface DetailsValues {
  shortName: string;
  type: string | null;
  regionCode: string | null;
  legalAddress: string;
  postalAddress: string;
  sameAddress: boolean;
  phone: string;
  email: string;
  kpp: string;
}

export const emptyDetails: DetailsValues = {
  shortName: '',
  type: null,
  regionCode: null,
  legalAddress: '',
  postalAddress: '',
  sameAddress: false,
  phone: '',
  email: '',
  kpp: '',
};

export function detailsOf(v: DetailsValues): OrganizationDetails {
  return {
    shortName: v.shortName,
    type: (v.type ?? undefined) as OrganizationDetails['type'],
    regionCode: (v.regionCode ?? undefined) as OrganizationDetails['regionCode'],
    legalAddress: v.legalAddress,
    postalAddress: v.sameAddress ? v.legalAddress : v.postalAddress,
    phone: v.phone,
    email: v.email,
    ...(v.kpp.trim() ? { kpp: v.kpp } : {}),
  };
}

const typeOptions = organizationTypes.map((t) => ({ value: t, label: organizationTypeLabels[t] }));
/** Every субъект РФ with its code, searchable by either. */
const regionOptions = regions.map(([code, name]) => ({ value: code, label: `${code} — ${name}` }));

/**
 * The organization's fields; `prefix` is where they sit in the form's values ('details.' in the
 * registration, whose request nests them), so the server's field codes land at their fields.
 */
export function DetailsFields<V>({
  form,
  prefix,
  askKpp,
}: {
  form: UseFormReturnType<V>;
  prefix: '' | 'details.';
  /** the certificate had no КПП: the person may enter one */
  askKpp?: boolean;
}) {
  const input = (name: keyof DetailsValues) => form.getInputProps(`${prefix}${name}` as never);
  const same = (form.getValues() as Record<string, unknown>)[prefix ? 'details' : 'sameAddress'];
  const sameAddress = prefix ? (same as DetailsValues).sameAddress : Boolean(same);
  return (
    <Stack>
      <TextInput label="Краткое наименование" {...input('shortName')} required maxLength={255} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Тип организации"
          placeholder="Выберите тип"
          data={typeOptions}
          {...input('type')}
          required
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Регион"
          placeholder="Начните вводить название или код"
          data={regionOptions}
          {...input('regionCode')}
          searchable
          nothingFoundMessage="Регион не найден"
          required
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      {askKpp && (
        <TextInput label="КПП" description="Если есть: 9 цифр" {...input('kpp')} inputMode="numeric" />
      )}
      <Textarea
        label="Юридический адрес"
        {...input('legalAddress')}
        required

        rows={2}
        maxLength={500}
      />
      <Checkbox
        label="Совпадает с юридическим"
        {...form.getInputProps(`${prefix}sameAddress` as never, { type: 'checkbox' })}
      />
      {!sameAddress && (
        <Textarea
          label="Почтовый адрес"
          {...input('postalAddress')}
          required

          rows={2}
          maxLength={500}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Телефон" {...input('phone')} required type="tel" autoComplete="tel" />
        <TextInput label="Электронная почта" {...input('email')} required type="email" autoComplete="email" />
      </SimpleGrid>
    </Stack>
  );
}
