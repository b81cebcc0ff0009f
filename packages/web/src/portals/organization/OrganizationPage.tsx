import { Alert, Anchor, Card, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDateTime } from '../citizen/profile/texts';
import { ComplaintsTab } from '../complaints/ComplaintsTab';
import { useRegionalQueue } from '../regional-operator/api';
import { abilities } from './abilities';
import { ApplicationsTab } from '../applications/ApplicationsTab';
import { AccessTab } from './AccessTab';
import { ActingForChoice } from './ActingForChoice';
import { AdministratorsTab } from './AdministratorsTab';
import { DataTab } from './DataTab';
import { InvitationsTab } from './InvitationsTab';
import { JournalTab } from './JournalTab';
import { LeaveOrganization } from './LeaveOrganization';
import { MembersTab } from './MembersTab';
import { OpeningPlanTab } from './OpeningPlanTab';
import { useOrganization } from './api';
import { OrganizationJournalTab } from '../workstation/journal/JournalPages';
import { StatusBadge, rolesText } from './texts';

const tabs = [
  ['data', 'Данные'],
  ['members', 'Сотрудники'],
  ['invitations', 'Приглашения'],
  ['access', 'Доступ к системам'],
  ['applications', 'Заявки'],
  ['administrators', 'Администраторы'],
  ['complaints', 'Жалобы'],
  ['journal', 'Журнал'],
  ['workstation-journal', 'Журнал АРМ'],
  ['plan', 'План открытия ЦО'],
] as const;
type TabName = (typeof tabs)[number][0];

/**
 * The organization's profile, acting for it (seed 000, sections 3 and 5): «Данные»,
 * «Сотрудники», «Приглашения», «Доступ к системам», «Заявки», «Администраторы», «Жалобы», «Журнал»,
 * «План открытия ЦО» (seed 004); a blocking by the operator of ЕСИА is shown above them with its
 * reason. Each tab shows
 * only what the person's roles allow; an employee reads.
 */
export function OrganizationPage() {
  const session = useSession();
  const actingFor = session.data?.actingFor;
  if (session.isPending)
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка" />
      </Center>
    );
  if (!actingFor) return <ChooseFirst />;
  return <Profile key={actingFor.organizationId} />;
}

function ChooseFirst() {
  const navigate = useNavigate();
  return (
    <Stack maw={640} mx="auto" gap="lg">
      <Title order={1}>Профиль организации</Title>
      <Alert color="blue">
        Сейчас вы действуете как частное лицо. Чтобы открыть профиль организации, войдите как её сотрудник.
      </Alert>
      <Card withBorder padding="lg">
        <ActingForChoice onChosen={(id) => (id ? undefined : void navigate('/profile'))} />
      </Card>
    </Stack>
  );
}

function Profile() {
  const organization = useOrganization();
  const [params, setParams] = useSearchParams();
  const regional = useRegionalQueue({ probe: true });
  const tab = (tabs.find(([t]) => t === params.get('tab'))?.[0] ?? 'data') as TabName;

  if (organization.isPending)
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка" />
      </Center>
    );
  if (organization.isError)
    return (
      <Stack gap="lg">
        <Title order={1}>Профиль организации</Title>
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(organization.error))}
        </Alert>
      </Stack>
    );
  const o = organization.data;
  const can = abilities(o.yourRoles);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {o.shortName}
          </Title>
          <StatusBadge status={o.status} />
        </Group>
        <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {o.fullName}
        </Text>
        <Text size="sm">Ваша роль: {rolesText(o.yourRoles)}</Text>
        {!can.head && <LeaveOrganization shortName={o.shortName} />}
        {regional.isSuccess && (
          <Group gap="md" wrap="wrap">
            <Anchor component={Link} to="/regional-operator/organizations" size="sm">
              Заявки на регистрацию организаций ({regional.data.organizations.length})
            </Anchor>
            <Anchor component={Link} to="/regional-operator/applications" size="sm">
              Заявки по формам З и И
            </Anchor>
            <Anchor component={Link} to="/regional-operator/opening-plan" size="sm">
              План открытия ЦО в регионе
            </Anchor>
            <Anchor component={Link} to="/regional-operator/complaints" size="sm">
              Жалобы на центры обслуживания региона
            </Anchor>
            <Anchor component={Link} to="/regional-operator/centers" size="sm">
              Центры обслуживания региона
            </Anchor>
            <Anchor component={Link} to="/regional-operator/workstation-journal" size="sm">
              Журнал АРМ региона
            </Anchor>
          </Group>
        )}
      </Stack>
      {o.blocking && (
        <Alert color="red" title="Организация заблокирована как оператор выдачи ключа ПЭП" role="alert">
          <Stack gap={4}>
            <Text size="sm">
              Оператор ЕСИА заблокировал организацию {formatDateTime(o.blocking.blockedAt)}. Пока блокировка
              действует, сотрудники групп «Специалисты по подтверждению личности» и «Специалисты по
              регистрации и подтверждению» не могут выполнять операции, а центры обслуживания организации не
              показываются на карте.
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <b>Причина:</b> {o.blocking.reason}
            </Text>
          </Stack>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'data' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map(([value, label]) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="data" pt="md">
          <DataTab organization={o} can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <MembersTab can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="invitations" pt="md">
          <InvitationsTab can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessTab can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <ApplicationsTab can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="administrators" pt="md">
          <AdministratorsTab can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="complaints" pt="md">
          <ComplaintsTab />
        </Tabs.Panel>
        <Tabs.Panel value="journal" pt="md">
          <JournalTab can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="workstation-journal" pt="md">
          <OrganizationJournalTab />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <OpeningPlanTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
