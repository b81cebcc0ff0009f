import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { federalDecisionSchema, regionalReviewSchema, type ApplicationView } from '@openesia/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { formatDate, formatDateTime } from '../citizen/profile/texts';
import { regionLabel } from '../organization/texts';
import {
  operatorBase,
  useOperatorApplication,
  useOperatorDecision,
  useOperatorQueue,
  type OperatorSide,
} from './api';
import {
  ApplicationContentView,
  ApplicationNotice,
  ApplicationTimeline,
  ApplicationVersions,
} from './ApplicationDetails';
import { ApplicationStatusBadge, daysSince, daysText, formTitle } from './texts';

const titles: Record<OperatorSide, { queue: string; lead: string; since: string; noAccess: string }> = {
  regional: {
    queue: 'Заявки по формам З и И',
    lead: 'Заявки организаций вашего региона на проверке у регионального оператора: направьте заявку оператору ЕСИА или верните её на доработку с замечаниями.',
    since: 'на проверке',
    noAccess:
      'Заявки рассматривает региональный оператор. Войдите как сотрудник регионального оператора (выбор в заголовке страницы).',
  },
  federal: {
    queue: 'Заявки на согласование',
    lead: 'Заявки, проверенные региональными операторами: согласуйте заявку или отклоните её с указанием причины.',
    since: 'на согласовании',
    noAccess: 'Заявки согласует оператор ЕСИА. Войдите под учётной записью сотрудника оператора ЕСИА.',
  },
};

const pagePath = (side: OperatorSide) =>
  side === 'regional' ? '/regional-operator/applications' : '/registry/applications';

/** The operator's queue: oldest first, each with its age and an overdue mark against the deadline. */
export function OperatorQueuePage({ side }: { side: OperatorSide }) {
  const queue = useOperatorQueue(side);
  const t = titles[side];
  let body;
  if (queue.isPending) body = <Loader role="status" aria-label="Загрузка заявок" />;
  else if (queue.isError) {
    const code = errorCodeOf(queue.error);
    body = (
      <Alert
        color={code === 'auth.forbidden' ? 'yellow' : 'red'}
        role="alert"
        title={code === 'auth.forbidden' ? 'Нет доступа к заявкам' : undefined}
      >
        {code === 'auth.forbidden' ? t.noAccess : errorMessage(code)}
      </Alert>
    );
  } else if (queue.data.applications.length === 0) body = <Text c="dimmed">Заявок на рассмотрении нет.</Text>;
  else
    body = queue.data.applications.map((a) => {
      const since = side === 'regional' ? a.submittedAt : a.forwardedAt;
      return (
        <Card key={a.id} withBorder padding="md" component="article" data-testid="queued-application">
          <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor
                component={Link}
                to={`${pagePath(side)}/${a.id}`}
                fw={600}
                style={{ overflowWrap: 'anywhere' }}
              >
                {formTitle[a.form]}: {a.organization.shortName}
              </Anchor>
              <Text size="sm" c="dimmed">
                ОГРН {a.organization.ogrn} · {regionLabel(a.organization.regionCode)} · версия {a.version}
              </Text>
              <Text size="sm">
                {t.since} {daysText(daysSince(since))} (с {formatDate(since)}), срок — до{' '}
                {formatDate(a.dueAt)}
              </Text>
            </Stack>
            {a.overdue ? (
              <Badge color="red" variant="filled">
                Просрочена
              </Badge>
            ) : (
              <ApplicationStatusBadge status={a.status} />
            )}
          </Group>
        </Card>
      );
    });
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t.queue}</Title>
        <Text c="dimmed">{t.lead}</Text>
      </Stack>
      {body}
    </Stack>
  );
}

/** One application as the operator checks it: the form, the versions with their files, the history. */
export function OperatorApplicationPage({ side }: { side: OperatorSide }) {
  const { applicationId = '' } = useParams();
  const application = useOperatorApplication(side, applicationId);
  const [done, setDone] = useState<string | null>(null);
  if (application.isPending)
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка заявки" />
      </Center>
    );
  if (application.isError)
    return (
      <Stack gap="lg">
        <Title order={1}>Заявка</Title>
        <Alert color="red" role="alert">
          {errorMessage(errorCodeOf(application.error))}
        </Alert>
      </Stack>
    );
  const a = application.data;
  const actionable = side === 'regional' ? a.status === 'submitted' : a.status === 'forwarded';
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={pagePath(side)} size="sm">
          ← {titles[side].queue}
        </Anchor>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Title order={1}>{formTitle[a.form]}</Title>
          <ApplicationStatusBadge status={a.status} />
        </Group>
        <Text style={{ overflowWrap: 'anywhere' }}>
          {a.organization.fullName} (ОГРН {a.organization.ogrn}), {regionLabel(a.organization.regionCode)}
        </Text>
        {a.dueAt && (
          <Text size="sm" c={a.overdue ? 'red' : 'dimmed'}>
            Срок рассмотрения — до {formatDateTime(a.dueAt)}
            {a.overdue ? ' (просрочена)' : ''}
          </Text>
        )}
      </Stack>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ApplicationNotice application={a} />
      <Card withBorder padding="lg">
        <ApplicationContentView content={a.versions.at(-1)?.content ?? a.content} />
      </Card>
      {actionable && <Decision side={side} application={a} onDone={setDone} />}
      <ApplicationVersions application={a} base={operatorBase[side]} />
      <ApplicationTimeline application={a} />
    </Stack>
  );
}

function Decision({
  side,
  application,
  onDone,
}: {
  side: OperatorSide;
  application: ApplicationView;
  onDone(text: string): void;
}) {
  const decide = useOperatorDecision(side, application.id);
  const [refusing, setRefusing] = useState(false);
  const name = application.organization.shortName;
  const accept = () =>
    decide.mutate(
      side === 'regional'
        ? { decision: 'forward', revision: application.revision }
        : { decision: 'approve', revision: application.revision },
      {
        onSuccess: () =>
          onDone(
            side === 'regional'
              ? `Заявка организации ${name} направлена оператору ЕСИА.`
              : `Заявка организации ${name} согласована. Организация уведомлена по электронной почте.`,
          ),
      },
    );
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="decision-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="decision-title">
          Решение
        </Title>
        {decide.isError && (
          <Alert color="red" role="alert">
            {errorMessage(errorCodeOf(decide.error))}
          </Alert>
        )}
        {refusing ? (
          <RefuseForm
            side={side}
            application={application}
            onCancel={() => setRefusing(false)}
            onDone={onDone}
          />
        ) : (
          <Group>
            <Button onClick={accept} loading={decide.isPending} w={{ base: '100%', xs: 'auto' }}>
              {side === 'regional' ? 'Направить оператору ЕСИА' : 'Согласовать'}
            </Button>
            <Button variant="default" onClick={() => setRefusing(true)} w={{ base: '100%', xs: 'auto' }}>
              {side === 'regional' ? 'Вернуть на доработку' : 'Отклонить'}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function RefuseForm({
  side,
  application,
  onCancel,
  onDone,
}: {
  side: OperatorSide;
  application: ApplicationView;
  onCancel(): void;
  onDone(text: string): void;
}) {
  const decide = useOperatorDecision(side, application.id);
  const regional = side === 'regional';
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { text: '' },
    schema: regional ? regionalReviewSchema : federalDecisionSchema,
    toInput: (v) =>
      regional
        ? { decision: 'return' as const, remarks: v.text }
        : { decision: 'reject' as const, reason: v.text },
    submit: (input) => decide.mutateAsync({ ...input, revision: application.revision }),
    onSuccess: () =>
      onDone(
        regional
          ? `Заявка организации ${application.organization.shortName} возвращена на доработку.`
          : `Заявка организации ${application.organization.shortName} отклонена.`,
      ),
    codeFields: { required: 'text', too_long: 'text' },
  });
  const inputProps = form.getInputProps('text');
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={regional ? 'Замечания' : 'Причина отклонения'}
          description={
            regional
              ? 'Что организации нужно исправить. Замечания увидят руководитель и администраторы организации.'
              : 'Причину увидят руководитель и администраторы организации.'
          }
          required
          rows={3}
          maxLength={4000}
          {...inputProps}
          error={inputProps.error ?? form.errors.remarks ?? form.errors.reason}
        />
        <FormMessage message={formError} />
        <Group>
          <Button type="submit" color={regional ? 'orange' : 'red'} loading={mutation.isPending}>
            {regional ? 'Вернуть на доработку' : 'Отклонить'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
