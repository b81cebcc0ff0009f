import type { ApiError, FieldError } from '@openesia/contracts';

/** A refusal from the API, carrying its stable code and field codes for the form. */
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
  const body = await res.json();
  csrfToken = body.csrfToken as string;
  return csrfToken;
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
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
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (json as ApiError | undefined)?.error;
    // A CSRF token goes stale when the cookie is renewed elsewhere: fetch a new one once.
    if (error?.code === 'csrf.invalid' && !retried) {
      csrfToken = null;
      return request(method, path, body, true);
    }
    throw new ApiRequestError(
      res.status,
      error?.code ?? 'internal',
      error?.fields ?? [],
      error?.retryAfterSeconds,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
