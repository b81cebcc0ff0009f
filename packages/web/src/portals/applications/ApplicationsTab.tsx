import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { applicationForms, type ApplicationForm } from '@openesia/contracts';
import { Link, useNavigate } from 'react-router';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDate } from '../citizen/profile/texts';
import type { Abilities } from '../organization/abilities';
import { useCreateApplication, useOrganizationApplications } from './api';
import { ApplicationStatusBadge, formPurpose, formTitle } from './texts';

/**
 * «Заявки» of the organization's profile: Форма З, then Форма И (seed 000, section 4), each
 * from a draft to the federal operator's decision. A form that cannot be started says why.
 */
export function ApplicationsTab({ can }: { can: Abilities }) {
  const list = useOrganizationApplications();
  const create = useCreateApplication();
  const navigate = useNavigate();

  if (list.isPending) return <Loader role="status" aria-label="Загрузка заявок" />;
  if (list.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(list.error))}
      </Alert>
    );

  const start = (form: ApplicationForm) =>
    create.mutate(form, { onSuccess: (view) => void navigate(`/organization/applications/${view.id}`) });

  return (
    <Stack gap="lg">
      {can.manage && (
        <Stack gap="sm">
          {applicationForms.map((form) => {
            const availability = list.data.forms.find((f) => f.form === form)!;
            return (
              <Card key={form} withBorder padding="md">
                <Group justify="space-between" wrap="wrap" gap="sm">
                  <Stack gap={2} maw={560}>
                    <Text fw={600}>{formTitle[form]}</Text>
                    <Text size="sm" c="dimmed">
                      {formPurpose[form]}
                    </Text>
                    {!availability.available && availability.refusal && (
                      <Text size="sm">{errorMessage(availability.refusal)}</Text>
                    )}
                  </Stack>
                  <Button
                    onClick={() => start(form)}
                    disabled={!availability.available}
                    loading={create.isPending && create.variables === form}
                    w={{ base: '100%', xs: 'auto' }}
                  >
                    {form === 'form_z' ? 'Подать заявку по форме З' : 'Подать заявку по форме И'}
                  </Button>
                </Group>
              </Card>
            );
          })}
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(errorCodeOf(create.error))}
            </Alert>
          )}
        </Stack>
      )}
      <Stack gap="sm" component="section" aria-labelledby="applications-list-title">
        <Title order={2} size="h4" id="applications-list-title">
          Заявки организации
        </Title>
        {list.data.applications.length === 0 ? (
          <Text c="dimmed">Заявок пока нет.</Text>
        ) : (
          list.data.applications.map((a) => (
            <Card key={a.id} withBorder padding="md" data-testid="application-row">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Anchor component={Link} to={`/organization/applications/${a.id}`} fw={600}>
                    {formTitle[a.form]}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    Создана {formatDate(a.createdAt)}
                    {a.version ? ` · версия ${a.version}` : ''}
                    {a.submittedAt ? ` · отправлена ${formatDate(a.submittedAt)}` : ''}
                    {a.decidedAt ? ` · решение ${formatDate(a.decidedAt)}` : ''}
                  </Text>
                </Stack>
                <ApplicationStatusBadge status={a.status} />
              </Group>
            </Card>
          ))
        )}
      </Stack>
    </Stack>
  );
}
