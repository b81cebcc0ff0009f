import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { useLeaveOrganization } from './api';

/**
 * «Покинуть организацию» for an employee or an administrator (the head leaves only when the
 * register names another head): asked once more, then back to «Частное лицо» on the personal page.
 * The last administrator is refused with the reason.
 */
export function LeaveOrganization({ shortName }: { shortName: string }) {
  const [asking, setAsking] = useState(false);
  const navigate = useNavigate();
  const leave = useLeaveOrganization(() => void navigate('/profile'));
  const close = () => {
    setAsking(false);
    leave.reset();
  };
  return (
    <>
      <div>
        <Button variant="default" color="red" size="xs" onClick={() => setAsking(true)}>
          Покинуть организацию
        </Button>
      </div>
      <Modal
        opened={asking}
        onClose={close}
        title="Покинуть организацию"
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        <Stack>
          <Text size="sm">
            Вы выйдете из организации «{shortName}»: доступ к её системам и группам будет закрыт сразу.
            Вернуться можно только по новому приглашению.
          </Text>
          {leave.isError && (
            <Alert color="red" role="alert">
              {errorMessage(errorCodeOf(leave.error))}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Отмена
            </Button>
            <Button color="red" loading={leave.isPending} onClick={() => leave.mutate()}>
              Покинуть
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
