import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { complaintAnswerSchema, type ComplaintFilter, type ComplaintView } from '@openesia/contracts';
import { useState } from 'react';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { useAnswerComplaint } from './api';
import { ComplaintList } from './ComplaintList';

/**
 * «Жалобы» of the organization's profile (issue 10): the complaints about its service centers,
 * the unanswered by their deadline first; the head, the administrators and the responsible person
 * named in the approved application answer each once (the answer is sent to the complainant).
 */
export function ComplaintsTab() {
  const [filter, setFilter] = useState<ComplaintFilter>('awaiting_answer');
  const [answered, setAnswered] = useState<number | null>(null);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Жалобы граждан на центры обслуживания организации. Ответьте на каждую до указанного срока: ответ
        отправляется заявителю, а жалобы без ответа видят региональный оператор и оператор ЕСИА — при
        отсутствии реагирования организацию могут заблокировать как оператора выдачи ключа ПЭП.
      </Text>
      {answered !== null && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setAnswered(null)}
        >
          Ответ на жалобу № {answered} сохранён.
        </Alert>
      )}
      <ComplaintList
        side="organization"
        filter={filter}
        onFilter={setFilter}
        refused={(code) =>
          code === 'complaint.not_responsible' ? (
            <Text c="dimmed">
              Жалобы рассматривают руководитель, администраторы и уполномоченное лицо организации, указанное в
              согласованной заявке.
            </Text>
          ) : null
        }
        actions={(c) =>
          c.status === 'awaiting_answer' ? <AnswerForm complaint={c} onAnswered={setAnswered} /> : null
        }
      />
    </Stack>
  );
}

function AnswerForm({
  complaint,
  onAnswered,
}: {
  complaint: ComplaintView;
  onAnswered(number: number): void;
}) {
  const answer = useAnswerComplaint();
  const [open, setOpen] = useState(false);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { answer: '' },
    schema: complaintAnswerSchema,
    submit: (input: { answer: string }) => answer.mutateAsync({ complaintId: complaint.id, ...input }),
    onSuccess: () => onAnswered(complaint.number),
  });
  if (!open)
    return (
      <div>
        <Button onClick={() => setOpen(true)} aria-label={`Ответить на жалобу № ${complaint.number}`}>
          Ответить
        </Button>
      </div>
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          label="Ответ заявителю"
          description={
            complaint.answerByEmail
              ? 'Ответ будет отправлен заявителю на электронную почту. Изменить его после отправки нельзя.'
              : 'Заявитель не указал адрес: ответ увидят региональный оператор и оператор ЕСИА. Изменить его после отправки нельзя.'
          }
          required
          rows={4}
          maxLength={4000}
          {...form.getInputProps('answer')}
        />
        <FormMessage message={formError} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Отправить ответ
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
