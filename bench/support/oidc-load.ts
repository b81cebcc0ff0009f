/**
 * The load generator of `bench oidc`, in its own process: `connections` browsers at once, each
 * running whole authorization code flows with password sign-in, one after another, each flow a
 * new browser (no cookies) and a person who has not signed in to the system before, so every flow
 * signs in with a password (argon2id) and consents. Drives OpenESIA (our sign-in API and consent
 * API, as the web app calls them) or the bare node-oidc-provider of bench/support/bare-oidc.ts
 * (its minimal forms). Also `client_credentials` grants, by autocannon.
 * argv: path to a JSON file (LoadPlan). Prints a JSON LoadResult; says 'started' over IPC.
 */
import autocannon from 'autocannon';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LoadPlan {
  mode: 'flow' | 'client_credentials';
  /** which server's sign-in and consent steps to drive */
  target: 'openesia' | 'bare';
  url: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
  seconds: number;
  connections: number;
  people: { login: string; password: string }[];
}

export interface LoadResult {
  ok: number;
  failed: number;
  /** the first failures, to read */
  errors: string[];
  p50: number;
  p99: number;
  /** HTTP requests one flow made */
  requestsPerFlow: number;
}

/** A browser: cookies by path (the provider scopes its interaction cookies), no automatic redirects. */
class Browser {
  private cookies = new Map<string, { value: string; path: string }>();
  requests = 0;

  constructor(private readonly base: string) {}

  async send(
    method: string,
    url: string,
    options: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; location: string | null; body: string }> {
    const target = new URL(url, this.base);
    const headers: Record<string, string> = { ...options.headers };
    const cookie = [...this.cookies]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    this.requests++;
    const res = await fetch(target, { method, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const path =
        attributes
          .map((a) => a.trim())
          .find((a) => /^path=/i.test(a))
          ?.slice(5) ?? '/';
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, target).toString() : null,
      body: await res.text(),
    };
  }

  /** A redirect expected: where it goes, or an error naming the step. */
  async redirect(step: string, method: string, url: string, options = {}): Promise<string> {
    const res = await this.send(method, url, options);
    if (res.status < 300 || res.status >= 400 || !res.location)
      throw new Error(`${step}: ${res.status} ${res.body.slice(0, 200)}`);
    return res.location;
  }
}

function authorizationRequest(plan: LoadPlan): { url: string; verifier: string; state: string } {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(`${plan.url}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: plan.clientId,
    redirect_uri: plan.redirectUri,
    response_type: 'code',
    scope: plan.scope,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), verifier, state };
}

/** OpenESIA: the provider's steps, and our sign-in and consent API as the web app calls it. */
async function openesiaSteps(browser: Browser, authorize: string, person: LoadPlan['people'][0]) {
  const interaction = await browser.redirect('authorize', 'GET', authorize);
  // Not signed in: the step sends the browser to our sign-in page, which comes back to it.
  const login = await browser.redirect('interaction (sign-in)', 'GET', interaction);
  if (!new URL(login).pathname.startsWith('/login')) throw new Error(`expected /login, got ${login}`);
  const session = await browser.send('GET', '/api/session');
  const csrf = { 'x-csrf-token': (JSON.parse(session.body) as { csrfToken: string }).csrfToken };
  const signedIn = await browser.send('POST', '/api/login', { json: person, headers: csrf });
  if (signedIn.status !== 200) throw new Error(`/api/login: ${signedIn.status} ${signedIn.body}`);
  const resume = await browser.redirect('interaction (signed in)', 'GET', interaction);
  const consent = await browser.redirect('resume after sign-in', 'GET', resume);
  const page = await browser.redirect('interaction (consent)', 'GET', consent);
  const uid = new URL(page).pathname.split('/').pop()!;
  const details = await browser.send('GET', `/api/oidc/interaction/${uid}/details`);
  if (details.status !== 200) throw new Error(`details: ${details.status} ${details.body}`);
  const confirmed = await browser.send('POST', `/api/oidc/interaction/${uid}/confirm`, {
    json: {},
    headers: csrf,
  });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.body}`);
  return browser.redirect('resume after consent', 'GET', JSON.parse(confirmed.body).redirectTo);
}

/** The bare provider: its minimal sign-in form and consent form (bench/support/bare-oidc.ts). */
async function bareSteps(browser: Browser, authorize: string, person: LoadPlan['people'][0]) {
  const interaction = await browser.redirect('authorize', 'GET', authorize);
  const form = await browser.send('GET', interaction);
  if (form.status !== 200) throw new Error(`login form: ${form.status} ${form.body}`);
  const resume = await browser.redirect('login', 'POST', `${interaction}/login`, { form: person });
  const consent = await browser.redirect('resume after sign-in', 'GET', resume);
  const page = await browser.send('GET', consent);
  if (page.status !== 200) throw new Error(`consent form: ${page.status} ${page.body}`);
  const back = await browser.redirect('confirm', 'POST', `${consent}/confirm`, { form: {} });
  return browser.redirect('resume after consent', 'GET', back);
}

async function oneFlow(plan: LoadPlan, person: LoadPlan['people'][0]): Promise<number> {
  const browser = new Browser(plan.url);
  const { url, verifier, state } = authorizationRequest(plan);
  const steps = plan.target === 'openesia' ? openesiaSteps : bareSteps;
  const callback = new URL(await steps(browser, url, person));
  if (callback.searchParams.get('state') !== state) throw new Error(`callback: ${callback}`);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`callback without a code: ${callback}`);
  const token = await browser.send('POST', '/oidc/token', {
    form: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: plan.redirectUri,
      code_verifier: verifier,
    },
    headers: { authorization: basic(plan) },
  });
  const tokens = token.status === 200 ? (JSON.parse(token.body) as Record<string, string>) : {};
  if (!tokens.id_token || !tokens.access_token) throw new Error(`token: ${token.status} ${token.body}`);
  return browser.requests;
}

function basic(plan: LoadPlan): string {
  const encode = (s: string) => encodeURIComponent(s); // RFC 6749 §2.3.1: form-encoded first
  return `Basic ${Buffer.from(`${encode(plan.clientId)}:${encode(plan.clientSecret)}`).toString('base64')}`;
}

async function flows(plan: LoadPlan): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  let requestsPerFlow = 0;
  let next = 0;
  const deadline = performance.now() + plan.seconds * 1000;
  process.send?.('started');
  await Promise.all(
    Array.from({ length: plan.connections }, async () => {
      while (performance.now() < deadline) {
        // Each flow a person new to the system: a returning one would skip the consent.
        const person = plan.people[next++];
        if (!person) throw new Error(`only ${plan.people.length} people: raise BENCH_PEOPLE`);
        const start = performance.now();
        try {
          requestsPerFlow = await oneFlow(plan, person);
          latencies.push(performance.now() - start);
        } catch (error) {
          failed++;
          if (errors.length < 5) errors.push(String(error));
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return { ok: latencies.length, failed, errors, p50: at(0.5), p99: at(0.99), requestsPerFlow };
}

async function clientCredentials(plan: LoadPlan): Promise<LoadResult> {
  process.send?.('started');
  const result = await autocannon({
    url: `${plan.url}/oidc/token`,
    method: 'POST',
    connections: plan.connections,
    duration: plan.seconds,
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(plan) },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: plan.scope }).toString(),
  });
  return {
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    errors: [],
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerFlow: 1,
  };
}

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan;
const result = plan.mode === 'flow' ? await flows(plan) : await clientCredentials(plan);
process.stdout.write(JSON.stringify(result));
process.disconnect?.();
