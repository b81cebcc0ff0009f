import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  personalDataCalendarErrors,
  personalDataInputSchema,
  personalDataViewSchema,
  type PersonalDataView,
} from '@openesia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { personalDataKey, useRefreshAccount } from './api';
import { inputFromValues, type PersonalDataValues } from './personalDataForm';
import { BirthSection, NameSection, PassportSection, SnilsSection } from './PersonalDataSections';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The personal data form: every field checked at once, by the contract's schema and by the
 * calendar rules (a date in the future, a passport before 14), before anything is sent; the server's verdict appears at the same fields.
 */
export function PersonalDataForm({
  initialValues,
  editable,
}: {
  initialValues: PersonalDataValues;
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const refreshAccount = useRefreshAccount();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues,
    schema: personalDataInputSchema,
    toInput: inputFromValues,
    // The calendar rules need both dates well-formed; a malformed one is the schema's to report.
    check: (input) =>
      ISO_DATE.test(input.birthDate) && ISO_DATE.test(input.passport.issueDate)
        ? personalDataCalendarErrors(input, new Date())
        : [],
    submit: (input) => api.put('/me/personal-data', input, personalDataViewSchema),
    onSuccess: (saved: PersonalDataView) => {
      queryClient.setQueryData(personalDataKey, saved);
      void refreshAccount();
      notifications.show({
        color: 'blue',
        message:
          saved.verification.state === 'in_progress'
            ? 'Данные сохранены и отправлены на проверку'
            : 'Данные сохранены',
      });
    },
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={formError ? 'form-error' : undefined}>
      <fieldset disabled={!editable || mutation.isPending} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <NameSection form={form} />
          <BirthSection form={form} />
          <PassportSection form={form} />
          <SnilsSection form={form} />
          <div id="form-error">
            <FormMessage message={formError} title="Данные не сохранены" />
          </div>
          {editable && (
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                Сохранить
              </Button>
              <Text size="sm" c="dimmed">
                Данные будут отправлены на проверку в СФР и МВД.
              </Text>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
