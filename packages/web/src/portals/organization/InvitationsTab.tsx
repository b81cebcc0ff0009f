import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  accessGroupInfo,
  invitationRequestSchema,
  invitationStateLabels,
  type AccessGroup,
  type Invitation,
} from '@openesia/contracts';
import { useState } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { useAccessGroups, useInvitationAction, useInvitations, useInvite } from './api';
import type { Abilities } from './abilities';
import { lockText } from './texts';

const stateColor: Record<Invitation['state'], string> = {
  pending: 'blue',
  accepted: 'green',
  revoked: 'gray',
  expired: 'orange',
};

/**
 * «Приглашения» (seed 000, section 3): «Пригласить сотрудника» by e-mail, surname and first name,
 * optionally «Включить участника в группы»; the link is single use and valid 60 days.
 */
export function InvitationsTab({ can }: { can: Abilities }) {
  // the head and administrators invite and see the invitations; an employee is told so, not refused
  const invitations = useInvitations({ enabled: can.manage });
  const [inviting, setInviting] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const list = invitations.data?.invitations ?? [];

  return (
    <Stack gap="md">
      {can.manage &&
        (inviting ? (
          <InviteForm
            onDone={(email) => {
              setInviting(false);
              setSent(email);
            }}
            onCancel={() => setInviting(false)}
          />
        ) : (
          <div>
            <Button
              onClick={() => {
                setSent(null);
                setInviting(true);
              }}
            >
              Пригласить сотрудника
            </Button>
          </div>
        ))}
      {sent && (
        <Alert color="green" role="status" withCloseButton onClose={() => setSent(null)}>
          Приглашение отправлено на адрес {sent}. Ссылка в письме действует 60 дней и только один раз.
        </Alert>
      )}
      {!can.manage && (
        <Text c="dimmed">
          Приглашать сотрудников и видеть приглашения могут руководитель и администраторы профиля организации.
        </Text>
      )}
      {can.manage && invitations.isPending && (
        <Loader size="sm" role="status" aria-label="Загрузка приглашений" />
      )}
      {invitations.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(invitations.error))}
        </Alert>
      )}
      {invitations.isSuccess && list.length === 0 && <Text c="dimmed">Приглашений пока нет.</Text>}
      {list.map((i) => (
        <InvitationRow key={i.id} invitation={i} can={can} />
      ))}
    </Stack>
  );
}

function InvitationRow({ invitation: i, can }: { invitation: Invitation; can: Abilities }) {
  const action = useInvitationAction();
  const name = `${i.lastName} ${i.firstName}`;
  return (
    <Card withBorder padding="sm" data-testid="invitation">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          <Badge color={stateColor[i.state]} variant="light">
            {invitationStateLabels[i.state]}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {i.email}
        </Text>
        <Text size="xs" c="dimmed">
          Отправлено {formatDate(i.sentAt)}, действительно до {formatDate(i.expiresAt)}
        </Text>
        {i.groups.length > 0 && (
          <Text size="sm">Группы: {i.groups.map((g) => accessGroupInfo[g].label).join(', ')}</Text>
        )}
        {can.manage && (i.state === 'pending' || i.state === 'expired') && (
          <Group gap="xs" mt={4}>
            {i.state === 'pending' && (
              <Button
                size="xs"
                variant="default"
                color="red"
                loading={action.isPending && action.variables?.action === 'revoke'}
                onClick={() => action.mutate({ id: i.id, action: 'revoke' })}
                aria-label={`Отозвать приглашение ${name}`}
              >
                Отозвать
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              loading={action.isPending && action.variables?.action === 'resend'}
              onClick={() => action.mutate({ id: i.id, action: 'resend' })}
              aria-label={`Отправить повторно приглашение ${name}`}
            >
              Отправить повторно
            </Button>
          </Group>
        )}
        {action.isSuccess && action.variables?.action === 'resend' && (
          <Text size="sm" c="green.8" role="status">
            Приглашение отправлено повторно.
          </Text>
        )}
        {action.isError && (
          <Text size="sm" c="red.8" role="alert">
            {errorMessage(errorCodeOf(action.error))}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function InviteForm({ onDone, onCancel }: { onDone(email: string): void; onCancel(): void }) {
  const invite = useInvite();
  const groups = useAccessGroups();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { email: '', lastName: '', firstName: '', withGroups: false, groups: [] as AccessGroup[] },
    schema: invitationRequestSchema,
    toInput: ({ withGroups, groups: chosen, ...rest }) => ({ ...rest, groups: withGroups ? chosen : [] }),
    submit: (body) => invite.mutateAsync(body),
    onSuccess: (invitation) => onDone(invitation.email),
  });
  const withGroups = form.getValues().withGroups;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="invite-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2} size="h4" id="invite-title">
            Пригласить сотрудника
          </Title>
          <Text size="sm" c="dimmed">
            Сотрудник должен иметь подтверждённую учётную запись физического лица. На указанный адрес придёт
            письмо со ссылкой; приглашение действительно для однократного использования в течение 60 суток.
          </Text>
          <TextInput label="Адрес электронной почты" {...form.getInputProps('email')} required type="email" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Фамилия" {...form.getInputProps('lastName')} required />
            <TextInput label="Имя" {...form.getInputProps('firstName')} required />
          </SimpleGrid>
          <Checkbox
            label="Включить участника в группы"
            {...form.getInputProps('withGroups', { type: 'checkbox' })}
          />
          {withGroups && (
            <Checkbox.Group
              label="Группы"
              value={form.getValues().groups}
              onChange={(v) => form.setFieldValue('groups', v as AccessGroup[])}
              error={form.errors.groups}
            >
              <Stack gap="xs" mt="xs">
                {groups.isPending && <Loader size="xs" role="status" aria-label="Загрузка групп" />}
                {groups.data?.groups.map((g) => (
                  <Checkbox
                    key={g.group}
                    value={g.group}
                    label={accessGroupInfo[g.group].label}
                    disabled={!g.open}
                    description={g.open ? undefined : lockText(g)}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <FormMessage message={formError} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              Продолжить
            </Button>
            <Button variant="default" onClick={onCancel}>
              Отмена
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
