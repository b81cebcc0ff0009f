import {
  Alert,
  Anchor,
  Badge,
  Card,
  CloseButton,
  Group,
  List,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  accessibilityFeatureLabels,
  centerServiceLabels,
  formatCenterPhone,
  regions,
  type CenterService,
  type PublicCenter,
} from '@openesia/contracts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ApiRequestError } from '../../api/client';
import { errorMessage } from '../../i18n/ru';
import { useCenterCard } from './api';
import { dayHours, exceptionDate, weekRows, zoneNote } from './texts';

const regionNames = new Map<string, string>(regions);

export function ServiceBadges({ services }: { services: readonly CenterService[] }) {
  return (
    <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Услуги">
      {services.map((s) => (
        <Badge key={s} component="li" variant="light" color="stateBlue" radius="sm" tt="none" fw={600}>
          {centerServiceLabels[s]}
        </Badge>
      ))}
    </Group>
  );
}

export function OpenNowBadge({ open }: { open: boolean }) {
  return (
    <Badge variant="filled" color={open ? 'green.9' : 'gray.7'} radius="sm" tt="none" fw={600}>
      {open ? 'Открыто сейчас' : 'Закрыто сейчас'}
    </Badge>
  );
}

/**
 * What a visitor needs to go there (issue 11: «a card with address, hours, phone and services»):
 * the address, whether it is open now, the week with its breaks and the special days to come, how
 * to reach it, the phone and e-mail, accessibility, the services; and where to complain.
 */
export function CenterDetails({
  center,
  headingLevel,
  summaryShown = false,
}: {
  center: PublicCenter;
  headingLevel: 3 | 4;
  /** the list's item already shows the organization, the address, «Открыто сейчас» and the services */
  summaryShown?: boolean;
}) {
  const rows = weekRows(center.hours);
  return (
    <Stack gap="sm">
      {!summaryShown && (
        <>
          <Text size="sm" c="dimmed">
            {center.organizationShortName} · {regionNames.get(center.regionCode) ?? center.regionCode}
          </Text>
          <Text>{center.address}</Text>
          <Group gap="xs">
            <OpenNowBadge open={center.openNow} />
          </Group>
        </>
      )}
      <Stack gap={4}>
        <Title order={headingLevel} size="h5">
          Режим работы
        </Title>
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm">
          <Table.Caption style={{ captionSide: 'bottom', textAlign: 'left' }}>
            {zoneNote(center.timeZone)}
          </Table.Caption>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.days}>
                <Table.Th scope="row" w={72} fw={500}>
                  {r.days}
                </Table.Th>
                <Table.Td>{r.hours}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {center.hours.exceptions.length > 0 && (
        <Stack gap={4}>
          <Title order={headingLevel} size="h5">
            Особые дни
          </Title>
          <List size="sm" spacing={2}>
            {center.hours.exceptions.slice(0, 10).map((e) => (
              <List.Item key={e.date}>
                {exceptionDate(e)}: {dayHours(e.intervals)}
                {e.note ? ` (${e.note})` : ''}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {(center.phone || center.email) && (
        <Stack gap={2}>
          {center.phone && (
            <Text size="sm">
              Телефон: <Anchor href={`tel:${center.phone}`}>{formatCenterPhone(center.phone)}</Anchor>
            </Text>
          )}
          {center.email && (
            <Text size="sm">
              Электронная почта: <Anchor href={`mailto:${center.email}`}>{center.email}</Anchor>
            </Text>
          )}
        </Stack>
      )}
      {center.directions && (
        <Stack gap={2}>
          <Title order={headingLevel} size="h5">
            Как добраться
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {center.directions}
          </Text>
        </Stack>
      )}
      <Stack gap={2}>
        <Title order={headingLevel} size="h5">
          Доступность для маломобильных граждан
        </Title>
        {center.accessibility.length ? (
          <List size="sm" spacing={2}>
            {center.accessibility.map((f) => (
              <List.Item key={f}>{accessibilityFeatureLabels[f]}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            Сведений нет
          </Text>
        )}
      </Stack>
      {!summaryShown && (
        <Stack gap={4}>
          <Title order={headingLevel} size="h5">
            Услуги
          </Title>
          <ServiceBadges services={center.services} />
        </Stack>
      )}
      <Anchor component={Link} to={`/complaint?center=${encodeURIComponent(center.id)}`} size="sm">
        Пожаловаться на центр обслуживания
      </Anchor>
    </Stack>
  );
}

/** The card beside the map (below it on a phone); its heading takes the focus when it opens. */
export function CenterCard({ centerId, onClose }: { centerId: string; onClose(): void }) {
  const card = useCenterCard(centerId);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (card.data) heading.current?.focus();
  }, [card.data]);
  return (
    <Card withBorder padding="md" component="section" aria-label="Карточка центра обслуживания">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Title order={2} size="h3" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {card.data?.name ?? 'Центр обслуживания'}
        </Title>
        <CloseButton aria-label="Закрыть карточку" onClick={onClose} />
      </Group>
      {card.isPending && <Loader size="sm" mt="sm" role="status" aria-label="Загрузка карточки" />}
      {card.isError && (
        <Alert color="yellow" mt="sm">
          {errorMessage(card.error instanceof ApiRequestError ? card.error.code : 'internal')}
        </Alert>
      )}
      {card.data && (
        <Stack mt="xs">
          <CenterDetails center={card.data} headingLevel={3} />
        </Stack>
      )}
    </Card>
  );
}
