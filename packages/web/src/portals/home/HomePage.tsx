import { Badge, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { demoAccountsSchema } from '@openesia/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';

interface Portal {
  title: string;
  description: string;
  to?: string;
}

/** Every portal of the system; those of later stages are listed so the road is visible. */
const portals: Portal[] = [
  {
    title: 'Личный кабинет гражданина',
    description: 'Регистрация, вход, личные данные и подтверждение личности.',
    to: '/profile',
  },
  {
    title: 'Организации',
    description: 'Регистрация организации по электронной подписи, сотрудники и доступ к системам.',
  },
  {
    title: 'Технологический портал',
    description: 'Центры обслуживания организации: добавление, услуги, статус «Действующий».',
  },
  {
    title: 'АРМ «Центр обслуживания»',
    description: 'Рабочее место оператора: поиск, регистрация, подтверждение, восстановление, удаление.',
    to: '/ra',
  },
  {
    title: 'Реестр и заявки',
    description:
      'Федеральный оператор: заявки организаций по формам З и И, перечень аккредитованных удостоверяющих центров, региональные операторы, организации и их блокировка, жалобы на центры обслуживания.',
    to: '/registry/applications',
  },
  {
    title: 'План открытия ЦО',
    description:
      'Оператор ЕСИА: сколько организаций на каждом этапе плана открытия центров обслуживания, по регионам. Региональный оператор видит свой регион в профиле своей организации.',
    to: '/registry/opening-plan',
  },
  {
    title: 'Карта центров обслуживания',
    description: 'Где подтвердить учётную запись: адреса, часы работы, услуги.',
    to: '/public/ra',
  },
  {
    title: 'Пожаловаться на центр обслуживания',
    description:
      'Отказали, обслужили неправильно или сведения о центре неверны: жалоба организации с ответом в срок.',
    to: '/complaint',
  },
];

const levelText: Record<string, string> = {
  simplified: 'Упрощённая',
  standard: 'Стандартная',
  confirmed: 'Подтверждённая',
};

/** The head's legal-entity test certificate (PKCS#12) of a demo organization, with its PIN. */
function HeadCertificate({ certificate }: { certificate?: { ogrn: string; pin: string } }) {
  if (!certificate) return null;
  return (
    <Text size="sm">
      <a href={`/api/demo/head-certificates/${certificate.ogrn}`} download>
        Сертификат руководителя
      </a>{' '}
      (ПИН-код <Code>{certificate.pin}</Code>)
    </Text>
  );
}

function ServiceCertificate({ certificate }: { certificate?: { key: string; pin: string } }) {
  if (!certificate) return null;
  return (
    <Text size="sm">
      <a href={`/api/demo/service-certificates/${certificate.key}`} download>
        Сертификат оператора АРМ
      </a>{' '}
      (ПИН-код <Code>{certificate.pin}</Code>)
    </Text>
  );
}

function DemoAccounts() {
  const demo = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => api.get('/demo/accounts', demoAccountsSchema),
  });
  if (!demo.data?.accounts.length) return null;
  return (
    <Card withBorder padding="lg" aria-labelledby="demo-title">
      <Title order={2} size="h3" id="demo-title">
        Демонстрационные учётные записи
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Включён демонстрационный режим: внешние системы (СМС, почта, СФР, МВД, ФНС, Почта России) работают как
        симуляторы. Сотрудники демонстрационных организаций входят по логину и паролю и выбирают «Войти как
        сотрудник организации»; региональные операторы, которым роль назначил оператор ЕСИА, работают без
        выбора организации. Отправленные сообщения видны в{' '}
        <Link to="/dev/outbox">журнале отправленных сообщений</Link>. Операторы центров обслуживания работают
        в <Link to="/ra">АРМ «Центр обслуживания»</Link>: вход по сертификату сотрудника организации.
      </Text>
      {/* A plain link: the demo relying party is served by the server, not by this app's router. */}
      <Text size="sm" mb="sm">
        Вход в другую систему через OpenESIA (OpenID Connect) показывает демонстрационный{' '}
        <a href="/demo-portal/">«Портал услуг»</a>: выберите данные, войдите, разрешите доступ и посмотрите,
        что получила система. Та же система, подключённая как к ЕСИА (подписанный client_secret, REST API
        ЕСИА): <a href="/demo-esia/">Войти через ЕСИА-совместимый интерфейс</a>.
      </Text>
      {/* A table on a wide screen; on a phone one card per account, so the password is never off
          the screen. */}
      <Table striped visibleFrom="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Кто</Table.Th>
            <Table.Th>Логин</Table.Th>
            <Table.Th>Пароль</Table.Th>
            <Table.Th>Учётная запись</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {demo.data.accounts.map((a) => (
            <Table.Tr key={a.login}>
              <Table.Td>
                {a.title}
                <HeadCertificate certificate={a.headCertificate} />
                <ServiceCertificate certificate={a.serviceCertificate} />
              </Table.Td>
              <Table.Td>
                <Code>{a.login}</Code>
              </Table.Td>
              <Table.Td>
                <Code>{a.password}</Code>
              </Table.Td>
              <Table.Td>{levelText[a.level] ?? a.level}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack component="ul" gap="sm" hiddenFrom="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {demo.data.accounts.map((a) => (
          <Card component="li" key={a.login} withBorder padding="sm" bg="gray.0">
            <Text fw={700} mb={4}>
              {a.title}
            </Text>
            <HeadCertificate certificate={a.headCertificate} />
            <ServiceCertificate certificate={a.serviceCertificate} />
            <dl className="demo-account">
              <dt>Логин</dt>
              <dd>
                <Code>{a.login}</Code>
              </dd>
              <dt>Пароль</dt>
              <dd>
                <Code>{a.password}</Code>
              </dd>
              <dt>Уровень</dt>
              <dd>{levelText[a.level] ?? a.level}</dd>
            </dl>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

export function HomePage() {
  const session = useSession();
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>Единая система идентификации и аутентификации</Title>
        <Text size="lg" c="dimmed">
          Одна учётная запись для всех государственных услуг и сеть центров обслуживания, где подтверждают
          личность.
        </Text>
        {/* On a wide screen the header holds both; on a phone only «Войти» fits there. */}
        {session.data && !session.data.account && (
          <Group gap="sm" mt="xs" hiddenFrom="md">
            <Button component={Link} to="/register">
              Зарегистрироваться
            </Button>
            <Button component={Link} to="/login" variant="default">
              Войти
            </Button>
          </Group>
        )}
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {portals.map((p) => {
          const body = (
            <Stack gap="xs" h="100%">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Title order={2} size="h4">
                  {p.title}
                </Title>
                {!p.to && (
                  <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                    Скоро
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {p.description}
              </Text>
            </Stack>
          );
          return p.to ? (
            <Card
              key={p.title}
              withBorder
              padding="lg"
              component={Link}
              to={session.data?.account || p.to !== '/profile' ? p.to : '/login'}
            >
              {body}
            </Card>
          ) : (
            <Card key={p.title} withBorder padding="lg" bg="gray.0" aria-disabled>
              {body}
            </Card>
          );
        })}
      </SimpleGrid>
      {session.data?.demoMode && <DemoAccounts />}
    </Stack>
  );
}
