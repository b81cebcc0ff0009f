import type { FieldError } from '@openesia/contracts';
import type { z } from 'zod';
import { ApiRequestError } from '../api/client';
import { errorMessage, errorText } from '../i18n/ru';

/** Russian messages keyed by a field's dotted path (`passport.series`), as a form shows them. */
export type FieldMessages = Record<string, string>;

/** "3 мин 05 с" / "45 с" for waits the server announces. */
export function formatWait(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} мин ${String(s).padStart(2, '0')} с` : `${s} с`;
}

/**
 * The stable code of any refusal a form meets: the API's, the browser's own (signature module,
 * `{ code }` with a text in ru.ts), else `internal`.
 */
export function errorCodeOf(error: unknown): string {
  if (error instanceof ApiRequestError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in errorText ? code : 'internal';
}

/**
 * A contract schema's refusals as messages at the fields: each issue's message is a field code
 * (contracts/fields.ts), the first one per field is shown. All fields are checked at once, so
 * every mistake shows in one round.
 */
export function schemaErrors(schema: z.ZodType, input: unknown): FieldMessages {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldMessages(parsed.error.issues.map(issueToField));
}

function issueToField(issue: z.core.$ZodIssue): FieldError {
  return { path: issue.path.map(String).join('.'), code: issue.message };
}

export function fieldMessages(errors: readonly FieldError[]): FieldMessages {
  const out: FieldMessages = {};
  for (const e of errors) out[e.path] ??= errorMessage(e.code);
  return out;
}

export interface SplitError {
  /** messages at the fields the form shows */
  fields: FieldMessages;
  /** one message for the whole form: codes that belong to no visible field, or to none at all */
  form: string | null;
}

export interface SplitOptions {
  /** whether the form shows a field at this dotted path */
  isField: (path: string) => boolean;
  /**
   * Refusals that are about one field although the API sends them without a path, e.g. a wrong
   * SMS code (`code.invalid`) belongs at «Код», not in a banner.
   */
  codeFields?: Readonly<Record<string, string>>;
  /** said for the whole form when only fields are wrong (a long form whose fields are out of view) */
  fieldsSummary?: string;
}

/**
 * Splits a refusal (`{error:{code, fields:[{path, code}]}}`, or the browser's own) into messages at
 * the form's fields and a form-level message, in ru.ts's Russian.
 */
export function splitError(error: unknown, options: SplitOptions): SplitError {
  if (!error) return { fields: {}, form: null };
  const code = errorCodeOf(error);
  const apiError = error instanceof ApiRequestError ? error : null;
  const fields: FieldMessages = {};
  const elsewhere: string[] = [];
  for (const f of apiError?.fields ?? []) {
    if (options.isField(f.path)) fields[f.path] ??= errorMessage(f.code);
    else elsewhere.push(errorMessage(f.code));
  }
  const wait = apiError?.retryAfterSeconds
    ? ` Повторить можно через ${formatWait(apiError.retryAfterSeconds)}.`
    : '';
  const ownField = options.codeFields?.[code];
  if (ownField && options.isField(ownField)) {
    fields[ownField] = errorMessage(code) + wait;
    return { fields, form: elsewhere.length ? elsewhere.join(' ') : null };
  }
  if (code === 'validation.failed') {
    const form = elsewhere.length
      ? elsewhere.join(' ')
      : Object.keys(fields).length
        ? (options.fieldsSummary ?? null)
        : errorMessage(code);
    return { fields, form };
  }
  return { fields, form: errorMessage(code) + wait };
}

/** Whether `values` has a field at a dotted path (`passport.series`). */
export function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
