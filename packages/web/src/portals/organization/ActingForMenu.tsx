import { Alert, Anchor, Button, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { ActingForChoice } from './ActingForChoice';
import { useMyOrganizations } from './api';

/**
 * The header's choice of whom the person acts for (seed 000, section 3): the button says whom
 * the person acts for now and opens the choice, «Частное лицо» or «Войти как сотрудник
 * организации». Shown only to a person who belongs to an organization.
 */
export function ActingForMenu({ onNavigate }: { onNavigate?(): void }) {
  const session = useSession();
  const account = session.data?.account;
  const actingFor = session.data?.actingFor ?? null;
  const organizations = useMyOrganizations({ enabled: Boolean(account), poll: false });
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const list = (organizations.data?.organizations ?? []).filter((o) => o.status !== 'rejected');
  if (!account || (list.length === 0 && !actingFor)) return null;

  const current = actingFor ? actingFor.shortName : 'Частное лицо';
  return (
    <>
      <Button
        variant="light"
        onClick={() => setOpened(true)}
        aria-label={`Вы действуете как: ${current}. Сменить`}
        maw={240}
        // one line, cut with «…» (the whole name is in the label): the header holds every link in one line
        styles={{
          label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
        }}
      >
        {current}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Войти как"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        <Stack gap="sm">
          <ActingForChoice
            onChosen={(id) => {
              setOpened(false);
              onNavigate?.();
              void navigate(id ? '/organization' : '/profile');
            }}
          />
          {actingFor && (
            <Anchor
              component={Link}
              to="/organization"
              onClick={() => {
                setOpened(false);
                onNavigate?.();
              }}
            >
              Профиль организации
            </Anchor>
          )}
        </Stack>
      </Modal>
    </>
  );
}

/**
 * After sign-in (not on a reload of a signed-in page), a person who belongs to organizations is
 * asked whom they act for, as the portal does: a notice above the page rather than a modal
 * window, so the page the person came for stays usable.
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
  if (!offer || !any || session.data?.actingFor) return null;
  return (
    <Alert
      color="blue"
      title="Войти как"
      withCloseButton
      closeButtonLabel="Закрыть"
      onClose={() => setOffer(false)}
      mb="md"
      data-testid="acting-for-offer"
    >
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
    </Alert>
  );
}
