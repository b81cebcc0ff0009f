import type { FastifyInstance } from 'fastify';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/**
 * A cookie-keeping client over app.inject, behaving like the web app: it fetches the CSRF token
 * from GET /api/session and sends it on every change.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: unknown): void {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of list as string[]) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && options.csrf !== false) {
      if (!this.csrf) await this.refreshCsrf();
      headers['x-csrf-token'] = this.csrf!;
      headers.cookie = this.cookieHeader();
    }
    const res = await this.app.inject({
      method: method as any,
      url: path,
      headers,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as any } : {}),
    });
    this.remember(res.headers['set-cookie']);
    let parsed: any = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }

  /** A cookie's value as the server set it (the session token, for tests that resolve it). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async refreshCsrf(): Promise<void> {
    const res = await this.request('GET', '/api/session');
    this.csrf = res.body.csrfToken;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  /** A download: the bytes as sent, not parsed. */
  async getBytes(path: string): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await this.app.inject({ method: 'GET', url: path, headers, remoteAddress: this.ip });
    return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
  }
  post<T = any>(
    path: string,
    body: unknown = {},
    options?: { csrf?: boolean; headers?: Record<string, string> },
  ) {
    return this.request<T>('POST', path, body, options);
  }
  put<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

/** Polls until `probe` returns a value (jobs run asynchronously); fails with the last error. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
