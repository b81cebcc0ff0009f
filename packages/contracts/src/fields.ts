import { z } from 'zod';
import { isValidSnils, normalizeEmail, normalizeMobilePhone } from './identifiers.js';

/**
 * Field schemas shared by forms and the API. Each refusal carries a stable code as its message;
 * the server reports it as `fields[].code` and the web app shows ru.ts's text for it.
 */
const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' .-]*$/;

/**
 * Unicode text that can be stored and sent on: no U+0000 and no lone surrogate. PostgreSQL's text
 * cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), and a lone surrogate is not
 * a Unicode scalar value, so it has no UTF-8 form at all (Unicode 15, D76; RFC 3629 §3). In a `u`
 * regular expression a surrogate pair is one code point, so `[\uD800-\uDFFF]` matches only lone
 * ones.
 */
const STORABLE = /^[^\u0000\uD800-\uDFFF]*$/u;

/**
 * The one string every request field is built from (bodies, query strings, path parameters):
 * such text is refused here, with its own field code, before any rule or the database sees it.
 * `abort`: nothing else is said about a field that is not text at all.
 */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((v) => STORABLE.test(v), { error: 'text.invalid_chars', abort: true });

export const requiredText = (max: number) =>
  text({ error: 'required' })
    .trim()
    // abort: an empty field is reported once, as required, not also as badly formatted
    .min(1, { error: 'required', abort: true })
    .max(max, { error: 'too_long' });

export const personName = requiredText(60).regex(NAME, { error: 'name.invalid_chars' });
export const optionalPersonName = text()
  .trim()
  .max(60, { error: 'too_long' })
  .refine((v) => v === '' || NAME.test(v), { error: 'name.invalid_chars' })
  .optional();

export const mobilePhone = text({ error: 'required' })
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

export const email = text({ error: 'required' })
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

export const snils = text({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .refine((v) => /^[\d\s-]+$/.test(v) && v.replace(/\D/g, '').length === 11, { error: 'snils.format' })
  .refine((v) => isValidSnils(v), { error: 'snils.checksum', abort: true })
  .transform((v) => v.replace(/\D/g, ''));

export const isoDate = text({ error: 'required' })
  .min(1, { error: 'required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.invalid' })
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      error: 'date.invalid',
    },
  );

export const password = text({ error: 'required' })
  .min(1, { error: 'required' })
  .max(128, { error: 'password.too_long' });

export const oneTimeCode = text({ error: 'required' })
  .trim()
  .min(1, { error: 'required', abort: true })
  .regex(/^\d{6}$/, { error: 'code.format' });

/** A free text that may be left empty: empty or blank is absent. */
export const optionalText = (max: number) =>
  text()
    .trim()
    .max(max, { error: 'too_long' })
    .optional()
    .transform((v) => (v ? v : undefined));

/** An e-mail that may be left empty (absent then), normalized when given. */
export const optionalEmail = text()
  .trim()
  .max(254, { error: 'too_long' })
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const e = normalizeEmail(v);
    if (!e) {
      ctx.addIssue({ code: 'custom', message: 'email.invalid' });
      return z.NEVER;
    }
    return e;
  });

/** A person's name in an answer. */
export const personNameView = z.object({
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
});
