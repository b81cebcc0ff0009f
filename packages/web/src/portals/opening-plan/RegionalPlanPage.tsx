import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { regionNames, type RegionCode, type RegionPlan } from '@openesia/contracts';
import { useState, type FormEvent } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { regionalSource, useSetDeadline } from './api';
import { RegionPlanTable } from './RegionPlanTable';
import { formatIsoDate } from './texts';

/**
 * «План открытия ЦО» of the regional operator's region (seed 004; seed 000: the governor's order
 * sets the date by which the centers are organized): every organization's stage and control
 * events, filtered and sorted, «Скачать XLSX», and the region's deadline.
 */
export function RegionalPlanPage() {
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>План открытия ЦО</Title>
        <Text c="dimmed">
          Ход работ организаций региона по плану мероприятий по открытию центров обслуживания: этап каждой
          организации и даты контрольных событий. Этапы определяются по данным организаций, а не отмечаются
          вручную.
        </Text>
      </Stack>
      <RegionPlanTable
        source={regionalSource}
        header={(plan) => (
          <>
            <Text fw={500}>{regionNames[plan.regionCode as RegionCode] ?? plan.regionCode}</Text>
            <DeadlineForm plan={plan} />
          </>
        )}
      />
    </Stack>
  );
}

/** The region's deadline: the date of the governor's order, or back to the default. */
function DeadlineForm({ plan }: { plan: RegionPlan }) {
  const setDeadline = useSetDeadline();
  const [value, setValue] = useState(plan.deadline.source === 'region' ? (plan.deadline.date ?? '') : '');
  const [saved, setSaved] = useState<string | null>(null);
  const fieldError = setDeadline.error
    ? errorCodeOf(setDeadline.error) === 'validation.failed'
      ? 'date.invalid'
      : errorCodeOf(setDeadline.error)
    : null;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setDeadline.mutate(value || null, {
      onSuccess: (d) =>
        setSaved(d.date ? `Срок сохранён: до ${formatIsoDate(d.date)}.` : 'Установлен срок по умолчанию.'),
    });
  };
  return (
    <Card withBorder padding="md">
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h5">
            Срок завершения работ в регионе
          </Title>
          <Text size="sm" c="dimmed">
            Дата из распоряжения (поручения) губернатора, до которой организации должны открыть центры
            обслуживания. Организации, не завершившие работы после этой даты, отмечаются как просроченные.
            {plan.deadline.source === 'region' && plan.deadline.setAt
              ? ` Срок установлен ${formatDate(plan.deadline.setAt)}.`
              : ''}
          </Text>
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              type="date"
              label="Срок (включительно)"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={fieldError ? errorMessage(fieldError) : undefined}
              w={220}
            />
            <Button type="submit" loading={setDeadline.isPending && setDeadline.variables !== null}>
              Сохранить срок
            </Button>
            {plan.deadline.source === 'region' && (
              <Button
                variant="default"
                loading={setDeadline.isPending && setDeadline.variables === null}
                onClick={() => {
                  setValue('');
                  setSaved(null);
                  setDeadline.mutate(null, { onSuccess: () => setSaved('Установлен срок по умолчанию.') });
                }}
              >
                Срок по умолчанию
              </Button>
            )}
          </Group>
          {saved && (
            <Alert color="green" role="status">
              {saved}
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
