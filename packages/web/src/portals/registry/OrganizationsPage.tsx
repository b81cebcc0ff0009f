import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  blockOrganizationSchema,
  organizationApprovalLabels,
  revokeApprovalSchema,
  type OrganizationApproval,
  organizationTypeLabels,
  type FederalOrganization,
} from '@openesia/contracts';
import { useState } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { formatDateTime } from '../citizen/profile/texts';
import {
  useBlockOrganization,
  useFederalOrganizations,
  useRevokeApproval,
  useUnblockOrganization,
} from '../complaints/api';
import { Field, personName, regionLabel } from '../organization/texts';

/**
 * «Организации» of the operator of ЕСИА (issue 10): the registered organizations, found by name,
 * ОГРН or ИНН, with their approvals, unanswered complaints and blocking. «Заблокировать» asks for
 * the reason (seed 003, appendix 1: the operator may block an issuer of simple signatures when
 * complaints go unanswered); «Снять блокировку» restores everything at once.
 */
export function OrganizationsPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [filter, setFilter] = useState<'all' | 'blocked'>('all');
  const [blocking, setBlocking] = useState<FederalOrganization | null>(null);
  const [unblocking, setUnblocking] = useState<FederalOrganization | null>(null);
  const [revoking, setRevoking] = useState<{
    organization: FederalOrganization;
    approval: OrganizationApproval;
  } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useFederalOrganizations(q, filter);

  let body;
  if (list.isPending) body = <Loader role="status" aria-label="Загрузка организаций" />;
  else if (list.isError) {
    const code = errorCodeOf(list.error);
    body =
      code === 'auth.forbidden' ? (
        <Alert color="yellow" title="Нет доступа к организациям" role="alert">
          Блокировать организации может оператор ЕСИА. Войдите под учётной записью сотрудника оператора ЕСИА.
        </Alert>
      ) : (
        <Alert color="red" role="alert">
          {errorMessage(code)}
        </Alert>
      );
  } else {
    const organizations = list.data.pages.flatMap((p) => p.organizations);
    body = (
      <Stack gap="md">
        {organizations.length === 0 && <Text c="dimmed">Организации не найдены.</Text>}
        {organizations.map((o) => (
          <OrganizationCard
            key={o.id}
            organization={o}
            onBlock={() => setBlocking(o)}
            onUnblock={() => setUnblocking(o)}
            onRevoke={(approval) => setRevoking({ organization: o, approval })}
          />
        ))}
        {list.hasNextPage && (
          <div>
            <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Показать ещё
            </Button>
          </div>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Организации</Title>
        <Text c="dimmed">
          Зарегистрированные органы и организации. Организацию, которая не реагирует на жалобы на её центры
          обслуживания, можно заблокировать как оператора выдачи ключа простой электронной подписи: её
          специалисты теряют доступ к операциям АРМ «Центр обслуживания», центры уходят с карты.
        </Text>
      </Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Поиск"
          placeholder="Название, ОГРН или ИНН"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maxLength={200}
          style={{ flex: '1 1 16rem' }}
        />
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value as 'all' | 'blocked')}
          data={[
            { value: 'all', label: 'Все' },
            { value: 'blocked', label: 'Заблокированные' },
          ]}
          aria-label="Какие организации показать"
        />
      </Group>
      {done && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setDone(null)}
        >
          {done}
        </Alert>
      )}
      {body}
      <Modal
        opened={!!blocking}
        onClose={() => setBlocking(null)}
        title="Заблокировать организацию"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        {blocking && (
          <BlockForm
            organization={blocking}
            onCancel={() => setBlocking(null)}
            onBlocked={() => {
              setDone(`Организация «${blocking.shortName}» заблокирована.`);
              setBlocking(null);
            }}
          />
        )}
      </Modal>
      <Modal
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title="Отозвать согласование"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        {revoking && (
          <RevokeForm
            organization={revoking.organization}
            approval={revoking.approval}
            onCancel={() => setRevoking(null)}
            onRevoked={() => {
              setDone(`Согласование у организации «${revoking.organization.shortName}» отозвано.`);
              setRevoking(null);
            }}
          />
        )}
      </Modal>
      <Modal
        opened={!!unblocking}
        onClose={() => setUnblocking(null)}
        title="Снять блокировку?"
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        {unblocking && (
          <UnblockConfirm
            organization={unblocking}
            onCancel={() => setUnblocking(null)}
            onUnblocked={() => {
              setDone(`Блокировка организации «${unblocking.shortName}» снята.`);
              setUnblocking(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function OrganizationCard({
  organization: o,
  onBlock,
  onUnblock,
  onRevoke,
}: {
  organization: FederalOrganization;
  onBlock(): void;
  onUnblock(): void;
  onRevoke(approval: OrganizationApproval): void;
}) {
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={`organization-${o.id}`}
      data-testid="federal-organization"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Stack gap={0}>
            <Title order={2} size="h4" id={`organization-${o.id}`} style={{ overflowWrap: 'anywhere' }}>
              {o.shortName}
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {o.fullName}
            </Text>
          </Stack>
          {o.blocking && (
            <Badge color="red" variant="filled">
              Заблокирована
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label="ОГРН" value={o.ogrn} />
          <Field label="ИНН" value={o.inn} />
          <Field label="Регион" value={regionLabel(o.regionCode)} />
          <Field label="Тип организации" value={organizationTypeLabels[o.type]} />
          <Field
            label="Согласования"
            value={
              o.approvals.length ? o.approvals.map((a) => organizationApprovalLabels[a]).join('; ') : 'нет'
            }
          />
          <Field
            label="Жалобы без ответа"
            value={`${o.complaints.awaitingAnswer}${o.complaints.overdue ? `, из них просрочено ${o.complaints.overdue}` : ''}`}
          />
        </SimpleGrid>
        {o.blocking && (
          <Alert color="red" title="Организация заблокирована как оператор выдачи ключа ПЭП">
            <Text size="sm">
              {formatDateTime(o.blocking.blockedAt)}
              {o.blocking.blockedBy ? `, ${personName(o.blocking.blockedBy)}` : ''}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              Причина: {o.blocking.reason}
            </Text>
          </Alert>
        )}
        <Group gap="sm" wrap="wrap">
          {o.approvals.map((a) => (
            <Button
              key={a}
              variant="default"
              onClick={() => onRevoke(a)}
              aria-label={`Отозвать согласование «${organizationApprovalLabels[a]}» у ${o.shortName}`}
            >
              Отозвать: {a === 'form_z' ? 'форма З' : 'форма И'}
            </Button>
          ))}
          {o.blocking ? (
            <Button variant="default" onClick={onUnblock} aria-label={`Снять блокировку ${o.shortName}`}>
              Снять блокировку
            </Button>
          ) : (
            <Button color="red" variant="light" onClick={onBlock} aria-label={`Заблокировать ${o.shortName}`}>
              Заблокировать
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function BlockForm({
  organization,
  onCancel,
  onBlocked,
}: {
  organization: FederalOrganization;
  onCancel(): void;
  onBlocked(): void;
}) {
  const block = useBlockOrganization();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { reason: '' },
    schema: blockOrganizationSchema,
    submit: (input: { reason: string }) => block.mutateAsync({ organizationId: organization.id, ...input }),
    onSuccess: onBlocked,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          «{organization.shortName}» будет заблокирована как оператор выдачи ключа простой электронной
          подписи. Сотрудники групп «Специалисты по подтверждению личности» и «Специалисты по регистрации и
          подтверждению» сразу потеряют доступ к операциям, центры обслуживания организации уйдут с карты.
          Организация получит письмо с причиной.
        </Text>
        <Textarea
          label="Причина блокировки"
          description="Её увидят руководитель и сотрудники организации"
          required
          rows={3}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <FormMessage message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            Заблокировать
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UnblockConfirm({
  organization,
  onCancel,
  onUnblocked,
}: {
  organization: FederalOrganization;
  onCancel(): void;
  onUnblocked(): void;
}) {
  const unblock = useUnblockOrganization();
  return (
    <Stack gap="sm">
      <Text size="sm">
        Специалисты «{organization.shortName}» снова смогут выполнять операции АРМ «Центр обслуживания», а
        действующие центры организации вернутся на карту. Организация получит письмо.
      </Text>
      {unblock.isError && (
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(unblock.error))}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          Отмена
        </Button>
        <Button
          loading={unblock.isPending}
          onClick={() => unblock.mutate(organization.id, { onSuccess: onUnblocked })}
        >
          Снять блокировку
        </Button>
      </Group>
    </Stack>
  );
}

function RevokeForm({
  organization,
  approval,
  onCancel,
  onRevoked,
}: {
  organization: FederalOrganization;
  approval: OrganizationApproval;
  onCancel(): void;
  onRevoked(): void;
}) {
  const revoke = useRevokeApproval();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { reason: '' },
    schema: revokeApprovalSchema,
    submit: (input: { reason: string }) =>
      revoke.mutateAsync({ organizationId: organization.id, approval, ...input }),
    onSuccess: onRevoked,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          У «{organization.shortName}» будет отозвано: {organizationApprovalLabels[approval]}
          {approval === 'form_z' && organization.approvals.includes('form_i')
            ? ', а вместе с ним и согласование по форме И'
            : ''}
          . Группы АРМ «Центр обслуживания», которые оно открывало, сразу закроются. Организация получит
          письмо с причиной и сможет подать заявку заново.
        </Text>
        <Textarea
          label="Причина"
          description="Её увидят руководитель и администраторы организации"
          required
          rows={3}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <FormMessage message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            Отозвать
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
