import { createServer } from 'node:net';
import type { Clock } from '../../src/lib/clock.js';
import { startTestSystem, type TestSystem } from './system.js';

/** A free port, so the issuer (PUBLIC_URL) names the address the system listens on. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A system listening on a real port whose PUBLIC_URL (and so the OpenID Connect issuer) is it. */
export async function startListeningSystem(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestSystem> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sut = await startTestSystem({
    env: { PUBLIC_URL: url, RATE_LIMITS: 'false', ...env },
    clock: options.clock,
  });
  await sut.app.listen({ host: '127.0.0.1', port });
  return { ...sut, url };
}

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * A browser over real HTTP: keeps cookies by path (the provider scopes its interaction cookies
 * to their paths), follows no redirect by itself, sends the CSRF token to our API.
 */
export class Browser {
  private cookies = new Map<string, StoredCookie>();
  private csrf: string | null = null;

  constructor(private readonly base: string) {}

  private cookieHeader(path: string): string {
    return [...this.cookies]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const path =
        attrs
          .map((a) => a.trim())
          .find((a) => /^path=/i.test(a))
          ?.slice(5) ?? '/';
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  async request(
    method: string,
    url: string,
    body?: unknown,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string | null; json: any; text: string }> {
    const target = new URL(url, this.base);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET' && target.pathname.startsWith('/api/')) {
      if (!this.csrf) await this.refreshCsrf();
      headers['x-csrf-token'] = this.csrf!;
      headers.cookie = this.cookieHeader(target.pathname);
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(target, {
      method,
      headers,
      redirect: 'manual',
      body: form ? new URLSearchParams(form) : body === undefined ? undefined : JSON.stringify(body),
    });
    this.remember(res);
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, target).toString() : null,
      json,
      text,
    };
  }

  async refreshCsrf(): Promise<void> {
    const res = await this.request('GET', '/api/session');
    this.csrf = res.json.csrfToken;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }

  /** A form the provider rendered, submitted as a browser does (no API CSRF header). */
  postForm(url: string, fields: Record<string, string>) {
    return this.request('POST', url, undefined, fields);
  }

  async signIn(login: string, password: string): Promise<void> {
    const res = await this.post('/api/login', { login, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  }
}
