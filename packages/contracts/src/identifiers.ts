/**
 * Checksums of Russian identifiers. Shared by the server's domain and the web forms,
 * so a person sees the same verdict before and after submitting.
 * Algorithms: СНИЛС — Постановление Правления ПФР № 318п (1996); ИНН — Приказ ФНС ММ-7-6/435;
 * ОГРН/ОГРНИП — Приказ ФНС САЭ-3-09/355.
 */

/** Keeps only digits: people type СНИЛС as "112-233-445 95" or "11223344595". */
export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

export function isValidSnils(value: string): boolean {
  const digits = digitsOnly(value);
  if (!/^\d{11}$/.test(digits) || value.replace(/[\d\s-]/g, '') !== '') return false;
  const number = digits.slice(0, 9);
  const control = Number(digits.slice(9));
  // Numbers up to 001-001-998 were issued before checksums were introduced.
  if (Number(number) <= 1001998) return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(number[i]) * (9 - i);
  let expected = sum % 101;
  if (expected === 100) expected = 0;
  return expected === control;
}

/** "11223344595" -> "112-233-445 95", the form people read on the green card. */
export function formatSnils(value: string): string {
  const d = digitsOnly(value);
  if (d.length !== 11) return value;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}

function innControl(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i];
  return (sum % 11) % 10;
}

/** A person's 12-digit ИНН from its first 10 digits (the last two are check digits, ФНС rules). */
export function personInnWithChecksum(tenDigits: string): string {
  const first = innControl(tenDigits, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  const eleven = `${tenDigits}${first}`;
  return `${eleven}${innControl(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])}`;
}

export function isValidInn(value: string): boolean {
  if (/^\d{10}$/.test(value)) {
    return innControl(value, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(value[9]);
  }
  if (/^\d{12}$/.test(value)) {
    return (
      innControl(value, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(value[10]) &&
      innControl(value, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(value[11])
    );
  }
  return false;
}

export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number((BigInt(value.slice(0, 12)) % 11n) % 10n) === Number(value[12]);
}

export function isValidOgrnip(value: string): boolean {
  if (!/^\d{15}$/.test(value)) return false;
  return Number((BigInt(value.slice(0, 14)) % 13n) % 10n) === Number(value[14]);
}

/** Russian mobile numbers: +7 9XX XXX-XX-XX, typed with 8 or +7 and any punctuation. */
export function normalizeMobilePhone(value: string): string | null {
  if (/[^\d\s()+-]/.test(value)) return null;
  let d = digitsOnly(value);
  if (d.length === 11 && (d.startsWith('8') || d.startsWith('7'))) d = d.slice(1);
  if (d.length !== 10 || !d.startsWith('9')) return null;
  return `+7${d}`;
}

export function formatPhone(e164: string): string {
  const d = e164.replace(/^\+7/, '');
  return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
}

const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]{2,}$/;

export function normalizeEmail(value: string): string | null {
  const v = value.trim().toLowerCase();
  return v.length <= 254 && EMAIL.test(v) ? v : null;
}
