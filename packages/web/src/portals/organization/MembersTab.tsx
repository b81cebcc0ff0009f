import { Alert, Badge, Button, Card, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { accessGroupInfo, type OrganizationMember } from '@openesia/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { useMembers, useRemoveMember } from './api';
import type { Abilities } from './abilities';
import { personName, rolesText } from './texts';

/** «Сотрудники»: the employees, a search by name, and removing one (they lose their groups at once). */
export function MembersTab({ can }: { can: Abilities }) {
  // One's own row offers no «Исключить»: leaving is «Покинуть организацию», with its own checks.
  const selfId = useSession().data?.account?.id;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const members = useMembers(q);
  const [removing, setRemoving] = useState<OrganizationMember | null>(null);
  const list = members.data?.pages.flatMap((p) => p.members) ?? [];
  const total = members.data?.pages[0]?.total;

  return (
    <Stack gap="md">
      <TextInput
        label="Поиск сотрудника"
        placeholder="Фамилия, имя или отчество"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maxLength={100}
      />
      {members.isPending && <Loader size="sm" role="status" aria-label="Загрузка сотрудников" />}
      {members.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(members.error))}
        </Alert>
      )}
      {total !== undefined && (
        <Text size="sm" c="dimmed" role="status">
          {q ? `Найдено: ${total}` : `Всего сотрудников: ${total}`}
        </Text>
      )}
      {members.isSuccess && list.length === 0 && <Text c="dimmed">Сотрудники не найдены.</Text>}
      {list.map((m) => (
        <Card key={m.accountId} withBorder padding="sm" data-testid="member">
          <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {personName(m)}
              </Text>
              <Text size="sm">{rolesText(m.roles)}</Text>
              {m.groups.length > 0 && (
                <Group gap={4}>
                  {m.groups.map((g) => (
                    <Badge key={g} variant="light" size="sm" style={{ maxWidth: '100%' }}>
                      {accessGroupInfo[g].label}
                    </Badge>
                  ))}
                </Group>
              )}
              <Text size="xs" c="dimmed">
                В организации с {formatDate(m.joinedAt)}
              </Text>
            </Stack>
            {can.manage && !m.roles.includes('head') && m.accountId !== selfId && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => setRemoving(m)}
                aria-label={`Исключить ${personName(m)} из организации`}
              >
                Исключить
              </Button>
            )}
          </Group>
        </Card>
      ))}
      {members.hasNextPage && (
        <div>
          <Button
            variant="default"
            onClick={() => members.fetchNextPage()}
            loading={members.isFetchingNextPage}
          >
            Показать ещё
          </Button>
        </div>
      )}
      {removing && <RemoveDialog member={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

function RemoveDialog({ member, onClose }: { member: OrganizationMember; onClose(): void }) {
  const remove = useRemoveMember();
  return (
    <Modal
      opened
      onClose={onClose}
      title="Исключение сотрудника"
      centered
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <Stack>
        <Text>
          Исключить <b>{personName(member)}</b> из организации? Сотрудник сразу потеряет доступ ко всем
          группам систем и не сможет действовать от имени организации.
        </Text>
        {remove.isError && (
          <Alert color="red" role="alert">
            {errorMessage(errorCodeOf(remove.error))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(member.accountId, { onSuccess: onClose })}
          >
            Исключить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
