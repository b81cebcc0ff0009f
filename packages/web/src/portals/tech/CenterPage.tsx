import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  accessibilityFeatureLabels,
  centerEventKindLabels,
  centerFieldLabels,
  centerQualityIssueLabels,
  formatCenterPhone,
  weekdayLabels,
  weekdays,
  type CenterEvent,
  type CenterOperator,
  type CenterView,
} from '@openesia/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDateTime, isoToRu } from '../citizen/profile/texts';
import { Field, personName, regionLabel } from '../organization/texts';
import {
  useAttachOperator,
  useCenter,
  useCenterHistory,
  useDetachOperator,
  useOperatorCandidates,
} from './api';
import type { SavedNotice } from './CenterFormPages';
import { Loading, TechError, TechPortalPage, TechTrail } from './TechPortal';
import { CenterStatusBadge, MissingForActivation, groupsText, Intervals, servicesText } from './texts';
import { zoneLabel } from './timeZones';

/**
 * A service center on the technological portal: its data, «Операторы» (seed 002, step 7),
 * «Проверка данных», «История изменений» and «Редактировать» (seed 000, section 5).
 */
export function CenterPage() {
  return (
    <TechPortalPage>
      <CenterDetails />
    </TechPortalPage>
  );
}

function CenterDetails() {
  const { centerId = '' } = useParams();
  const center = useCenter(centerId);
  const notice = (useLocation().state as SavedNotice | null)?.saved;
  if (center.isPending) return <Loading />;
  if (center.isError)
    return (
      <Stack gap="lg">
        <TechTrail
          items={[{ label: 'Центры обслуживания', to: '/tech/centers' }, { label: 'Центр обслуживания' }]}
        />
        <Title order={1}>Центр обслуживания</Title>
        <TechError error={center.error} />
      </Stack>
    );
  const c = center.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <TechTrail items={[{ label: 'Центры обслуживания', to: '/tech/centers' }, { label: c.name }]} />
        <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {c.name}
          </Title>
          <CenterStatusBadge status={c.status} />
        </Group>
        <Text c="dimmed">{c.organizationShortName}</Text>
      </Stack>
      {notice && (
        <Alert color="green" role="status">
          {notice === 'created'
            ? 'Центр обслуживания добавлен со статусом «Недействующий».'
            : 'Изменения сохранены.'}
        </Alert>
      )}
      {c.missingForActivation.length > 0 && (
        <Alert
          color={c.status === 'active' ? 'orange' : 'blue'}
          variant="light"
          data-testid="activation-hint"
        >
          <MissingForActivation missing={c.missingForActivation} />
        </Alert>
      )}
      <Group gap="sm">
        <Button component={Link} to={`/tech/centers/${c.id}/edit`} w={{ base: '100%', xs: 'auto' }}>
          Редактировать
        </Button>
      </Group>
      <DataCard center={c} />
      <HoursCard center={c} />
      <OperatorsCard center={c} />
      <QualityCard center={c} />
      <HistoryCard centerId={c.id} />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `section-${title.replace(/\s+/g, '-')}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function DataCard({ center: c }: { center: CenterView }) {
  return (
    <Section title="Сведения">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label="Почтовый адрес" value={c.address} />
        <Field label="Регион" value={regionLabel(c.regionCode)} />
        <Field
          label="Точка на карте"
          value={c.location ? `${c.location.lat.toFixed(6)}, ${c.location.lon.toFixed(6)}` : null}
        />
        <Field label="Часовой пояс" value={zoneLabel(c.timeZone)} />
        <Field label="Телефон" value={c.phone ? formatCenterPhone(c.phone) : null} />
        <Field label="Электронная почта" value={c.email} />
        <Field label="Услуги" value={c.services.length ? servicesText(c.services) : null} />
        <Field
          label="Доступность для маломобильных граждан"
          value={c.accessibility.map((a) => accessibilityFeatureLabels[a]).join('; ')}
        />
      </SimpleGrid>
      <Field label="Как добраться" value={c.directions} />
    </Section>
  );
}

function HoursCard({ center: c }: { center: CenterView }) {
  return (
    <Section title="Режим работы">
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs">
        <Table.Tbody>
          {weekdays.map((d) => (
            <Table.Tr key={d}>
              <Table.Th scope="row" fw={500} w={{ base: 112, xs: 140 }}>
                {weekdayLabels[d]}
              </Table.Th>
              <Table.Td>
                <Intervals intervals={c.hours.weekly[d]} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {c.hours.exceptions.length > 0 && (
        <>
          <Title order={3} size="h5">
            Особые дни
          </Title>
          <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs">
            <Table.Tbody>
              {c.hours.exceptions.map((e) => (
                <Table.Tr key={e.date}>
                  <Table.Th scope="row" fw={500} w={{ base: 112, xs: 140 }}>
                    {isoToRu(e.date)}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Intervals intervals={e.intervals} />
                    {e.note ? ` — ${e.note}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Section>
  );
}

/** «Операторы»: those attached, their АРМ groups; attach from the groups' members, detach with a confirmation. */
function OperatorsCard({ center: c }: { center: CenterView }) {
  const [detaching, setDetaching] = useState<CenterOperator | null>(null);
  const detach = useDetachOperator(c.id);
  return (
    <Section title="Операторы">
      <Text size="sm" c="dimmed">
        Оператором может быть сотрудник организации из группы АРМ «Центр обслуживания»: «Специалисты по
        подтверждению личности» или «Специалисты по регистрации и подтверждению». Один сотрудник может
        работать в нескольких центрах.
      </Text>
      <Text size="sm">Операций в АРМ «Центр обслуживания» за 30 дней: {c.operations30d}</Text>
      {c.operators.length === 0 && <Text>Операторы не прикреплены.</Text>}
      {c.operators.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {c.operators.map((o) => (
            <Card key={o.accountId} withBorder padding="sm" component="li" data-testid="center-operator">
              <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {personName(o.name)}
                  </Text>
                  {o.groups.length > 0 && <Text size="sm">{groupsText(o.groups)}</Text>}
                  {!o.hasAccess && (
                    <Badge
                      color="orange"
                      variant="light"
                      styles={{
                        root: { maxWidth: '100%', height: 'auto', textTransform: 'none' },
                        label: { whiteSpace: 'normal', overflow: 'visible' },
                      }}
                    >
                      Нет доступа: не состоит в группе АРМ
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    Прикреплён {formatDateTime(o.attachedAt)} · операций в АРМ за 30 дней: {o.operations30d}
                  </Text>
                </Stack>
                <Button
                  variant="default"
                  color="red"
                  size="xs"
                  onClick={() => {
                    detach.reset();
                    setDetaching(o);
                  }}
                  aria-label={`Открепить: ${personName(o.name)}`}
                >
                  Открепить
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <AttachOperator centerId={c.id} />
      <Modal
        opened={detaching !== null}
        onClose={() => setDetaching(null)}
        title="Открепить оператора"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        {detaching && (
          <Stack gap="sm">
            <Text size="sm">
              Открепить {personName(detaching.name)} от центра обслуживания? Доступ сотрудника к работе в этом
              центре прекратится сразу.
              {c.status === 'active' && c.operators.length === 1
                ? ' Это единственный оператор: центр останется «Действующим», но принимать граждан будет некому.'
                : ''}
            </Text>
            {detach.isError && (
              <Alert color="red" role="alert">
                {errorMessage(errorCodeOf(detach.error))}
              </Alert>
            )}
            <Group gap="sm">
              <Button
                color="red"
                loading={detach.isPending}
                onClick={() => detach.mutate(detaching.accountId, { onSuccess: () => setDetaching(null) })}
              >
                Открепить
              </Button>
              <Button variant="default" onClick={() => setDetaching(null)}>
                Отмена
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Section>
  );
}

function AttachOperator({ centerId }: { centerId: string }) {
  const [open, setOpen] = useState(false);
  const [accountId, setAccountId] = useState<string | null>(null);
  const candidates = useOperatorCandidates(centerId, open);
  const attach = useAttachOperator(centerId);
  if (!open)
    return (
      <div>
        <Button variant="light" onClick={() => setOpen(true)}>
          Прикрепить оператора
        </Button>
      </div>
    );
  const list = candidates.data?.candidates ?? [];
  return (
    <Stack
      gap="xs"
      p="sm"
      bd="1px solid var(--mantine-color-gray-3)"
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
    >
      {candidates.isPending && <Loading label="Загрузка сотрудников" />}
      {candidates.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(candidates.error))}
        </Alert>
      )}
      {candidates.isSuccess && list.length === 0 && (
        <Text size="sm">
          Нет сотрудников групп АРМ «Центр обслуживания», которых можно прикрепить. Включите сотрудников в
          группы в профиле организации: «Доступ к системам» → «АРМ Центра обслуживания (уполномоченной
          организации)».
        </Text>
      )}
      {candidates.isSuccess && list.length > 0 && (
        <Select
          label="Сотрудник"
          placeholder="Начните вводить фамилию"
          searchable
          nothingFoundMessage="Не найдено"
          data={list.map((o) => ({
            value: o.accountId,
            label: `${personName(o.name)} — ${groupsText(o.groups)}`,
          }))}
          value={accountId}
          onChange={(v) => {
            attach.reset();
            setAccountId(v);
          }}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {attach.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(attach.error))}
        </Alert>
      )}
      <Group gap="sm">
        {list.length > 0 && (
          <Button
            disabled={!accountId}
            loading={attach.isPending}
            onClick={() =>
              accountId &&
              attach.mutate(accountId, {
                onSuccess: () => {
                  setAccountId(null);
                  setOpen(false);
                },
              })
            }
          >
            Прикрепить
          </Button>
        )}
        <Button variant="default" onClick={() => setOpen(false)}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}

function QualityCard({ center: c }: { center: CenterView }) {
  return (
    <Section title="Проверка данных">
      {c.quality.length === 0 ? (
        <Text size="sm">Система не нашла ошибок в сведениях центра обслуживания.</Text>
      ) : (
        <Stack gap={6}>
          <Text size="sm">
            Все данные организации должны быть указаны верно. Система нашла, что стоит проверить:
          </Text>
          {c.quality.map((q) => (
            <Alert key={q} color="orange" variant="light" p="xs" data-testid="center-quality">
              {centerQualityIssueLabels[q]}
            </Alert>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function eventText(e: CenterEvent): string {
  const kind = centerEventKindLabels[e.kind];
  if (e.operatorName) return `${kind}: ${e.operatorName}`;
  // a new center's fields are all «changed»: the event says enough
  if (e.kind === 'updated' && e.changedFields.length)
    return `${kind}: ${e.changedFields
      .map((f) => centerFieldLabels[f as keyof typeof centerFieldLabels] ?? f)
      .join(', ')}`;
  return kind;
}

function HistoryCard({ centerId }: { centerId: string }) {
  const history = useCenterHistory(centerId);
  return (
    <Section title="История изменений">
      {history.isPending && <Loading label="Загрузка истории" />}
      {history.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(history.error))}
        </Alert>
      )}
      {history.isSuccess && history.data.events.length === 0 && <Text size="sm">Записей пока нет.</Text>}
      {history.isSuccess && history.data.events.length > 0 && (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {history.data.events.map((e) => (
            <li key={e.id} data-testid="center-event">
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)} · {e.actor}
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {eventText(e)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}
