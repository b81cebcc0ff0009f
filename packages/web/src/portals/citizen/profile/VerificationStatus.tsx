import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import type { PersonalDataView } from '@openesia/contracts';
import { Link } from 'react-router';
import { errorMessage } from '../../../i18n/ru';
import { checkFailureText, formatDateTime } from './texts';

/** Where the registry checks of the personal data stand, and what to do next. */
export function VerificationStatus({ view }: { view: PersonalDataView }) {
  const v = view.verification;
  if (v.state === 'not_started') {
    return (
      <Alert color="blue" variant="light" title="Заполните личные данные">
        Данные заполняются внимательно, как в паспорте. После нажатия «Сохранить» они отправятся на
        автоматическую проверку в Социальный фонд России (СНИЛС) и МВД России (паспорт).
      </Alert>
    );
  }
  if (v.state === 'in_progress') {
    return (
      <Alert
        color="blue"
        variant="light"
        title="Выполняется проверка"
        icon={<Loader size="xs" aria-hidden />}
        role="status"
      >
        Данные отправлены {formatDateTime(v.submittedAt)} на проверку в СФР и МВД. Обычно это занимает
        несколько минут; результат придёт по СМС или на электронную почту. Изменить данные можно после
        завершения проверки.
      </Alert>
    );
  }
  if (v.state === 'passed') {
    return (
      <Alert color="green" variant="light" title="Проверка пройдена" role="status">
        Личные данные подтверждены СФР и МВД {formatDateTime(v.completedAt)}.{' '}
        <Anchor component={Link} to="/profile/confirm">
          Подтвердите личность
        </Anchor>
        , чтобы получить доступ ко всем услугам.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="Ошибка проверки" role="alert">
      <Stack gap="xs">
        {v.failureReasons.map((r) => (
          <div key={r}>
            <Text fw={700} size="sm">
              {checkFailureText[r]?.title ?? errorMessage(r)}
            </Text>
            <Text size="sm">{checkFailureText[r]?.action}</Text>
          </div>
        ))}
        <Text size="sm">Исправьте данные и нажмите «Сохранить», чтобы отправить их на проверку снова.</Text>
      </Stack>
    </Alert>
  );
}
