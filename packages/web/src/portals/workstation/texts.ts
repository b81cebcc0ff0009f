import type { AccountLevel, ConfirmationMethod } from '@openesia/contracts';

/** The level as the workstation's table names it (seed 003, appendix 2). */
export const levelShort: Record<AccountLevel, string> = {
  simplified: 'Упрощённая',
  standard: 'Стандартная',
  confirmed: 'Подтверждённая',
};

export const confirmationMethodShort: Record<ConfirmationMethod, string> = {
  post: 'Код по почте',
  service_center: 'В центре обслуживания',
  signature: 'Электронная подпись',
};

export const unavailableReasonText = {
  service_not_offered: 'Центр не оказывает услугу',
  group: 'Нет прав группы',
  account_state: 'Недоступно для учётной записи в этом состоянии',
} as const;
