import type { AccountLevel } from '@openesia/contracts';

/** The three levels of seed 000, section 1, and what each opens. */
export const levelTitle: Record<AccountLevel, string> = {
  simplified: 'Упрощённая учётная запись',
  standard: 'Стандартная учётная запись',
  confirmed: 'Подтверждённая учётная запись',
};

export const levelColor: Record<AccountLevel, string> = {
  simplified: 'gray',
  standard: 'blue',
  confirmed: 'green',
};

export const levelOpens: Record<AccountLevel, string[]> = {
  simplified: [
    'Услуги справочно-информационного характера',
    'Услуги, для которых не требуется подтверждение личности',
  ],
  standard: [
    'Всё, что доступно с упрощённой учётной записью',
    'Часть государственных услуг: например, проверка штрафов и налоговой задолженности, запись к врачу',
  ],
  confirmed: [
    'Все электронные государственные услуги',
    'Вход в информационные системы органов власти',
    'Действия от имени организации: регистрация организации, работа сотрудником',
  ],
};

export const levelSteps: Array<{ level: AccountLevel; title: string; text: string }> = [
  { level: 'simplified', title: 'Упрощённая', text: 'Фамилия, имя и подтверждённый телефон или e-mail' },
  { level: 'standard', title: 'Стандартная', text: 'Личные данные проверены в СФР и МВД' },
  {
    level: 'confirmed',
    title: 'Подтверждённая',
    text: 'Личность подтверждена: в центре обслуживания, кодом по почте или электронной подписью',
  },
];

/** Why a check failed, and what to do about it (seed 000: «ошибка проверки» with the reason). */
export const checkFailureText: Record<string, { title: string; action: string }> = {
  'snils.not_found': {
    title: 'СНИЛС не найден в Социальном фонде России.',
    action:
      'Сверьте номер с документом СНИЛС. Если номер верный, обратитесь в клиентскую службу Социального фонда.',
  },
  'snils.data_mismatch': {
    title: 'ФИО, пол или дата рождения не совпадают со сведениями Социального фонда по этому СНИЛС.',
    action:
      'Проверьте, что данные введены как в паспорте. Если вы меняли фамилию, обновите сведения в Социальном фонде.',
  },
  'passport.not_found': {
    title: 'Паспорт не найден в МВД России.',
    action:
      'Проверьте серию, номер и дату выдачи. Если паспорт получен недавно, повторите попытку через несколько дней.',
  },
  'passport.invalid': {
    title: 'Паспорт недействителен по данным МВД России.',
    action:
      'Введите данные действующего паспорта. Если паспорт действителен, обратитесь в подразделение по вопросам миграции МВД.',
  },
  'passport.data_mismatch': {
    title: 'Данные паспорта не совпадают со сведениями МВД России.',
    action: 'Сверьте ФИО, дату рождения, дату выдачи и код подразделения с паспортом.',
  },
  'registry.unavailable': {
    title: 'Сервис проверки ведомства временно недоступен.',
    action: 'Ваши данные сохранены. Нажмите «Сохранить» ещё раз немного позже, чтобы повторить проверку.',
  },
};

export const checkStateText: Record<string, string> = {
  not_started: 'Не проводилась',
  in_progress: 'Выполняется проверка',
  passed: 'Проверка пройдена',
  failed: 'Ошибка проверки',
};

export const letterStateText: Record<string, string> = {
  created: 'Письмо готовится к отправке',
  sent: 'Письмо отправлено',
  delivered: 'Письмо доставлено',
  used: 'Код использован',
  expired: 'Срок действия кода истёк',
  cancelled: 'Письмо аннулировано',
};

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleDateString('ru-RU', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('ru-RU', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Moscow',
  });
}

/** "1985-03-12" -> "12.03.1985" and back; anything unparseable passes through for the server to judge. */
export function isoToRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export function ruToIso(ru: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(ru.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : ru.trim();
}
