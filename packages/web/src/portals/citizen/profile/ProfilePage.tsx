import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import type { AccountLevel, Me } from '@openesia/contracts';
import { Link } from 'react-router';
import { errorMessage } from '../../../i18n/ru';
import { useMe } from './api';
import { ChildrenCard } from './ChildrenCard';
import { OrganizationsCard } from './OrganizationsCard';
import {
  checkFailureText,
  checkStateText,
  formatDate,
  letterStateText,
  levelColor,
  levelOpens,
  levelSteps,
  levelTitle,
} from './texts';

const levelIndex: Record<AccountLevel, number> = { simplified: 0, standard: 1, confirmed: 2 };

function NextStep({ me }: { me: Me }) {
  switch (me.nextStep) {
    case 'fill_personal_data':
      return (
        <Stack gap="xs" align="flex-start">
          <Text>
            Заполните личные данные: паспорт и СНИЛС. После автоматической проверки в СФР и МВД учётная запись
            станет стандартной.
          </Text>
          <Button component={Link} to="/profile/personal-data" w={{ base: '100%', xs: 'auto' }}>
            Заполнить личные данные
          </Button>
        </Stack>
      );
    case 'wait_for_checks':
      return (
        <Group gap="sm" wrap="nowrap" role="status">
          <Loader size="sm" aria-hidden />
          <Text>
            Выполняется проверка личных данных в СФР и МВД. Результат придёт по СМС или на электронную почту.
          </Text>
        </Group>
      );
    case 'fix_personal_data':
      return (
        <Stack gap="xs" align="flex-start">
          <Text>Проверка личных данных не пройдена. Исправьте данные и сохраните их снова.</Text>
          <Button component={Link} to="/profile/personal-data" color="red" w={{ base: '100%', xs: 'auto' }}>
            Исправить личные данные
          </Button>
        </Stack>
      );
    case 'enter_post_code':
      return (
        <Stack gap="xs" align="flex-start">
          <Text>
            {letterStateText[me.activeLetter!.state]}. Введите код из письма, чтобы подтвердить личность.
          </Text>
          <Button component={Link} to="/profile/confirm" w={{ base: '100%', xs: 'auto' }}>
            Ввести код из письма
          </Button>
        </Stack>
      );
    case 'confirm_identity':
      return (
        <Stack gap="xs" align="flex-start">
          <Text>
            Подтвердите личность: в центре обслуживания, кодом по почте или электронной подписью. Это откроет
            все услуги.
          </Text>
          <Button component={Link} to="/profile/confirm" w={{ base: '100%', xs: 'auto' }}>
            Подтвердить личность
          </Button>
        </Stack>
      );
    default:
      return <Text>Учётная запись подтверждена. Вам доступны все электронные услуги.</Text>;
  }
}

/** «Личный кабинет»: the level, what it opens, the next step up, contacts (seed 000, section 1). */
export function ProfilePage() {
  const me = useMe();
  if (me.isPending) return <Loader role="status" aria-label="Загрузка" />;
  if (me.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage((me.error as any).code ?? 'internal')}
      </Alert>
    );
  const { account, verification } = me.data;
  const fullName = [account.lastName, account.firstName, account.middleName].filter(Boolean).join(' ');

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Личный кабинет</Title>
        <Text size="lg">{fullName}</Text>
      </Stack>

      <Card withBorder padding="lg" aria-labelledby="level-title">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={2} size="h3" id="level-title">
              Уровень учётной записи
            </Title>
            <Badge
              size="lg"
              color={levelColor[account.level]}
              variant="light"
              data-testid="account-level"
              // a phone's width: the whole level wraps rather than ending in «…»
              styles={{
                root: { maxWidth: '100%', height: 'auto' },
                label: { whiteSpace: 'normal', overflow: 'visible' },
              }}
            >
              {levelTitle[account.level]}
            </Badge>
          </Group>
          <Stepper
            active={levelIndex[account.level] + (account.level === 'confirmed' ? 1 : 0)}
            size="sm"
            orientation="vertical"
            allowNextStepsSelect={false}
          >
            {levelSteps.map((s) => (
              <Stepper.Step key={s.level} label={s.title} description={s.text} />
            ))}
          </Stepper>
          <div>
            <Text fw={700} mb={4}>
              Что доступно
            </Text>
            <List spacing={4}>
              {levelOpens[account.level].map((t) => (
                <List.Item key={t}>{t}</List.Item>
              ))}
            </List>
          </div>
          <Card withBorder bg="gray.0" padding="md" aria-labelledby="next-title">
            <Text fw={700} id="next-title" mb={6}>
              {me.data.nextStep === 'none' ? 'Всё готово' : 'Следующий шаг'}
            </Text>
            <NextStep me={me.data} />
          </Card>
        </Stack>
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg" aria-labelledby="pd-title">
          <Stack gap="xs">
            <Title order={2} size="h4" id="pd-title">
              Личные данные
            </Title>
            <Text>
              Проверка: <b data-testid="check-state">{checkStateText[verification.state]}</b>
              {verification.completedAt && verification.state !== 'in_progress'
                ? `, ${formatDate(verification.completedAt)}`
                : ''}
            </Text>
            {verification.state === 'failed' &&
              verification.failureReasons.map((r) => (
                <Text key={r} c="red.8" size="sm">
                  {checkFailureText[r]?.title ?? errorMessage(r)}
                </Text>
              ))}
            <Anchor component={Link} to="/profile/personal-data">
              {verification.state === 'not_started' ? 'Заполнить' : 'Открыть личные данные'}
            </Anchor>
            {account.level !== 'simplified' && (
              <Anchor component={Link} to="/profile/confirm">
                Подтверждение вашей личности
              </Anchor>
            )}
            <Anchor component={Link} to="/profile/permissions">
              Предоставленные разрешения
            </Anchor>
          </Stack>
        </Card>
        <Card withBorder padding="lg" aria-labelledby="contacts-title">
          <Stack gap="xs">
            <Title order={2} size="h4" id="contacts-title">
              Контакты
            </Title>
            {account.contacts.length === 0 && <Text c="dimmed">Контакты не указаны.</Text>}
            {account.contacts.map((c) => (
              <Group key={`${c.type}:${c.value}`} gap="xs" wrap="wrap">
                <Text>{c.type === 'phone' ? 'Мобильный телефон' : 'Электронная почта'}:</Text>
                <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                  {c.value}
                </Text>
                {c.verified && (
                  <Badge color="green" variant="light" size="sm">
                    подтверждён
                  </Badge>
                )}
              </Group>
            ))}
            <Text size="sm" c="dimmed">
              Учётная запись № {account.oid}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>

      <ChildrenCard />

      <OrganizationsCard level={account.level} />
    </Stack>
  );
}
