import { Button, Group, Stack } from '@mantine/core';
import { Link, Outlet, useLocation } from 'react-router';

/**
 * The federal operator's sections; a new one is a line here and a route under this layout (the
 * applications', the opening plan's and the complaints' route files wrap theirs in it too).
 */
const sections = [
  { to: '/registry/applications', label: 'Заявки' },
  { to: '/registry/opening-plan', label: 'План открытия ЦО' },
  { to: '/registry/organizations', label: 'Организации' },
  { to: '/registry/systems', label: 'Информационные системы' },
  { to: '/registry/centers', label: 'Центры обслуживания' },
  { to: '/registry/complaints', label: 'Жалобы' },
  { to: '/registry/workstation-journal', label: 'Журнал АРМ' },
  { to: '/registry/regional-operators', label: 'Региональные операторы' },
  { to: '/registry/trust-list', label: 'Перечень УЦ' },
];

/**
 * The registry portal of the federal operator («Минцифры России»): its menu above each of its
 * pages. The pages themselves tell a person without the role why they see nothing.
 */
export function RegistryLayout() {
  const { pathname } = useLocation();
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <nav aria-label="Разделы реестра">
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
      <Outlet />
    </Stack>
  );
}
