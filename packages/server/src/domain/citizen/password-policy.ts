import { digitsOnly, normalizeEmail } from '@openesia/contracts';

/**
 * The password policy of a citizen account (seed 000: the password is set by typing it twice).
 * Follows NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules, and a refusal of
 * passwords found in lists of common or breached passwords and of the account's own identifiers.
 * Pure: the list of common passwords is handed in (lib/common-passwords.ts reads the data file).
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblemCode =
  | 'required'
  | 'password.too_short'
  | 'password.too_long'
  | 'password.common'
  | 'password.same_as_login'
  | 'password.mismatch';

export interface PasswordProblem {
  path: 'password' | 'passwordRepeat';
  code: PasswordProblemCode;
}

export interface NewPassword {
  password: string;
  passwordRepeat: string;
  /** the account's logins: phones (+7…), e-mails, СНИЛС digits */
  logins: readonly string[];
}

/** ЙЦУКЕН and QWERTY share keys: "gfhjkm" is «пароль» typed without switching the layout. */
const LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const CYRILLIC_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const toCyrillic = new Map([...LATIN_KEYS].map((c, i) => [c, CYRILLIC_KEYS[i]]));
const toLatin = new Map([...CYRILLIC_KEYS].map((c, i) => [c, LATIN_KEYS[i]]));

function swapLayout(value: string, map: Map<string, string>): string {
  return [...value].map((c) => map.get(c) ?? c).join('');
}

/** Lower case, ё as е, no surrounding spaces: the form the list is written in. */
export function canonicalPassword(value: string): string {
  return value.trim().toLowerCase().replace(/ё/g, 'е');
}

/** A short run of digits or symbols appended to a common word does not make it uncommon. */
const TRIVIAL_SUFFIX = /[\d!?.@#$%^&*_+=~-]{1,4}$/;

export function isCommonPassword(password: string, common: ReadonlySet<string>): boolean {
  const base = canonicalPassword(password);
  const stripped = base.replace(TRIVIAL_SUFFIX, '');
  const candidates = new Set<string>();
  for (const v of [base, stripped.length >= 4 ? stripped : '']) {
    if (!v) continue;
    candidates.add(v);
    candidates.add(swapLayout(v, toCyrillic));
    candidates.add(swapLayout(v, toLatin).replace(/ё/g, '`'));
  }
  for (const c of candidates) if (common.has(canonicalPassword(c))) return true;
  return false;
}

/** Is the password one of the logins, however it is written (+7 (912) 345-67-89, 89123456789, СНИЛС with dashes)? */
export function isSameAsLogin(password: string, logins: readonly string[]): boolean {
  const lower = password.trim().toLowerCase();
  const email = normalizeEmail(lower);
  const onlyNumberPunctuation = /^[\d\s()+-]+$/.test(lower);
  const digits = digitsOnly(lower);
  for (const login of logins) {
    if (login.includes('@')) {
      const l = login.toLowerCase();
      if (email === l || lower === l.split('@')[0]) return true;
      continue;
    }
    if (!onlyNumberPunctuation) continue;
    const loginDigits = digitsOnly(login);
    if (login.startsWith('+7')) {
      // Russian numbers are written +7…, 8… or without the country code.
      const national = loginDigits.slice(1);
      if (digits === national || digits === `7${national}` || digits === `8${national}`) return true;
    } else if (digits === loginDigits) {
      return true;
    }
  }
  return false;
}

/** Every problem with a new password, each at its field; empty when the password is acceptable. */
export function checkNewPassword(input: NewPassword, common: ReadonlySet<string>): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const { password, passwordRepeat } = input;
  if (!password) problems.push({ path: 'password', code: 'required' });
  else if ([...password].length < PASSWORD_MIN_LENGTH)
    problems.push({ path: 'password', code: 'password.too_short' });
  else if ([...password].length > PASSWORD_MAX_LENGTH)
    problems.push({ path: 'password', code: 'password.too_long' });
  else if (isSameAsLogin(password, input.logins))
    problems.push({ path: 'password', code: 'password.same_as_login' });
  else if (isCommonPassword(password, common)) problems.push({ path: 'password', code: 'password.common' });
  if (!passwordRepeat) problems.push({ path: 'passwordRepeat', code: 'required' });
  else if (password && passwordRepeat !== password)
    problems.push({ path: 'passwordRepeat', code: 'password.mismatch' });
  return problems;
}
