import { describe, expect, it } from 'vitest';
import { claimRows, fullName, refusalText } from './labels.js';

describe('what the portal shows of the claims', () => {
  it('names the known claims in Russian, in its order, and formats their values', () => {
    const rows = claimRows({
      sub: '1000000001',
      acr: 'urn:openesia:loa:confirmed',
      amr: ['sig'],
      birthdate: '1985-03-12',
      gender: 'female',
      family_name: 'Петрова',
      email_verified: true,
      nonce: 'not shown',
    });
    expect(rows.map((r) => [r.title, r.value])).toEqual([
      ['Фамилия', 'Петрова'],
      ['Дата рождения', '12.03.1985'],
      ['Пол', 'женский'],
      ['Адрес почты подтверждён', 'да'],
      ['Уровень учётной записи', 'Подтверждённая'],
      ['Способ входа', 'электронная подпись'],
      ['Идентификатор пользователя (oid)', '1000000001'],
    ]);
  });

  it('shows a claim it does not know under its own name, after the known ones', () => {
    const rows = claimRows({ 'urn:esia:sbj_id': 42, sub: '1' });
    expect(rows.at(-1)).toEqual({ code: 'urn:esia:sbj_id', title: 'urn:esia:sbj_id', value: '42' });
  });

  it('joins the name from its parts, without a missing patronymic', () => {
    expect(fullName({ family_name: 'Иванов', given_name: 'Иван' })).toBe('Иванов Иван');
    expect(fullName({ sub: '1' })).toBeNull();
  });

  it('explains a refusal of the provider in words', () => {
    expect(refusalText('access_denied')).toMatch(/отказали/);
    expect(refusalText('unmet_authentication_requirements')).toMatch(/Уровень/);
    expect(refusalText('something_else')).toMatch(/не удалось/);
  });
});
