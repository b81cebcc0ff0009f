import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { hasPath, splitError } from './errors';

const isField = (path: string) => ['code', 'passport.series', 'login'].includes(path);

describe('splitError', () => {
  it('puts field codes at the fields the form shows, in Russian, and the others in the form message', () => {
    const error = new ApiRequestError(400, 'validation.failed', [
      { path: 'passport.series', code: 'passport.series_format' },
      { path: 'snils', code: 'snils.checksum' },
    ]);
    expect(splitError(error, { isField })).toEqual({
      fields: { 'passport.series': 'Серия паспорта — 4 цифры.' },
      form: 'СНИЛС введён с ошибкой: не сходится контрольное число.',
    });
  });

  it('gives a refusal without a field to the form, with the wait the server announced', () => {
    expect(splitError(new ApiRequestError(429, 'rate.limited', [], 65), { isField })).toEqual({
      fields: {},
      form: 'Слишком много запросов. Подождите немного и повторите. Повторить можно через 1 мин 05 с.',
    });
  });

  it('puts a refusal that is about one field at that field (a wrong code at «Код»)', () => {
    const sut = splitError(new ApiRequestError(400, 'code.invalid'), {
      isField,
      codeFields: { 'code.invalid': 'code' },
    });
    expect(sut).toEqual({
      fields: { code: 'Неверный код. Проверьте код и введите его ещё раз.' },
      form: null,
    });
  });

  it('says the summary of a long form when only its fields are wrong', () => {
    const error = new ApiRequestError(400, 'validation.failed', [{ path: 'login', code: 'required' }]);
    expect(splitError(error, { isField, fieldsSummary: 'Проверьте поля.' }).form).toBe('Проверьте поля.');
    expect(splitError(error, { isField }).form).toBeNull();
  });

  it('takes a browser refusal by its code and anything else as internal', () => {
    expect(splitError({ code: 'signature.wrong_pin' }, { isField }).form).toContain('Неверный PIN-код.');
    expect(splitError(new TypeError('x'), { isField }).form).toContain('Что-то пошло не так');
  });
});

describe('hasPath', () => {
  it('finds nested and array fields by dotted path', () => {
    const values = { passport: { series: '' }, crlUrls: [''] };
    expect(hasPath(values, 'passport.series')).toBe(true);
    expect(hasPath(values, 'crlUrls.0')).toBe(true);
    expect(hasPath(values, 'passport.number')).toBe(false);
    expect(hasPath(values, 'snils')).toBe(false);
  });
});
