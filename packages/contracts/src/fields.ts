import { z } from 'zod';
import { isValidSnils, normalizeEmail, normalizeMobilePhone } from './identifiers.js';

/**
 * Field schemas shared by forms and the API. Each refusal carries a stable code as its message;
 * the server reports it as `fields[].code` and the web app shows ru.ts's text for it.
 */
const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' .-]*$/;

export const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .trim()
    // abort: an empty field is reported once, as required, not also as badly formatted
    .min(1, { error: 'required', abort: true })
    .max(max, { error: 'too_long' });

export const personName = requiredText(60).regex(NAME, { error: 'name.invalid_chars' });
export const optionalPersonName = z
  .string()
  .trim()
  .max(60, { error: 'too_long' })
  .refine((v) => v === '' || NAME.test(v), { error: 'name.invalid_chars' })
  .optional();

export const mobilePhone = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .transform((v, ctx) => {
    const phone = normalizeMobilePhone(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
      return z.NEVER;
    }
    return phone;
  });

export const email = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .transform((v, ctx) => {
    const e = normalizeEmail(v);
    if (!e) {
      ctx.addIssue({ code: 'custom', message: 'email.invalid' });
      return z.NEVER;
    }
    return e;
  });

/** A login is a phone, an e-mail or a СНИЛС, as ESIA accepts (seed 000, «Войти»). */
export const loginIdentifier = requiredText(254);

export const snils = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .refine((v) => /^[\d\s-]+$/.test(v) && v.replace(/\D/g, '').length === 11, { error: 'snils.format' })
  .refine((v) => isValidSnils(v), { error: 'snils.checksum', abort: true })
  .transform((v) => v.replace(/\D/g, ''));

export const isoDate = z
  .string({ error: 'required' })
  .min(1, { error: 'required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.invalid' })
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      error: 'date.invalid',
    },
  );

export const password = z
  .string({ error: 'required' })
  .min(1, { error: 'required' })
  .max(128, { error: 'password.too_long' });

export const oneTimeCode = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .regex(/^\d{6}$/, { error: 'code.format' });
