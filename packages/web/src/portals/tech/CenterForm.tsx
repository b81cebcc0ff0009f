import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
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
  accessibilityFeatureLabels,
  accessibilityFeatures,
  centerCreateSchema,
  centerServiceLabels,
  centerServices,
  centerStatusLabels,
  centerUpdateSchema,
  regions,
  type CenterCreate,
  type CenterService,
  type CenterUpdate,
  type CenterView,
} from '@openesia/contracts';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { createCenter, updateCenter } from './api';
import { centerInput, type CenterFormType, type CenterFormValues } from './centerForm';
import { ExceptionDays, WeeklyHours } from './HoursFields';
import { LocationField } from './LocationField';
import { MissingForActivation } from './texts';
import { regionZones, zoneLabel } from './timeZones';

const regionOptions = regions.map(([code, name]) => ({ value: code, label: `${code} — ${name}` }));

/**
 * Which approval opens a service (seed 000, section 5: «Если отработана только форма З, то
 * проставляем галочку только в поле „Подтверждение“»).
 */
const serviceHint: Record<CenterService, string> = {
  confirmation: 'Доступно после согласования заявки по форме З',
  registration: 'Доступно после согласования заявки по форме И',
  recovery: 'Доступно после согласования заявки по форме И',
  deletion: 'Доступно после согласования заявки по форме И',
};

/**
 * «Добавить центр обслуживания» and «Редактировать» (seed 000, section 5; seed 002, steps 6 and
 * 10): one form, checked by the contract's schema before it is sent, the server's refusals at their
 * fields (`hours.weekly.mon.0.to` at that day's «до»). Editing adds «Статус».
 */
export function CenterForm({
  initialValues,
  allowedServices,
  center,
  onSaved,
  onCancel,
  onReload,
}: {
  initialValues: CenterFormValues;
  allowedServices: readonly CenterService[];
  /** the center being edited; none when adding */
  center?: CenterView;
  onSaved(view: CenterView): void;
  onCancel(): void;
  /** reads the center again after a refusal for a stale revision */
  onReload?(): void;
}) {
  const { form, mutation, formError, onSubmit } = useApiForm<
    CenterFormValues,
    CenterCreate | CenterUpdate,
    CenterView
  >({
    initialValues,
    schema: center ? centerUpdateSchema : centerCreateSchema,
    toInput: (v) =>
      center ? { ...centerInput(v), status: v.status, revision: center.revision } : centerInput(v),
    submit: (body) =>
      center ? updateCenter(center.id, body as CenterUpdate) : createCenter(body as CenterCreate),
    onSuccess: onSaved,
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });

  const stale = mutation.isError && errorCodeOf(mutation.error) === 'center.stale';
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Сведения о центре обслуживания
            </Title>
            <TextInput
              label="Наименование"
              description="Так центр обслуживания будет назван на карте"
              required
              maxLength={255}
              {...form.getInputProps('name')}
            />
            <RegionSelect form={form} />
            <Textarea
              size="md"
              label="Почтовый адрес"
              description="С индексом, как его прочтут посетители: 160000, г. Вологда, ул. Мира, д. 12"
              required
              rows={2}
              maxLength={500}
              {...form.getInputProps('address')}
            />
            <TimeZoneSelect form={form} />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <LocationField form={form} />
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="xl">
            <WeeklyHours form={form} />
            <ExceptionDays form={form} />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Контакты и доступность
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Телефон"
                description="Например: +7 (8172) 12-34-56"
                type="tel"
                autoComplete="off"
                maxLength={32}
                {...form.getInputProps('phone')}
              />
              <TextInput
                label="Электронная почта"
                type="email"
                autoComplete="off"
                maxLength={254}
                {...form.getInputProps('email')}
              />
            </SimpleGrid>
            <Textarea
              size="md"
              label="Как добраться"
              description="Ориентиры, вход, этаж, номер кабинета или окна"
              rows={3}
              maxLength={2000}
              {...form.getInputProps('directions')}
            />
            <Checkbox.Group
              size="md"
              label="Доступность для маломобильных граждан"
              {...form.getInputProps('accessibility')}
            >
              <Stack gap={6} mt={6}>
                {accessibilityFeatures.map((f) => (
                  <Checkbox key={f} value={f} label={accessibilityFeatureLabels[f]} />
                ))}
              </Stack>
            </Checkbox.Group>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Services form={form} allowed={allowedServices} saved={center?.services ?? []} />
        </Card>
        {center && (
          <Card withBorder padding="lg">
            <Stack gap="sm">
              <Radio.Group label="Статус" size="md" {...form.getInputProps('status')}>
                <Group gap="lg" mt={6}>
                  <Radio value="inactive" label={centerStatusLabels.inactive} />
                  <Radio value="active" label={centerStatusLabels.active} />
                </Group>
              </Radio.Group>
              {center.missingForActivation.length > 0 && (
                <Alert color={form.getValues().status === 'active' ? 'orange' : 'gray'} variant="light">
                  <MissingForActivation missing={center.missingForActivation} />
                  <Text size="sm" mt={6}>
                    Так по сохранённым сведениям. Недостающие поля можно заполнить здесь же;
                    {center.missingForActivation.includes('operators')
                      ? ' оператора прикрепляют на странице центра обслуживания («Операторы»).'
                      : ' затем сохраните.'}
                  </Text>
                </Alert>
              )}
            </Stack>
          </Card>
        )}
        <FormMessage message={formError} />
        {stale && onReload && (
          <div>
            <Button variant="default" onClick={onReload}>
              Загрузить сведения заново
            </Button>
          </div>
        )}
        <Group gap="sm">
          <Button type="submit" loading={mutation.isPending}>
            Сохранить
          </Button>
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RegionSelect({ form }: { form: CenterFormType }) {
  const props = form.getInputProps('regionCode');
  return (
    <Select
      label="Регион"
      placeholder="Начните вводить название или код"
      data={regionOptions}
      searchable
      nothingFoundMessage="Регион не найден"
      required
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      {...props}
      onChange={(value) => {
        form.setFieldValue('regionCode', value ?? '');
        // the zone belongs to the region: its capital's, unless the officer picks another
        const zones = regionZones(value ?? '');
        form.setFieldValue('timeZone', zones.length > 1 ? zones[0]! : '');
      }}
    />
  );
}

/** Asked only where the region has several zones; elsewhere the region's own is taken. */
function TimeZoneSelect({ form }: { form: CenterFormType }) {
  const zones = regionZones(form.getValues().regionCode);
  if (zones.length < 2) return null;
  return (
    <Select
      label="Часовой пояс"
      description="В регионе несколько часовых поясов: режим работы указывается по местному времени центра"
      data={zones.map((z) => ({ value: z, label: zoneLabel(z) }))}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      {...form.getInputProps('timeZone')}
    />
  );
}

/**
 * «Услуги», as the approvals allow (seed 000, section 5); a service ticked before that the
 * approvals no longer allow stays untickable, so it can be taken off.
 */
function Services({
  form,
  allowed,
  saved,
}: {
  form: CenterFormType;
  allowed: readonly CenterService[];
  saved: readonly CenterService[];
}) {
  const error = Object.entries(form.errors).find(([k]) => k === 'services' || k.startsWith('services.'))?.[1];
  const props = form.getInputProps('services');
  return (
    <Checkbox.Group label="Услуги" size="md" {...props} error={error}>
      <Stack gap={6} mt={6}>
        {centerServices.map((s) => {
          const offered = allowed.includes(s) || saved.includes(s);
          return (
            <Checkbox
              key={s}
              value={s}
              label={centerServiceLabels[s]}
              disabled={!offered}
              description={offered ? undefined : serviceHint[s]}
            />
          );
        })}
      </Stack>
    </Checkbox.Group>
  );
}
