import {
  digitsOnly,
  formatPhone,
  isValidSnils,
  normalizeEmail,
  normalizeMobilePhone,
  type FieldError,
  type SearchKeyKind,
  type WorkstationSearch,
} from '@openesia/contracts';

/**
 * The search of the workstation (seed 003, appendix 2: «поиск по ФИО, документу, удостоверяющему
 * личность, контактам или СНИЛС»). Every kind is an exact key, whole or not at all: a surname
 * alone, a year or half a passport number finds nothing, so the registry cannot be browsed. The
 * keys of the encrypted data (ФИО with birth date, the document, the СНИЛС) are keyed hashes, the
 * same the registration stores (personal_data.*_lookup): nothing is decrypted to search.
 */
export type SearchKey =
  | { kind: 'name_birth'; value: string }
  | { kind: 'document'; value: string }
  | { kind: 'snils'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'email'; value: string };

/**
 * One spelling of a name for the key: case, «ё», spaces and hyphens do not make another person
 * (a passport says «Семёнов», the citizen typed «Семенов»).
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFC')
    .toLocaleUpperCase('ru-RU')
    .replace(/Ё/g, 'Е')
    .replace(/[\s\u2010-\u2015-]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** What the HMAC of «ФИО and birth date» is taken over (LookupHasher kind `name_birth`). */
export function nameBirthKey(person: {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate: string;
}): string {
  return [
    normalizeName(person.lastName),
    normalizeName(person.firstName),
    normalizeName(person.middleName ?? ''),
    person.birthDate,
  ].join('|');
}

/** What the HMAC of a passport is taken over (LookupHasher kind `passport`, as personal data stores it). */
export function passportKey(series: string, number: string): string {
  return `${series.replace(/\s/g, '')}${number.replace(/\s/g, '')}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The whole keys a filled form gives, or the fields to complete. A kind partly filled is an error
 * at its empty fields («search.incomplete»); a form with no kind at all gives no keys and no errors
 * (the service answers «workstation.search_too_few_criteria»).
 */
export function searchKeys(input: WorkstationSearch): { keys: SearchKey[]; errors: FieldError[] } {
  const keys: SearchKey[] = [];
  const errors: FieldError[] = [];
  const missing = (paths: string[]) =>
    paths.forEach((path) => errors.push({ path, code: 'search.incomplete' }));

  const nameParts = { lastName: input.lastName, firstName: input.firstName, birthDate: input.birthDate };
  const nameGiven = Object.values(nameParts).some(Boolean) || Boolean(input.middleName);
  if (nameGiven) {
    const empty = Object.entries(nameParts)
      .filter(([, v]) => !v)
      .map(([k]) => k);
    if (empty.length) missing(empty);
    else if (!ISO_DATE.test(input.birthDate!)) errors.push({ path: 'birthDate', code: 'date.invalid' });
    else
      keys.push({
        kind: 'name_birth',
        value: nameBirthKey({
          lastName: input.lastName!,
          firstName: input.firstName!,
          middleName: input.middleName,
          birthDate: input.birthDate!,
        }),
      });
  }

  if (input.documentSeries || input.documentNumber) {
    const series = digitsOnly(input.documentSeries ?? '');
    const number = digitsOnly(input.documentNumber ?? '');
    if (!input.documentSeries || !input.documentNumber)
      missing([!input.documentSeries ? 'documentSeries' : 'documentNumber']);
    else if (series.length !== 4 || series !== input.documentSeries.replace(/\s/g, ''))
      errors.push({ path: 'documentSeries', code: 'passport.series_format' });
    else if (!/^\d{6}$/.test(input.documentNumber.trim()))
      errors.push({ path: 'documentNumber', code: 'passport.number_format' });
    else keys.push({ kind: 'document', value: passportKey(series, number) });
  }

  if (input.snils) {
    if (digitsOnly(input.snils).length !== 11 || !/^[\d\s-]+$/.test(input.snils))
      errors.push({ path: 'snils', code: 'snils.format' });
    else if (!isValidSnils(input.snils)) errors.push({ path: 'snils', code: 'snils.checksum' });
    else keys.push({ kind: 'snils', value: digitsOnly(input.snils) });
  }

  if (input.phone) {
    const phone = normalizeMobilePhone(input.phone);
    if (!phone) errors.push({ path: 'phone', code: 'phone.invalid' });
    else keys.push({ kind: 'phone', value: phone });
  }

  if (input.email) {
    const email = normalizeEmail(input.email);
    if (!email) errors.push({ path: 'email', code: 'email.invalid' });
    else keys.push({ kind: 'email', value: email });
  }

  return { keys, errors };
}

export const searchKeyKindsOf = (keys: SearchKey[]): SearchKeyKind[] => keys.map((k) => k.kind);

// ---- masking: what the operator's screen and the journal show of a person ----

/** «Иванов И. П.» */
export function maskedName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  const initial = (s: string | null) => (s ? `${s.slice(0, 1)}.` : '');
  return [p.lastName, initial(p.firstName), initial(p.middleName)].filter(Boolean).join(' ');
}

/** «**.**.1985» */
export const maskedBirthDate = (iso: string): string => `**.**.${iso.slice(0, 4)}`;

/** «***-***-445 95» */
export function maskedSnilsOf(digits: string): string {
  return `***-***-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** «+7 *** ***-**-67» */
export function maskedPhone(e164: string): string {
  const formatted = formatPhone(e164);
  return `+7 *** ***-**-${formatted.slice(-2)}`;
}

/** «i***@mail.ru» */
export function maskedEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local!.slice(0, 1)}***@${domain}`;
}

/** «Паспорт РФ ** ** ***456» */
export const maskedPassport = (number: string): string => `Паспорт РФ ** ** ***${number.slice(-3)}`;
