import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatSnils,
  isValidInn,
  isValidOgrn,
  isValidOgrnip,
  isValidSnils,
  normalizeEmail,
  normalizeMobilePhone,
} from './identifiers.js';

describe('СНИЛС', () => {
  it.each(['112-233-445 95', '123-456-789 64', '11223344595', '001-001-998 00'])('accepts %s', (v) =>
    expect(isValidSnils(v)).toBe(true),
  );
  it.each(['112-233-445 96', '1122334459', '112-233-445 9a', '', '112/233/445 95'])('refuses %s', (v) =>
    expect(isValidSnils(v)).toBe(false),
  );

  it('accepts exactly one control number for every checksummed number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1001999, max: 999999999 }), (n) => {
        const number = String(n).padStart(9, '0');
        const valid = Array.from({ length: 100 }, (_, c) => number + String(c).padStart(2, '0')).filter(
          isValidSnils,
        );
        return valid.length === 1;
      }),
      { numRuns: 200 },
    );
  });

  it('formats as the green card shows it', () => expect(formatSnils('11223344595')).toBe('112-233-445 95'));
});

describe('ИНН', () => {
  it.each(['7707083893', '500100732259'])('accepts %s', (v) => expect(isValidInn(v)).toBe(true));
  it.each(['7707083894', '500100732258', '77070838', 'abcdefghij'])('refuses %s', (v) =>
    expect(isValidInn(v)).toBe(false),
  );
});

describe('ОГРН and ОГРНИП', () => {
  it('accepts a valid ОГРН', () => expect(isValidOgrn('1027700132195')).toBe(true));
  it('refuses an invalid ОГРН', () => expect(isValidOgrn('1027700000000')).toBe(false));
  it('accepts a valid ОГРНИП', () => expect(isValidOgrnip('304500116000157')).toBe(true));
  it('refuses an ОГРНИП with a wrong control digit', () =>
    expect(isValidOgrnip('304500116000158')).toBe(false));
});

describe('contacts', () => {
  it.each([
    ['+7 (912) 345-67-89', '+79123456789'],
    ['89123456789', '+79123456789'],
    ['9123456789', '+79123456789'],
  ])('normalizes the mobile number %s', (input, expected) =>
    expect(normalizeMobilePhone(input)).toBe(expected),
  );
  it.each(['+7 (495) 123-45-67', '12345', '+7 912 345 67 8x', ''])('refuses %s as a mobile number', (v) =>
    expect(normalizeMobilePhone(v)).toBeNull(),
  );
  it('lower-cases e-mail addresses', () =>
    expect(normalizeEmail(' Ivan@Example.RU ')).toBe('ivan@example.ru'));
  it.each(['ivan@', 'ivan example.ru', '@example.ru', 'ivan@example'])('refuses %s as an e-mail', (v) =>
    expect(normalizeEmail(v)).toBeNull(),
  );
});
