import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  isCommonPassword,
  isSameAsLogin,
} from '../../../src/domain/citizen/password-policy.js';
import { commonPasswords } from '../../../src/lib/common-passwords.js';

const common = commonPasswords();
const sut = (password: string, passwordRepeat = password, logins: string[] = ['+79123456789']) =>
  checkNewPassword({ password, passwordRepeat, logins }, common);

describe('password policy', () => {
  it('accepts a long uncommon password typed the same twice', () => {
    expect(sut('Весенний-ветер-2026')).toEqual([]);
  });

  it('refuses a password shorter than 8 characters, counting Cyrillic letters as one each', () => {
    expect(sut('Ёжик-12')).toEqual([{ path: 'password', code: 'password.too_short' }]);
    expect(sut('Ёжик-123').find((p) => p.code === 'password.too_short')).toBeUndefined();
  });

  it('refuses a password longer than 128 characters', () => {
    expect(sut('я'.repeat(129))).toEqual([{ path: 'password', code: 'password.too_long' }]);
  });

  it('ships a list of thousands of common passwords, Russian ones included', () => {
    expect(common.size).toBeGreaterThan(4000);
    for (const p of ['йцукен', 'пароль', 'qwerty123', 'password1', 'фывапролджэ'])
      expect(common.has(p)).toBe(true);
  });

  it.each([
    'qwerty123',
    'Password1',
    'пароль123',
    'ПАРОЛЬ2024',
    'йцукенгшщз',
    'gfhjkm123',
    'ghbdtn12',
    'ячсмить123',
    'zaq12wsx',
    'iloveyou!',
  ])('refuses the common password %s, in any case, layout or with a short suffix', (password) => {
    expect(isCommonPassword(password, common)).toBe(true);
    expect(sut(password)).toContainEqual({ path: 'password', code: 'password.common' });
  });

  it('does not mistake a long personal phrase for a common password', () => {
    expect(isCommonPassword('Мой кот Барсик любит сметану', common)).toBe(false);
  });

  it.each([
    '+7 (912) 345-67-89',
    '89123456789',
    '79123456789',
    '9123456789',
    '+79123456789',
    '8 912 345 67 89',
  ])('refuses the phone login written as %s', (password) => {
    expect(sut(password)).toEqual([{ path: 'password', code: 'password.same_as_login' }]);
  });

  it('refuses the e-mail login in any case and its local part', () => {
    expect(isSameAsLogin('Ivan.Petrov@Example.ru', ['ivan.petrov@example.ru'])).toBe(true);
    expect(isSameAsLogin('ivan.petrov', ['ivan.petrov@example.ru'])).toBe(true);
    expect(isSameAsLogin('ivan.petrov.2026!', ['ivan.petrov@example.ru'])).toBe(false);
  });

  it('refuses the СНИЛС written with or without separators', () => {
    expect(isSameAsLogin('112-233-445 95', ['11223344595'])).toBe(true);
    expect(isSameAsLogin('11223344595', ['11223344595'])).toBe(true);
  });

  it('reports a repeat that differs at the repeat field', () => {
    expect(sut('Весенний-ветер-2026', 'Весенний-ветер-2025')).toEqual([
      { path: 'passwordRepeat', code: 'password.mismatch' },
    ]);
  });

  it('reports empty fields as required', () => {
    expect(sut('', '')).toEqual([
      { path: 'password', code: 'required' },
      { path: 'passwordRepeat', code: 'required' },
    ]);
  });
});
