import { Anchor, Group } from '@mantine/core';
import { Link, useLocation } from 'react-router';

const pages = [
  ['/registry/trust-list', 'Перечень УЦ'],
  ['/registry/organizations', 'Организации'],
  ['/registry/complaints', 'Жалобы'],
] as const;

/** The federal operator's pages, one click apart; the current one is marked for screen readers too. */
export function RegistryNav() {
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label="Разделы оператора ЕСИА" gap="md" wrap="wrap">
      {pages.map(([to, label]) => (
        <Anchor
          key={to}
          component={Link}
          to={to}
          size="sm"
          fw={pathname === to ? 700 : undefined}
          aria-current={pathname === to ? 'page' : undefined}
        >
          {label}
        </Anchor>
      ))}
    </Group>
  );
}
