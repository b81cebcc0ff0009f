import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { ActingForChoice } from '../organization/ActingForChoice';

/**
 * The technological portal's frame (seed 000, section 5: «технологический портал … вкладка
 * „Сервисы“ вложение „Центры обслуживания“»): it works for the organization the person acts for,
 * so a person acting as a private person chooses the organization first.
 */
export function TechPortalPage({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!session.data?.actingFor) return <ChooseOrganization />;
  return (
    <Stack gap="md">
      <TechSections />
      {children}
    </Stack>
  );
}

/** The portal's sections; a new one is a line here and its routes in routes.tsx. */
const sections = [
  { to: '/tech/centers', label: 'Центры обслуживания' },
  { to: '/tech/systems', label: 'Информационные системы' },
];

function TechSections() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Разделы технологического портала">
      <Group gap="xs" wrap="wrap">
        {sections.map((s) => {
          const current = pathname === s.to || pathname.startsWith(`${s.to}/`);
          return (
            <Button
              key={s.to}
              component={Link}
              to={s.to}
              variant={current ? 'light' : 'subtle'}
              aria-current={current ? 'page' : undefined}
              size="sm"
            >
              {s.label}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}

export function Loading({ label = 'Загрузка' }: { label?: string }) {
  return (
    <Center py="xl">
      <Loader role="status" aria-label={label} />
    </Center>
  );
}

/** «Технологический портал › Центры обслуживания › …» above each page's heading. */
export function TechTrail({ items }: { items: { label: string; to?: string }[] }) {
  return (
    <Breadcrumbs
      component="nav"
      aria-label="Технологический портал"
      separatorMargin={6}
      // a long center's name wraps rather than widening the page
      styles={{ root: { flexWrap: 'wrap', rowGap: 4 }, breadcrumb: { whiteSpace: 'normal', minWidth: 0 } }}
    >
      <Text size="sm" c="dimmed">
        Технологический портал
      </Text>
      {items.map((i) =>
        i.to ? (
          <Anchor key={i.label} component={Link} to={i.to} size="sm">
            {i.label}
          </Anchor>
        ) : (
          <Text key={i.label} size="sm" c="dimmed" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
            {i.label}
          </Text>
        ),
      )}
    </Breadcrumbs>
  );
}

function ChooseOrganization() {
  const navigate = useNavigate();
  return (
    <Stack maw={640} mx="auto" gap="lg">
      <Title order={1}>Технологический портал</Title>
      <Alert color="blue">
        Технологический портал открывается от имени организации. Войдите как сотрудник организации, включённый
        в группу «Технологический портал».
      </Alert>
      <Card withBorder padding="lg">
        <ActingForChoice onChosen={(id) => (id ? undefined : void navigate('/profile'))} />
      </Card>
    </Stack>
  );
}

/**
 * A refusal of the portal's API: not in the group (403) said in the documents' words, with who can
 * include the person; anything else in ru.ts's text.
 */
export function TechError({ error }: { error: unknown }) {
  const code = errorCodeOf(error);
  if (code === 'auth.forbidden')
    return (
      <Alert color="orange" title="Нет доступа" role="alert" data-testid="tech-forbidden">
        <Stack gap={6}>
          <Text size="sm">Технологический портал доступен сотрудникам группы «Технологический портал».</Text>
          <Text size="sm">
            Включить вас в группу может руководитель или администратор организации: «Профиль организации» →{' '}
            <Anchor component={Link} to="/organization?tab=access" size="sm">
              «Доступ к системам»
            </Anchor>{' '}
            → «Единая система идентификации и аутентификации» → «Технологический портал».
          </Text>
        </Stack>
      </Alert>
    );
  return (
    <Alert color="red" role="alert">
      {errorMessage(code)}
    </Alert>
  );
}
