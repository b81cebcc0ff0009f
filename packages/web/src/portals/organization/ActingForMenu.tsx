import { Button, Menu, Modal, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { ActingForChoice } from './ActingForChoice';
import { useActFor, useMyOrganizations } from './api';

/**
 * The header's choice of whom the person acts for (seed 000, section 3): «Частное лицо» or
 * «Войти как сотрудник организации». Shown only to a person who belongs to an organization.
 */
export function ActingForMenu({ onNavigate }: { onNavigate?(): void }) {
  const session = useSession();
  const account = session.data?.account;
  const actingFor = session.data?.actingFor ?? null;
  const organizations = useMyOrganizations({ enabled: Boolean(account), poll: false });
  const actFor = useActFor();
  const navigate = useNavigate();
  const list = (organizations.data?.organizations ?? []).filter((o) => o.status !== 'rejected');
  if (!account || (list.length === 0 && !actingFor)) return null;

  const choose = (id: string | null) => {
    onNavigate?.();
    actFor.mutate(id, { onSuccess: () => void navigate(id ? '/organization' : '/profile') });
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="light"
          loading={actFor.isPending}
          aria-label={`Вы действуете как: ${actingFor ? actingFor.shortName : 'Частное лицо'}. Сменить`}
          maw={260}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {actingFor ? actingFor.shortName : 'Частное лицо'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={340}>
        <Menu.Label>Войти как</Menu.Label>
        <Menu.Item onClick={() => choose(null)} disabled={actingFor === null}>
          Частное лицо
        </Menu.Item>
        {list.map((o) => (
          <Menu.Item key={o.id} onClick={() => choose(o.id)} disabled={actingFor?.organizationId === o.id}>
            <Text size="xs" c="dimmed">
              Войти как сотрудник организации
            </Text>
            <Text size="sm" fw={600}>
              {o.shortName}
            </Text>
          </Menu.Item>
        ))}
        {actingFor && (
          <>
            <Menu.Divider />
            <Menu.Item component={Link} to="/organization" onClick={onNavigate}>
              Профиль организации
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * After sign-in (not on a reload of a signed-in page), a person who belongs to organizations is
 * asked whom they act for, as the portal does.
 */
export function ActingForAfterSignIn() {
  const session = useSession();
  const navigate = useNavigate();
  const accountId = session.isPending ? undefined : (session.data?.account?.id ?? null);
  const previous = useRef<string | null | undefined>(undefined);
  const [offer, setOffer] = useState(false);
  useEffect(() => {
    if (accountId === undefined) return;
    if (previous.current === null && accountId !== null) setOffer(true);
    if (accountId === null) setOffer(false);
    previous.current = accountId;
  }, [accountId]);
  const organizations = useMyOrganizations({ enabled: offer, poll: false });
  const any = (organizations.data?.organizations ?? []).some((o) => o.status !== 'rejected');
  const opened = offer && any && !session.data?.actingFor;
  return (
    <Modal opened={opened} onClose={() => setOffer(false)} title="Войти как" centered>
      <Text size="sm" mb="sm">
        Вы сотрудник организации. Выберите, от чьего имени действовать: как частное лицо или как сотрудник
        организации. Выбор можно изменить в заголовке страницы.
      </Text>
      <ActingForChoice
        onChosen={(id) => {
          setOffer(false);
          if (id) void navigate('/organization');
        }}
      />
    </Modal>
  );
}
