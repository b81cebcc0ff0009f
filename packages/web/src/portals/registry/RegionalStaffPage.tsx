import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  regionalStaffGrantSchema,
  regions,
  type RegionalStaffMember,
  type RegionCode,
} from '@openesia/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorCodeOf, splitError } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { formatDate } from '../citizen/profile/texts';
import { personName, regionLabel } from '../organization/texts';
import { useGrantRegionalStaff, useRegionalStaff, useRevokeRegionalStaff } from './regionalStaff';
import type { Feedback } from './trustList';

const regionOptions = regions.map(([code, name]) => ({ value: code, label: `${code} — ${name}` }));

/** A refusal's text; a field code says more than `validation.failed`. */
const describe = (err: unknown) => splitError(err, { isField: () => false }).form ?? '';

/**
 * «Региональные операторы» (issue 10, item 1): the federal operator makes a confirmed person the
 * operator of a region («Добавить сотрудника регионального оператора») and takes the role back
 * («Отозвать»). The list is by region; one region can be chosen. Every change is audited by the
 * server, and a revoked operator loses access from their next action.
 */
export function RegionalStaffPage() {
  const [region, setRegion] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [revoking, setRevoking] = useState<RegionalStaffMember | null>(null);
  const list = useRegionalStaff(region);
  const revoke = useRevokeRegionalStaff();

  const header = (
    <Stack gap="xs">
      <Title order={1} size="h2">
        Региональные операторы
      </Title>
      <Text c="dimmed" size="sm">
        Сотрудники региональных операторов проверяют заявки органов и организаций своего региона и направляют
        их оператору ЕСИА. Роль назначается сотруднику с подтверждённой учётной записью, в одном регионе.
        Изменения записываются в журнал аудита.
      </Text>
    </Stack>
  );

  if (list.isError && errorCodeOf(list.error) === 'auth.forbidden') {
    return (
      <Stack gap="md">
        {header}
        <NoAccess />
      </Stack>
    );
  }

  const confirmRevoke = (member: RegionalStaffMember) =>
    revoke.mutate(member.id, {
      onSuccess: () => {
        setRevoking(null);
        setFeedback({
          kind: 'done',
          text: `Роль регионального оператора отозвана: ${personName(member)}, ${regionLabel(member.regionCode)}.`,
        });
      },
      onError: (err) => {
        setRevoking(null);
        setFeedback({ kind: 'failed', text: describe(err) });
      },
    });

  return (
    <Stack gap="md">
      {header}
      <GrantCard
        onGranted={(member) =>
          setFeedback({
            kind: 'done',
            text: `${personName(member)} — региональный оператор: ${regionLabel(member.regionCode)}.`,
          })
        }
      />
      {feedback && (
        <Alert
          color={feedback.kind === 'done' ? 'teal' : 'red'}
          role={feedback.kind === 'done' ? 'status' : 'alert'}
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setFeedback(null)}
        >
          {feedback.text}
        </Alert>
      )}
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2} size="h3" id="staff-title">
          Сотрудники региональных операторов
        </Title>
        <Select
          label="Показать регион"
          placeholder="Все регионы"
          data={regionOptions}
          value={region}
          onChange={setRegion}
          searchable
          clearable
          nothingFoundMessage="Регион не найден"
          w={{ base: '100%', sm: 320 }}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {list.isPending ? (
        <Center py="xl">
          <Loader role="status" aria-label="Загрузка списка" />
        </Center>
      ) : list.isError ? (
        <Alert color="red" role="alert" title="Не удалось загрузить список">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{describe(list.error)}</Text>
            <Button size="xs" variant="light" onClick={() => list.refetch()}>
              Повторить
            </Button>
          </Stack>
        </Alert>
      ) : list.data.staff.length === 0 ? (
        <Text c="dimmed">
          {region
            ? `В регионе ${regionLabel(region)} региональных операторов нет.`
            : 'Региональных операторов нет.'}
        </Text>
      ) : (
        <StaffByRegion staff={list.data.staff} onRevoke={setRevoking} />
      )}

      <Modal
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title="Отозвать роль регионального оператора?"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        {revoking && (
          <Stack gap="md">
            <Text size="sm">
              {personName(revoking)} перестанет быть региональным оператором (
              {regionLabel(revoking.regionCode)}) со своего следующего действия в системе.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setRevoking(null)}>
                Отмена
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => confirmRevoke(revoking)}>
                Отозвать
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** «Добавить сотрудника регионального оператора»: the person's login and the region. */
function GrantCard({ onGranted }: { onGranted: (member: RegionalStaffMember) => void }) {
  const grant = useGrantRegionalStaff();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { login: '', regionCode: null as RegionCode | null },
    schema: regionalStaffGrantSchema,
    submit: (input) => grant.submit({ login: input.login, regionCode: input.regionCode! }),
    // Refusals about the person belong at «Логин»; they come without a field from the server.
    codeFields: {
      'staff.account_not_found': 'login',
      'staff.account_not_confirmed': 'login',
      'staff.already_granted': 'login',
      'staff.other_region': 'login',
    },
    onSuccess: (member) => {
      form.setFieldValue('login', '');
      void grant.refresh();
      onGranted(member);
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="grant-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="grant-title">
            Добавить сотрудника регионального оператора
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Логин сотрудника"
              description="Подтверждённый номер мобильного телефона или адрес электронной почты"
              autoComplete="off"
              required
              {...form.getInputProps('login')}
            />
            <Select
              label="Регион"
              description="Оператором какого региона станет сотрудник"
              placeholder="Название или код"
              data={regionOptions}
              searchable
              nothingFoundMessage="Регион не найден"
              required
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('regionCode')}
            />
          </SimpleGrid>
          <FormMessage message={formError} title="Сотрудник не добавлен" />
          <Group>
            <Button type="submit" loading={mutation.isPending} w={{ base: '100%', xs: 'auto' }}>
              Добавить
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The staff grouped by region (the server lists them by region, then by name). */
function StaffByRegion({
  staff,
  onRevoke,
}: {
  staff: RegionalStaffMember[];
  onRevoke: (member: RegionalStaffMember) => void;
}) {
  const byRegion = new Map<string, RegionalStaffMember[]>();
  for (const member of staff)
    byRegion.set(member.regionCode, [...(byRegion.get(member.regionCode) ?? []), member]);
  return (
    <Stack gap="lg" aria-labelledby="staff-title">
      {[...byRegion].map(([regionCode, members]) => (
        <Stack gap="xs" component="section" key={regionCode} aria-labelledby={`region-${regionCode}`}>
          <Title order={3} size="h4" id={`region-${regionCode}`}>
            {regionLabel(regionCode)}: {members.length}
          </Title>
          <SimpleGrid
            cols={{ base: 1, md: 2 }}
            spacing="sm"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {members.map((m) => (
              <Card key={m.id} component="li" withBorder padding="sm" aria-label={personName(m)}>
                <Stack gap={4}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {personName(m)}
                  </Text>
                  {m.contact && (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {m.contact}
                    </Text>
                  )}
                  <Text size="sm" c="dimmed">
                    {grantedText(m)}
                  </Text>
                  <Group mt={4}>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      aria-label={`Отозвать роль у ${personName(m)}`}
                      onClick={() => onRevoke(m)}
                    >
                      Отозвать
                    </Button>
                  </Group>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

/** Who gave the role and when: the federal operator by name, else the console or the demo seed. */
function grantedText(m: RegionalStaffMember): string {
  const when = formatDate(m.grantedAt);
  if (m.grantedBy) return `Назначил ${personName(m.grantedBy)} ${when}`;
  return m.grantedVia === 'cli'
    ? `Назначен администратором системы ${when}`
    : `Назначен в демонстрационных данных ${when}`;
}

function NoAccess() {
  return (
    <Alert
      color="yellow"
      role="alert"
      title="Нет доступа к списку"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="xs">
        <Text size="sm">
          Региональных операторов назначает федеральный оператор (оператор ЕСИА). У вашей учётной записи нет
          этой роли.
        </Text>
        <Anchor component={Link} to="/" size="sm">
          Вернуться на главную
        </Anchor>
      </Stack>
    </Alert>
  );
}
