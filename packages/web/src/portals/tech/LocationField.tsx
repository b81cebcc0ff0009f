import { Alert, Button, Group, NumberInput, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { GeocodeResult, RegionCode } from '@openesia/contracts';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { geocode } from './api';
import type { CenterFormType } from './centerForm';
import { LocationMap, type Point } from './LocationMap';

const precisionLabels: Record<GeocodeResult['precision'], string> = {
  house: 'точно до дома',
  street: 'точно до улицы',
  city: 'только населённый пункт',
};

/**
 * «Местоположение»: the point on the map (a click, a drag of the marker), its two coordinates, and
 * «Найти по адресу», which offers the geocoder's candidates for the postal address typed above.
 */
export function LocationField({ form }: { form: CenterFormType }) {
  const base = useId();
  const values = form.getValues();
  const { lat, lon } = values.location;
  const point: Point | null = typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;
  const search = useMutation({
    mutationFn: () =>
      geocode(values.address.trim(), (values.regionCode || undefined) as RegionCode | undefined),
  });
  const setPoint = (p: Point) => {
    form.setFieldValue('location', { lat: p.lat, lon: p.lon });
    form.clearFieldError('location');
    form.clearFieldError('location.lat');
    form.clearFieldError('location.lon');
  };
  const error = form.errors['location'];

  return (
    <Stack gap="sm" component="section" aria-labelledby={`${base}-title`}>
      <Title order={2} size="h4" id={`${base}-title`}>
        Местоположение
      </Title>
      <Text size="sm" c="dimmed" id={`${base}-hint`}>
        Щёлкните по карте или перетащите метку. Координаты можно ввести и вручную или найти по почтовому
        адресу.
      </Text>
      <Group gap="sm" wrap="wrap">
        <Button
          variant="light"
          onClick={() => search.mutate()}
          loading={search.isPending}
          disabled={!values.address.trim()}
        >
          Найти по адресу
        </Button>
        {point && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => form.setFieldValue('location', { lat: '', lon: '' })}
          >
            Убрать точку
          </Button>
        )}
      </Group>
      {search.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(search.error))}
        </Alert>
      )}
      {search.isSuccess && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">
            {search.data.results.length
              ? `Найдено адресов: ${search.data.results.length}. Выберите подходящий.`
              : 'Адрес не найден. Уточните адрес или укажите точку на карте вручную.'}
          </Text>
          {search.data.results.length > 0 && (
            <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {search.data.results.map((r, i) => (
                <li key={i}>
                  <UnstyledButton
                    onClick={() => {
                      setPoint(r.location);
                      search.reset();
                    }}
                    p="xs"
                    w="100%"
                    bd="1px solid var(--mantine-color-gray-3)"
                    style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                  >
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {r.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {precisionLabels[r.precision]}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </Stack>
      )}
      <LocationMap
        point={point}
        regionCode={values.regionCode}
        onPick={setPoint}
        label="Карта: точка центра обслуживания"
      />
      <Group gap="sm" wrap="wrap" align="flex-start">
        <NumberInput
          size="md"
          label="Широта"
          decimalScale={6}
          step={0.0001}
          min={-90}
          max={90}
          hideControls
          decimalSeparator="."
          w={{ base: '100%', xs: 180 }}
          {...form.getInputProps('location.lat')}
        />
        <NumberInput
          size="md"
          label="Долгота"
          decimalScale={6}
          step={0.0001}
          min={-180}
          max={180}
          hideControls
          decimalSeparator="."
          w={{ base: '100%', xs: 180 }}
          {...form.getInputProps('location.lon')}
        />
      </Group>
      {error && (
        <Text size="sm" c="red.9" role="alert" data-testid="location-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
