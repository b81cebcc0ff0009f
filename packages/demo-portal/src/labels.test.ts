import { describe, expect, it } from 'vitest';
import {
  claimRows,
  documentRow,
  esiaLevel,
  esiaMethod,
  esiaRefusalText,
  fullName,
  personRows,
  refusalText,
} from './labels.js';

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

describe('what the ESIA demo shows of ESIA’s answers', () => {
  it('reads the level from urn:esia:sbj and the method from amr', () => {
    expect(esiaLevel({ typ: 'P', is_tru: true, lvl: 'PR' })).toBe('Подтверждённая');
    expect(esiaLevel({ typ: 'P', lvl: 'P' })).toMatch(/^Не подтверждённая/);
    expect(esiaMethod('PWD')).toBe('пароль');
    expect(esiaMethod(['DS'])).toBe('электронная подпись');
  });

  it('names the person’s fields and the passport in Russian', () => {
    expect(personRows({ lastName: 'Иванов', gender: 'M', snils: '000-000-000 00', eTag: 'x' })).toEqual([
      { code: 'lastName', title: 'Фамилия', value: 'Иванов' },
      { code: 'gender', title: 'Пол', value: 'мужской' },
      { code: 'snils', title: 'СНИЛС', value: '000-000-000 00' },
    ]);
    expect(
      documentRow({
        type: 'RF_PASSPORT',
        series: '4510',
        number: '123456',
        issueDate: '01.02.2010',
        issueId: '770-001',
      }).value,
    ).toBe('серия 4510 № 123456, выдан 01.02.2010, код подразделения 770-001');
  });

  it('explains ESIA’s refusals by their code', () => {
    expect(esiaRefusalText('access_denied', 'ESIA-007004: Владелец ресурса…')).toMatch(/отказали/);
    expect(esiaRefusalText('access_denied', 'ESIA-007055: …')).toMatch(/подтверждённую/);
    expect(esiaRefusalText('invalid_client', 'ESIA-007053: …')).toMatch(/подпись/);
    expect(esiaRefusalText('invalid_request', 'ESIA-007003: …')).toBe('ЕСИА отклонила запрос системы.');
  });
});
