import {
  Alert,
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
  organizationTypeLabels,
  organizationTypes,
  regions,
  testCaIssuedSchema,
  testCaLegalEntityRequestSchema,
  type OrganizationType,
  type RegionCode,
  type TestCaLegalEntityRequest,
} from '@openesia/contracts';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { readContainer, type StoredContainer } from '../../signature';
import { fromBase64 } from '../../signature/bytes';
import { download, fileBaseName, saveDraft, useInvalidate } from './keys';
import { pinErrors } from './LoadContainer';
import { PinFields } from './PinFields';
import { useCheckedPerson } from './TestCertificateAuthority';

const typeOptions = organizationTypes.map((t) => ({ value: t, label: organizationTypeLabels[t] }));
const regionOptions = regions.map(([code, name]) => ({ value: code, label: `${code} — ${name}` }));

/**
 * «Сертификат руководителя организации» (demo mode): the test CA's qualified certificate of a legal
 * entity's head, on the signed-in person's checked ФИО and СНИЛС, for a new organization the person
 * describes — the simulated ЕГРЮЛ learns it, so «+ Добавить организацию» can then be tried with it.
 */
export function LegalEntityTestCertificate() {
  const invalidate = useInvalidate();
  const person = useCheckedPerson(true);
  const [issued, setIssued] = useState<StoredContainer | null>(null);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: {
      organization: {
        kind: 'new' as const,
        fullName: '',
        shortName: '',
        type: '' as OrganizationType | '',
        regionCode: '' as RegionCode | '',
        position: 'Руководитель',
      },
      pin: '',
      repeat: '',
    },
    toInput: (v): TestCaLegalEntityRequest => ({
      algorithm: 'gost2012_256',
      pin: v.pin,
      organization: {
        ...v.organization,
        type: v.organization.type as OrganizationType,
        regionCode: v.organization.regionCode as RegionCode,
      },
    }),
    schema: testCaLegalEntityRequestSchema,
    check: (_, v) => pinErrors(v.pin, v.repeat),
    submit: async (input) => {
      setIssued(null);
      const result = await api.post('/test-ca/legal-entity-certificate', input, testCaIssuedSchema);
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
  if (person.status !== 'checked') return null;
  const input = (name: 'fullName' | 'shortName' | 'type' | 'regionCode' | 'position') =>
    form.getInputProps(`organization.${name}`);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="test-ca-legal-entity-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Group gap="xs">
            <Title order={2} size="h3" id="test-ca-legal-entity-title">
              Сертификат руководителя организации
            </Title>
            <Badge color="grape" variant="light">
              Демонстрационный режим
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Тестовый УЦ выдаёт квалифицированный сертификат руководителя юридического лица (с ОГРН и ИНН
            организации) на ваши проверенные ФИО и СНИЛС. Организация заносится в демонстрационный ЕГРЮЛ с
            вами как руководителем — с этим сертификатом её можно зарегистрировать через «+ Добавить
            организацию» на личной странице.
          </Text>
          <TextInput label="Руководитель" value={person.fullName} readOnly />
          <TextInput
            label="Полное наименование организации"
            {...input('fullName')}
            required
            maxLength={250}
          />
          <TextInput
            label="Краткое наименование организации"
            {...input('shortName')}
            required
            maxLength={255}
          />
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
          <TextInput label="Должность руководителя" {...input('position')} required maxLength={120} />
          <PinFields
            pin={form.values.pin}
            repeat={form.values.repeat}
            onPin={(v) => form.setFieldValue('pin', v)}
            onRepeat={(v) => form.setFieldValue('repeat', v)}
            errors={{ pin: form.errors.pin as string, repeat: form.errors.repeat as string }}
          />
          <FormMessage message={formError} title="Сертификат не выдан" />
          {issued && (
            <Alert color="green" role="status" title="Сертификат руководителя выдан">
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
          <div>
            <Button type="submit" loading={mutation.isPending}>
              Получить сертификат руководителя
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
