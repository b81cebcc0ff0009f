/**
 * How the portal names what it asks for and what it receives, in Russian. The portal is a relying
 * party like any other: it knows the provider only by its published metadata and these names of
 * ESIA's scopes and of the standard claims (OpenID Connect Core §5.1), not by the server's code.
 */

/** Scopes as ESIA names them (Методические рекомендации ЕСИА), with what each gives. */
export const scopeTitles: Record<string, string> = {
  fullname: 'ФИО',
  birthdate: 'Дата рождения',
  birthplace: 'Место рождения',
  gender: 'Пол',
  snils: 'СНИЛС',
  inn: 'ИНН',
  id_doc: 'Документ, удостоверяющий личность',
  email: 'Адрес электронной почты',
  mobile: 'Номер мобильного телефона',
  contacts: 'Контактные данные',
  usr_org: 'Организации, сотрудником которых является пользователь',
};

/** Levels of trust of the account (`acr`), as OpenESIA publishes them in acr_values_supported. */
export const levelTitles: Record<string, string> = {
  'urn:openesia:loa:simplified': 'Упрощённая',
  'urn:openesia:loa:standard': 'Стандартная',
  'urn:openesia:loa:confirmed': 'Подтверждённая',
};

/** Sign-in methods (`amr`, RFC 8176). */
const methodTitles: Record<string, string> = {
  pwd: 'пароль',
  sig: 'электронная подпись',
  otp: 'одноразовый код',
  mfa: 'несколько факторов',
};

const genderTitles: Record<string, string> = { male: 'мужской', female: 'женский' };

type Format = (value: unknown) => string;

const text: Format = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const yesNo: Format = (v) => (v === true ? 'да' : v === false ? 'нет' : text(v));
const moscowTime: Format = (v) =>
  typeof v === 'number'
    ? `${new Intl.DateTimeFormat('ru-RU', {
        timeZone: 'Europe/Moscow',
        dateStyle: 'short',
        timeStyle: 'medium',
      }).format(new Date(v * 1000))} (МСК)`
    : text(v);
const date: Format = (v) => {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : text(v);
};

/** Every claim the portal knows, in the order it shows them; others follow under their own names. */
const claimTitles: [code: string, title: string, format: Format][] = [
  ['family_name', 'Фамилия', text],
  ['given_name', 'Имя', text],
  ['middle_name', 'Отчество', text],
  ['birthdate', 'Дата рождения', date],
  ['gender', 'Пол', (v) => genderTitles[String(v)] ?? text(v)],
  ['snils', 'СНИЛС', text],
  ['inn', 'ИНН', text],
  ['email', 'Адрес электронной почты', text],
  ['email_verified', 'Адрес почты подтверждён', yesNo],
  ['phone_number', 'Номер мобильного телефона', text],
  ['phone_number_verified', 'Номер телефона подтверждён', yesNo],
  ['acr', 'Уровень учётной записи', (v) => levelTitles[String(v)] ?? text(v)],
  [
    'amr',
    'Способ входа',
    (v) => (Array.isArray(v) ? v.map((m) => methodTitles[String(m)] ?? String(m)).join(', ') : text(v)),
  ],
  ['auth_time', 'Время входа', moscowTime],
  ['sub', 'Идентификатор пользователя (oid)', text],
  ['iss', 'Кем выдан', text],
  ['aud', 'Для какой системы', (v) => (Array.isArray(v) ? v.join(', ') : text(v))],
  ['iat', 'Когда выдан', moscowTime],
  ['exp', 'Действителен до', moscowTime],
];
/** Claims of the token's mechanics an integrator does not need to read in a table. */
const hidden = new Set(['nonce', 'at_hash', 'c_hash', 'sid', 'azp']);

export interface ClaimRow {
  code: string;
  title: string;
  value: string;
}

/** The claims as rows to show: known ones in their order with Russian titles, then the rest. */
export function claimRows(claims: Record<string, unknown>): ClaimRow[] {
  const rows: ClaimRow[] = [];
  for (const [code, title, format] of claimTitles)
    if (claims[code] !== undefined) rows.push({ code, title, value: format(claims[code]) });
  for (const [code, value] of Object.entries(claims))
    if (!hidden.has(code) && !claimTitles.some(([known]) => known === code))
      rows.push({ code, title: code, value: text(value) });
  return rows;
}

/** «Фамилия Имя Отчество», or null when the person did not share the name. */
export function fullName(claims: Record<string, unknown>): string | null {
  const parts = [claims.family_name, claims.given_name, claims.middle_name].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  return parts.length ? parts.join(' ') : null;
}

/** The provider's answer when it refuses (OAuth 2.0 §4.1.2.1, OIDC Core §3.1.2.6), for a person. */
export function refusalText(error: string): string {
  switch (error) {
    case 'access_denied':
      return 'Вы отказали порталу в доступе к данным. Войти можно снова, когда будете готовы.';
    case 'unmet_authentication_requirements':
      return 'Уровень вашей учётной записи ниже того, что требует портал. Подтвердите учётную запись и войдите снова.';
    case 'login_required':
    case 'consent_required':
    case 'interaction_required':
      return 'Для входа нужно войти в OpenESIA и дать согласие.';
    case 'invalid_scope':
      return 'Портал запросил данные, которые ему не разрешены.';
    default:
      return 'Войти не удалось. Попробуйте ещё раз.';
  }
}

// ---- The ESIA-compatible interface (esia.ts): ESIA's own names of what it sends ----

/** ESIA's `amr` / `urn:esia:amd`. */
const esiaMethodTitles: Record<string, string> = { PWD: 'пароль', DS: 'электронная подпись' };

/** How the person signed in, from the id token's `amr` (a string in ESIA, a list in OpenID Connect). */
export function esiaMethod(amr: unknown): string {
  const codes = Array.isArray(amr) ? amr.map(String) : typeof amr === 'string' ? [amr] : [];
  return codes.map((c) => esiaMethodTitles[c] ?? c).join(', ') || 'не указан';
}

/** The account's level from `urn:esia:sbj` (`is_tru` only for a confirmed account, `lvl` PR or P). */
export function esiaLevel(sbj: unknown): string {
  const s = (sbj && typeof sbj === 'object' ? sbj : {}) as { is_tru?: unknown; lvl?: unknown };
  if (s.is_tru === true || s.lvl === 'PR') return 'Подтверждённая';
  if (s.lvl === 'P') return 'Не подтверждённая (упрощённая или стандартная)';
  return 'не указан';
}

const esiaGenderTitles: Record<string, string> = { M: 'мужской', F: 'женский' };

/** The person's fields of `/rs/prns/{oid}` the page shows, in its order. */
const personFields: [code: string, title: string, format?: (v: unknown) => string][] = [
  ['lastName', 'Фамилия'],
  ['firstName', 'Имя'],
  ['middleName', 'Отчество'],
  ['birthDate', 'Дата рождения'],
  ['birthPlace', 'Место рождения'],
  ['gender', 'Пол', (v) => esiaGenderTitles[String(v)] ?? String(v)],
  ['snils', 'СНИЛС'],
  ['citizenship', 'Гражданство', (v) => (v === 'RUS' ? 'Российская Федерация' : String(v))],
  ['trusted', 'Учётная запись подтверждена', (v) => (v === true ? 'да' : v === false ? 'нет' : String(v))],
];

/** The person as rows (ESIA's field names under the Russian titles); the rest is in the JSON. */
export function personRows(person: Record<string, unknown>): ClaimRow[] {
  return personFields
    .filter(([code]) => person[code] !== undefined && person[code] !== null)
    .map(([code, title, format]) => ({
      code,
      title,
      value: format ? format(person[code]) : text(person[code]),
    }));
}

const contactTitles: Record<string, string> = {
  EML: 'Адрес электронной почты',
  MBT: 'Номер мобильного телефона',
  PHN: 'Номер телефона',
};

/** A contact of `/ctts`: what it is, its value and whether ESIA verified it. */
export function contactRow(c: Record<string, unknown>): ClaimRow {
  const verified = c.vrfStu === 'VERIFIED' ? ' (подтверждён)' : '';
  return {
    code: String(c.type),
    title: contactTitles[String(c.type)] ?? String(c.type),
    value: `${text(c.value)}${verified}`,
  };
}

/** A document of `/docs`; the passport as a person reads it. */
export function documentRow(d: Record<string, unknown>): ClaimRow {
  if (d.type === 'RF_PASSPORT')
    return {
      code: 'RF_PASSPORT',
      title: 'Паспорт гражданина Российской Федерации',
      value: [
        `серия ${text(d.series)} № ${text(d.number)}`,
        d.issueDate && `выдан ${text(d.issueDate)}`,
        d.issuedBy && text(d.issuedBy),
        d.issueId && `код подразделения ${text(d.issueId)}`,
      ]
        .filter(Boolean)
        .join(', '),
    };
  return { code: String(d.type), title: String(d.type), value: JSON.stringify(d) };
}

/** ESIA's refusal (`error`, `error_description: "ESIA-0070xx: …"`), in words for the person. */
export function esiaRefusalText(error: string, description: string): string {
  const code = /^ESIA-\d{6}/.exec(description)?.[0];
  if (code === 'ESIA-007055')
    return 'Система принимает только подтверждённую учётную запись. Подтвердите учётную запись и войдите снова.';
  if (error === 'access_denied' || code === 'ESIA-007004')
    return 'Вы отказали системе в доступе к данным. Войти можно снова, когда будете готовы.';
  if (code === 'ESIA-007011') return 'Код авторизации недействителен или уже использован. Войдите снова.';
  if (code === 'ESIA-007053' || code === 'ESIA-007002' || code === 'ESIA-008010')
    return 'ЕСИА не приняла подпись системы (client_secret) или её сертификат.';
  if (code === 'ESIA-007015') return 'ЕСИА отклонила запрос: время запроса расходится с её часами.';
  return 'ЕСИА отклонила запрос системы.';
}
