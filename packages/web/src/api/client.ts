import { apiErrorSchema, type FieldError } from '@openesia/contracts';
import type { z } from 'zod';

/**
 * A refusal from the API, carrying its stable code and field codes for the form. Also what the
 * client itself concludes: `network` (no answer) and `response.invalid` (an answer that does not
 * match the contract's response schema: a server and a page of different versions, or a proxy's
 * HTML page), so a page shows a Russian message instead of failing on an unexpected shape.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
}

let csrfToken: string | null = null;

export function rememberCsrfToken(token: string): void {
  csrfToken = token;
}

async function ensureCsrfToken(): Promise<string> {
  if (csrfToken) return csrfToken;
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  const body: unknown = await res.json().catch(() => null);
  const token = (body as { csrfToken?: unknown } | null)?.csrfToken;
  if (typeof token !== 'string') throw new ApiRequestError(res.status, 'response.invalid');
  csrfToken = token;
  return csrfToken;
}

async function request(
  method: string,
  path: string,
  body: unknown,
  schema: z.ZodType | undefined,
  retried = false,
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = await ensureCsrfToken();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, 'network');
  }
  if (res.status === 204) return undefined;
  const json = parseJson(await res.text());
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(json);
    // Not our error shape (a proxy's page, say): the status still tells a server fault from a refusal.
    if (!parsed.success)
      throw new ApiRequestError(res.status, res.status >= 500 ? 'internal' : 'response.invalid');
    const error = parsed.data.error;
    // A CSRF token goes stale when the cookie is renewed elsewhere: fetch a new one once.
    if (error.code === 'csrf.invalid' && !retried) {
      csrfToken = null;
      return request(method, path, body, schema, true);
    }
    throw new ApiRequestError(res.status, error.code, error.fields ?? [], error.retryAfterSeconds);
  }
  if (!schema) return json;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiRequestError(res.status, 'response.invalid');
  return parsed.data;
}

const NOT_JSON = Symbol('not json');

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/**
 * Every call names the contract's schema of the answer and gets its checked, typed value. Calls
 * without a schema (sign-out, deletions) get `unknown`: nothing is read from their answer.
 */
export const api = {
  get,
  post: postLike('POST'),
  put: postLike('PUT'),
  patch: postLike('PATCH'),
  delete: (path: string) => request('DELETE', path, undefined, undefined),
};

function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  return request('GET', path, undefined, schema) as Promise<z.output<S>>;
}

function postLike(method: 'POST' | 'PUT' | 'PATCH') {
  function send<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  function send(path: string, body?: unknown): Promise<unknown>;
  function send(path: string, body?: unknown, schema?: z.ZodType): Promise<unknown> {
    return request(method, path, body ?? {}, schema);
  }
  return send;
}
