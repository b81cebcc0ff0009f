import {
  Grid,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  centerServiceLabels,
  centerServices,
  regionCodeSchema,
  regions,
  type CenterService,
} from '@openesia/contracts';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCenterCard, type MapFilterValues } from './api';
import { CenterCard } from './CenterCard';
import { CenterList } from './CenterList';
import { CenterMap } from './CenterMap';

const regionOptions = regions.map(([code, name]) => ({ value: code, label: name }));
const serviceOptions = centerServices.map((s) => ({ value: s, label: centerServiceLabels[s] }));

/** The filters from the page's address (`?region=35&service=confirmation&open=1&q=…`), unknown ones dropped. */
function filtersOf(params: URLSearchParams): MapFilterValues {
  const region = regionCodeSchema.safeParse(params.get('region'));
  const service = params.get('service');
  return {
    regionCode: region.success ? region.data : null,
    service: centerServices.includes(service as CenterService) ? (service as CenterService) : null,
    openNow: params.get('open') === '1',
    q: (params.get('q') ?? '').slice(0, 200),
  };
}

/**
 * «Карта центров обслуживания» (/public/ra; issue 11, item 3), without signing in: where to
 * register, confirm, restore or delete an account. Filters by region, service, «Открыто сейчас»
 * and words of the name or address; the map, or the same centers «Списком»; the chosen center's
 * card. What is chosen stays in the address, so a link shows the same.
 */
export function MapPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const view = params.get('view') === 'list' ? 'list' : 'map';
  const selected = params.get('center');
  // A card opened by a link (not by a click on the map): the map starts at its center.
  const linked = useRef(selected);
  const card = useCenterCard(selected);
  const startAt = selected && selected === linked.current ? (card.data?.location ?? null) : null;
  const [search, setSearch] = useState(filters.q);
  const [typed] = useDebouncedValue(search, 350);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes))
          if (value) next.set(key, value);
          else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // Only what was typed moves the address; the address moving (back, a link) resets the field below.
  const lastTyped = useRef(typed);
  useEffect(() => {
    if (typed === lastTyped.current) return;
    lastTyped.current = typed;
    if (typed.trim() !== filters.q) update({ q: typed.trim() || null, center: null });
  });
  useEffect(() => {
    setSearch((s) => (s.trim() === filters.q ? s : filters.q));
  }, [filters.q]);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>Карта центров обслуживания</Title>
        <Text c="dimmed">
          Центры, где можно подтвердить личность, зарегистрировать, восстановить или удалить учётную запись.
          Показаны действующие центры уполномоченных организаций с услугами, которые им разрешены сейчас.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label="Регион"
          placeholder="Все регионы"
          data={regionOptions}
          value={filters.regionCode}
          onChange={(v) => update({ region: v, center: null })}
          searchable
          clearable
          nothingFoundMessage="Регион не найден"
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Услуга"
          placeholder="Любая услуга"
          data={serviceOptions}
          value={filters.service}
          onChange={(v) => update({ service: v })}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Поиск"
          description="Название или адрес"
          placeholder="Например, Мира 12"
          type="search"
          maxLength={200}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Switch
          label="Открыто сейчас"
          checked={filters.openNow}
          onChange={(e) => update({ open: e.currentTarget.checked ? '1' : null })}
          mt={{ base: 4, md: 30 }}
          size="md"
        />
      </SimpleGrid>
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Вид"
          value={view}
          onChange={(v) => update({ view: v === 'list' ? 'list' : null })}
          data={[
            { value: 'map', label: 'На карте' },
            { value: 'list', label: 'Списком' },
          ]}
        />
      </Group>
      {view === 'list' ? (
        <CenterList filters={filters} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: selected ? 8 : 12 }}>
            <CenterMap
              filters={filters}
              selectedId={selected}
              onSelect={(id) => update({ center: id })}
              startAt={startAt}
            />
          </Grid.Col>
          {selected && (
            <Grid.Col span={{ base: 12, md: 4 }}>
              <CenterCard centerId={selected} onClose={() => update({ center: null })} />
            </Grid.Col>
          )}
        </Grid>
      )}
    </Stack>
  );
}
