import { Alert } from '@mantine/core';

/**
 * The form-level message area: a refusal that belongs to no field. `role="alert"` so a screen
 * reader says it when it appears after «Отправить».
 */
export function FormMessage({
  message,
  title = 'Не получилось',
}: {
  message: string | null;
  title?: string;
}) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" title={title} data-testid="form-message">
      {message}
    </Alert>
  );
}
