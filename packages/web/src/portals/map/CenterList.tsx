import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { MapListItem } from '@openesia/contracts';
import { useState } from 'react';
import { ApiRequestError } from '../../api/client';
import { errorMessage } from '../../i18n/ru';
import { useCenterCard, useMapList, type MapFilterValues } from './api';
import { CenterDetails, OpenNowBadge, ServiceBadges } from './CenterCard';
import { centersCount } from './texts';

/**
 * «Списком»: the same centers as the map, by name, for a screen reader and a phone. Each is an
 * item of a list with its name as a heading, the address, the services and whether it is open
 * now; «Подробнее» opens the whole card in place.
 */
export function CenterList({ filters }: { filters: MapFilterValues }) {
  const list = useMapList(filters, true);
  const pages = list.data?.pages ?? [];
  const centers = pages.flatMap((p) => p.centers);
  const total = pages[0]?.total;
  return (
    <Stack gap="sm">
      <Text role="status" aria-live="polite" fw={500}>
        {total === undefined
          ? list.isPending
            ? 'Поиск центров обслуживания…'
            : ''
          : `Найдено: ${centersCount(total)}`}
      </Text>
      {list.isError && (
        <Alert color="red">
          {errorMessage(list.error instanceof ApiRequestError ? list.error.code : 'internal')}
        </Alert>
      )}
      {total === 0 && (
        <Text c="dimmed">
          Под эти условия не подходит ни один центр обслуживания. Уберите часть отборов или измените поиск.
        </Text>
      )}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {centers.map((c) => (
          <ListItem key={c.id} center={c} />
        ))}
      </Stack>
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            Показать ещё
          </Button>
          <Text size="sm" c="dimmed">
            Показано {centers.length} из {total}
          </Text>
        </Group>
      )}
      {list.isPending && <Loader size="sm" role="status" aria-label="Загрузка списка" />}
    </Stack>
  );
}

function ListItem({ center }: { center: MapListItem }) {
  const [open, setOpen] = useState(false);
  const detailsId = `center-details-${center.id}`;
  return (
    <Card component="li" withBorder padding="md">
      <Stack gap={6}>
        <Title order={2} size="h4">
          {center.name}
        </Title>
        <Text size="sm" c="dimmed">
          {center.organizationShortName}
        </Text>
        <Text size="sm">{center.address}</Text>
        <Group gap="xs">
          <OpenNowBadge open={center.openNow} />
          <ServiceBadges services={center.services} />
        </Group>
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            px={0}
            aria-expanded={open}
            aria-controls={detailsId}
            // the visible words first (WCAG 2.5.3), then which center: a screen reader's list of buttons says it
            aria-label={`${open ? 'Скрыть подробности' : 'Подробнее'}: ${center.name}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Скрыть подробности' : 'Подробнее'}
          </Button>
        </div>
        <div id={detailsId}>{open && <Details centerId={center.id} />}</div>
      </Stack>
    </Card>
  );
}

function Details({ centerId }: { centerId: string }) {
  const card = useCenterCard(centerId);
  if (card.isPending) return <Loader size="sm" role="status" aria-label="Загрузка карточки" />;
  if (card.isError)
    return (
      <Alert color="yellow">
        {errorMessage(card.error instanceof ApiRequestError ? card.error.code : 'internal')}
      </Alert>
    );
  return <CenterDetails center={card.data} headingLevel={3} summaryShown />;
}
