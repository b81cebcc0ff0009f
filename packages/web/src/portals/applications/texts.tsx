import { Badge } from '@mantine/core';
import {
  applicationStatusLabels,
  type ApplicationEventKind,
  type ApplicationForm,
  type ApplicationStatus,
} from '@openesia/contracts';

export const formTitle: Record<ApplicationForm, string> = {
  form_z: 'Заявка по форме З',
  form_i: 'Заявка по форме И',
};

/** What each form gives, for the list's buttons (DOMAIN.md, «Applications and approvals»). */
export const formPurpose: Record<ApplicationForm, string> = {
  form_z: 'Статус уполномоченной организации: подтверждение личности в центрах обслуживания.',
  form_i:
    'Право использования веб-приложения «Центр обслуживания» 2.0: регистрация, восстановление и удаление учётных записей.',
};

const statusColors: Record<ApplicationStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  forwarded: 'indigo',
  approved: 'green',
  rejected: 'red',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  return (
    <Badge color={statusColors[status]} variant="light" style={{ whiteSpace: 'normal', height: 'auto' }}>
      {applicationStatusLabels[status]}
    </Badge>
  );
}

export const eventLabels: Record<ApplicationEventKind, string> = {
  create: 'Черновик создан',
  submit: 'Отправлена региональному оператору',
  regional_return: 'Возвращена на доработку',
  resubmit: 'Исправлена и отправлена повторно',
  regional_forward: 'Направлена оператору ЕСИА',
  federal_approve: 'Согласована оператором ЕСИА',
  federal_reject: 'Отклонена оператором ЕСИА',
};

export const sideLabels = {
  organization: 'Организация',
  regional_operator: 'Региональный оператор',
  federal_operator: 'Оператор ЕСИА',
} as const;

/** Whole days since `iso`, for the queues' «на проверке N дн.». */
export function daysSince(iso: string | null, now = new Date()): number {
  if (!iso) return 0;
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

export function daysText(n: number): string {
  const last = n % 10;
  const teen = n % 100 >= 11 && n % 100 <= 14;
  const word = teen ? 'дней' : last === 1 ? 'день' : last >= 2 && last <= 4 ? 'дня' : 'дней';
  return `${n} ${word}`;
}
