import { Alert, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { organizationTypeLabels, regionalDecisionSchema, type RegionalQueueItem } from '@openesia/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import { Field, personName, regionLabel } from '../organization/texts';
import { useRegionalDecision, useRegionalQueue } from './api';

/**
 * «Заявки на регистрацию организаций» (seed 004, step 1.4): the regional operator of a region
 * («Электронный регион», «Агентство по информатизации и связи») confirms a state or municipal body's
 * registration in the register, or returns it with a reason.
 */
export function RegionalQueuePage() {
  const session = useSession();
  const queue = useRegionalQueue();
  const region = session.data?.staff?.regionalOperatorOf;
  const [decided, setDecided] = useState<string | null>(null);

  let body;
  if (queue.isPending) body = <Loader role="status" aria-label="Загрузка заявок" />;
  else if (queue.isError) {
    const code = errorCodeOf(queue.error);
    body =
      code === 'auth.forbidden' || code === 'auth.required' ? (
        <Alert color="yellow" title="Нет доступа к заявкам" role="alert">
          Заявки рассматривает региональный оператор: сотрудник, которому оператор ЕСИА назначил эту роль, или
          сотрудник организации — регионального оператора, вошедший от её имени
          {session.data?.actingFor ? '' : ' (выбор в заголовке страницы)'}.
        </Alert>
      ) : (
        <Alert color="red" role="alert">
          {errorMessage(code)}
        </Alert>
      );
  } else if (queue.data.organizations.length === 0)
    body = <Text c="dimmed">Заявок на рассмотрении нет.</Text>;
  else
    body = queue.data.organizations.map((o) => (
      <Application key={o.id} organization={o} onDecided={(text) => setDecided(text)} />
    ));

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Заявки на регистрацию организаций</Title>
        {region && <Text fw={500}>Региональный оператор: {regionLabel(region)}</Text>}
        <Text c="dimmed">
          Регистрация органов и организаций в регистре государственных (муниципальных) органов (организаций)
          ЕСИА, прошедших проверку в ЕГРЮЛ.
        </Text>
      </Stack>
      {decided && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDecided(null)}>
          {decided}
        </Alert>
      )}
      {body}
    </Stack>
  );
}

function Application({
  organization: o,
  onDecided,
}: {
  organization: RegionalQueueItem;
  onDecided(text: string): void;
}) {
  const decide = useRegionalDecision();
  const [returning, setReturning] = useState(false);
  const confirm = () =>
    decide.mutate(
      { organizationId: o.id, decision: { decision: 'confirm' } },
      { onSuccess: () => onDecided(`Регистрация организации «${o.shortName}» подтверждена.`) },
    );
  return (
    <Card
      withBorder
      padding="lg"
      component="article"
      aria-labelledby={`application-${o.id}`}
      data-testid="application"
    >
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={2} size="h4" id={`application-${o.id}`} style={{ overflowWrap: 'anywhere' }}>
            {o.shortName}
          </Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {o.fullName}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label="ОГРН" value={o.ogrn} />
          <Field label="ИНН" value={o.inn} />
          <Field label="КПП" value={o.kpp} />
          <Field label="Тип организации" value={organizationTypeLabels[o.type]} />
          <Field label="Регион" value={regionLabel(o.regionCode)} />
          <Field label="Проверка в ЕГРЮЛ" value={formatDate(o.checkedAt)} />
          <Field label="Руководитель" value={personName(o.head)} />
          <Field label="Должность руководителя" value={o.head.position} />
          <Field label="Заявка подана" value={formatDate(o.createdAt)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label="Юридический адрес" value={o.legalAddress} />
          <Field label="Почтовый адрес" value={o.postalAddress} />
          <Field label="Телефон" value={o.phone} />
          <Field label="Электронная почта" value={o.email} />
        </SimpleGrid>
        {decide.isError && (
          <Alert color="red" role="alert">
            {errorMessage(errorCodeOf(decide.error))}
          </Alert>
        )}
        {returning ? (
          <ReturnForm
            organization={o}
            onCancel={() => setReturning(false)}
            onDone={() => onDecided(`Заявка организации «${o.shortName}» возвращена на доработку.`)}
          />
        ) : (
          <Group>
            <Button
              onClick={confirm}
              loading={decide.isPending}
              aria-label={`Подтвердить регистрацию ${o.shortName}`}
            >
              Подтвердить
            </Button>
            <Button
              variant="default"
              onClick={() => setReturning(true)}
              aria-label={`Вернуть на доработку заявку ${o.shortName}`}
            >
              Вернуть на доработку
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ReturnForm({
  organization,
  onCancel,
  onDone,
}: {
  organization: RegionalQueueItem;
  onCancel(): void;
  onDone(): void;
}) {
  const decide = useRegionalDecision();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { decision: 'return' as const, reason: '' },
    schema: regionalDecisionSchema,
    submit: (decision) => decide.mutateAsync({ organizationId: organization.id, decision }),
    onSuccess: onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          label="Причина возврата"
          description="Что организации нужно исправить. Причину увидит руководитель организации."
          {...form.getInputProps('reason')}
          required

          rows={3}
          maxLength={2000}
        />
        <FormMessage message={formError} />
        <Group>
          <Button type="submit" color="orange" loading={mutation.isPending}>
            Вернуть на доработку
          </Button>
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
