import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  accessGroupInfo,
  accessSystemLabels,
  accessSystems,
  type AccessGroup,
  type AccessGroupView,
  type MemberSuggestion,
} from '@openesia/contracts';
import { useState } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import {
  useAccessGroups,
  useAddGroupMember,
  useGroupMembers,
  useMemberSuggestions,
  useRemoveGroupMember,
} from './api';
import type { Abilities } from './abilities';
import { lockText, personName } from './texts';

/**
 * «Доступ к системам» (seed 000, section 5): each system with its groups; «Участники (N)»;
 * «Добавить участника» by typing part of the name and picking from what pops up. The АРМ groups
 * stay locked until the organization holds the approval that opens them.
 */
export function AccessTab({ can }: { can: Abilities }) {
  const groups = useAccessGroups();
  if (groups.isPending) return <Loader size="sm" role="status" aria-label="Загрузка групп" />;
  if (groups.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(groups.error))}
      </Alert>
    );
  return (
    <Stack gap="lg">
      {accessSystems.map((system) => (
        <Card key={system} withBorder padding="lg" component="section" aria-labelledby={`system-${system}`}>
          <Stack gap="sm">
            <Stack gap={0}>
              <Text size="sm" c="dimmed">
                Система
              </Text>
              <Title order={2} size="h4" id={`system-${system}`}>
                {accessSystemLabels[system]}
              </Title>
            </Stack>
            {groups.data.groups
              .filter((g) => g.system === system)
              .map((g) => (
                <GroupCard key={g.group} view={g} can={can} />
              ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function GroupCard({ view, can }: { view: AccessGroupView; can: Abilities }) {
  const [open, setOpen] = useState(false);
  const label = accessGroupInfo[view.group].label;
  const headingId = `group-${view.group}`;
  return (
    <Card
      withBorder
      padding="md"
      bg={view.open ? undefined : 'gray.0'}
      aria-labelledby={headingId}
      data-testid="access-group"
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Text size="xs" c="dimmed">
              Группа
            </Text>
            <Text fw={700} id={headingId}>
              {label}
            </Text>
          </Stack>
          {view.open ? (
            <Button
              variant="subtle"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              aria-label={`Участники (${view.memberCount}) группы «${label}»`}
            >
              Участники ({view.memberCount})
            </Button>
          ) : (
            <Badge color="dark" variant="outline">
              Недоступна
            </Badge>
          )}
        </Group>
        {!view.open && (
          <Text size="sm" c="dimmed" data-testid="lock-reason">
            {lockText(view)}
          </Text>
        )}
        {view.open && open && <GroupMembers group={view.group} label={label} can={can} />}
      </Stack>
    </Card>
  );
}

function GroupMembers({ group, label, can }: { group: AccessGroup; label: string; can: Abilities }) {
  const members = useGroupMembers(group, true);
  const remove = useRemoveGroupMember(group);
  return (
    <Stack gap="xs" pt="xs">
      {can.manage && <AddMember group={group} label={label} />}
      {members.isPending && <Loader size="xs" role="status" aria-label="Загрузка участников" />}
      {members.isError && (
        <Text size="sm" c="red.8" role="alert">
          {errorMessage(errorCodeOf(members.error))}
        </Text>
      )}
      {members.isSuccess && members.data.members.length === 0 && (
        <Text size="sm" c="dimmed">
          В группе пока нет участников.
        </Text>
      )}
      {members.data?.members.map((m) => (
        <Group key={m.accountId} justify="space-between" wrap="wrap" gap="xs" data-testid="group-member">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Text style={{ overflowWrap: 'anywhere' }}>{personName(m)}</Text>
            <Text size="xs" c="dimmed">
              Добавлен {formatDate(m.addedAt)}
            </Text>
          </Stack>
          {can.manage && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={remove.isPending && remove.variables === m.accountId}
              onClick={() => remove.mutate(m.accountId)}
              aria-label={`Исключить из группы «${label}»: ${personName(m)}`}
            >
              Исключить из группы
            </Button>
          )}
        </Group>
      ))}
      {remove.isError && (
        <Text size="sm" c="red.8" role="alert">
          {errorMessage(errorCodeOf(remove.error))}
        </Text>
      )}
    </Stack>
  );
}

/** Seed 000, section 5: «ввести ФИО (полностью) и выбрать, нажав на всплывшее окно. Нажать кнопку «Добавить»». */
function AddMember({ group, label }: { group: AccessGroup; label: string }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<MemberSuggestion | null>(null);
  const suggestions = useMemberSuggestions(picked ? '' : q, group);
  const add = useAddGroupMember(group);
  const listId = `suggestions-${group}`;
  const options = picked ? [] : (suggestions.data?.suggestions ?? []);
  const submit = () => {
    if (!picked) return;
    add.mutate(picked.accountId, {
      onSuccess: () => {
        setPicked(null);
        setSearch('');
      },
    });
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap" gap="xs">
        <div style={{ flex: 1, minWidth: 220, position: 'relative' }}>
          <TextInput
            label="Добавить участника"
            description="Введите фамилию, имя и отчество и выберите сотрудника из списка"
            placeholder="ФИО сотрудника"
            aria-label={`Добавить участника в группу «${label}»`}
            value={picked ? personName(picked) : search}
            onChange={(e) => {
              setPicked(null);
              setSearch(e.currentTarget.value);
            }}
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            autoComplete="off"
            maxLength={100}
            rightSection={suggestions.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
          />
          {options.length > 0 && (
            <Paper
              withBorder
              shadow="md"
              p={4}
              mt={4}
              id={listId}
              role="listbox"
              aria-label="Найденные сотрудники"
              style={{ position: 'absolute', left: 0, right: 0, zIndex: 10 }}
            >
              {options.map((s) => (
                <UnstyledButton
                  key={s.accountId}
                  role="option"
                  aria-selected={false}
                  onClick={() => setPicked(s)}
                  p={8}
                  w="100%"
                  className="suggestion"
                >
                  {personName(s)}
                </UnstyledButton>
              ))}
            </Paper>
          )}
          {/* what is typed now, not only the debounced query: a cleared field after «Добавить» says nothing */}
          {!picked &&
            q.length >= 2 &&
            search.trim() === q &&
            suggestions.isSuccess &&
            options.length === 0 && (
              <Text size="sm" c="dimmed" mt={4} role="status">
                Сотрудники не найдены
              </Text>
            )}
        </div>
        <Button onClick={submit} disabled={!picked} loading={add.isPending}>
          Добавить
        </Button>
      </Group>
      {add.isError && (
        <Text size="sm" c="red.8" role="alert">
          {errorMessage(errorCodeOf(add.error))}
        </Text>
      )}
    </Stack>
  );
}
