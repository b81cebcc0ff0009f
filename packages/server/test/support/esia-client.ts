import { randomUUID } from 'node:crypto';
import { systemActor } from '../../src/domain/policy/actor.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { esiaTime, type OpensslEsiaSystem } from './esia.js';
import type { Browser } from './oidc.js';
import type { TestSystem } from './system.js';

/**
 * An ESIA client as the public libraries behave (ilimurzin/esia for v2/v3, fr05t1k/esia and
 * ekapusta/oauth2-esia for v1): builds the signed requests, walks the browser, posts the token form.
 */
export type Encoding = 'base64url' | 'base64url-padded' | 'base64';

export function encodeSecret(bytes: Buffer, encoding: Encoding = 'base64url'): string {
  if (encoding === 'base64') return bytes.toString('base64');
  const url = bytes.toString('base64url');
  return encoding === 'base64url-padded' ? url + '='.repeat((4 - (url.length % 4)) % 4) : url;
}

export interface EsiaClientOptions {
  sut: TestSystem;
  clock: ManualClock;
  system: OpensslEsiaSystem;
  clientId: string;
  redirectUri: string;
}

let registered = 0;

/** Registers and approves a system with the OpenSSL-made certificate. */
export async function registerEsiaSystem(
  sut: TestSystem,
  system: OpensslEsiaSystem,
  redirectUri: string,
  scopes = ['openid', 'fullname', 'birthdate', 'gender', 'snils', 'email', 'mobile'],
): Promise<string> {
  const clientId = `ESIA_TEST_${++registered}`;
  const actor = systemActor('test');
  await sut.services.oidcClients.register(
    actor,
    {
      clientId,
      name: `Тестовая система ЕСИА ${registered}`,
      redirectUris: [redirectUri],
      scopes,
      authMethod: 'client_secret_basic',
      certificate: system.certificatePem,
    },
    { via: 'cli' },
  );
  await sut.services.oidcClients.setStatus(actor, clientId, 'approved');
  return clientId;
}

export class EsiaTestClient {
  constructor(private readonly o: EsiaClientOptions) {}

  /** The authorization request's address; `override` replaces (undefined: removes) parameters. */
  authorizeUrl(
    options: {
      version?: 'v1' | 'v2';
      scope?: string;
      scopeOrg?: string | null;
      state?: string;
      timestamp?: string;
      accessType?: 'online' | 'offline';
      codeChallenge?: { challenge: string; method: string };
      encoding?: Encoding;
      /** sign this instead of what is sent (a forged secret) */
      signOverride?: string;
      override?: Record<string, string | undefined>;
    } = {},
  ): { url: string; state: string } {
    const { clock, system, clientId, redirectUri, sut } = this.o;
    const version = options.version ?? 'v2';
    const scope = options.scope ?? 'openid fullname birthdate snils';
    const state = options.state ?? randomUUID();
    const timestamp = options.timestamp ?? esiaTime(clock.now());
    const scopeOrg = options.scopeOrg === undefined ? '' : options.scopeOrg;
    const message =
      version === 'v2'
        ? clientId + scope + (scopeOrg ?? '') + timestamp + state + redirectUri
        : scope + timestamp + clientId + state;
    const signed = options.signOverride ?? message;
    const secret = encodeSecret(
      version === 'v2' ? system.signRaw(signed) : system.signCms(signed),
      options.encoding,
    );
    const params: Record<string, string | undefined> = {
      client_id: clientId,
      client_secret: secret,
      redirect_uri: redirectUri,
      scope,
      response_type: 'code',
      state,
      timestamp,
      access_type: options.accessType ?? 'offline',
    };
    if (version === 'v2') {
      params.client_certificate_hash = system.certificateHash;
      if (scopeOrg !== null) params.scope_org = scopeOrg;
    }
    if (options.codeChallenge) {
      params.code_challenge = options.codeChallenge.challenge;
      params.code_challenge_method = options.codeChallenge.method;
    }
    Object.assign(params, options.override ?? {});
    const query = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const path = version === 'v2' ? '/aas/oauth2/v2/ac' : '/aas/oauth2/ac';
    return { url: `${sut.url}${path}?${query}`, state };
  }

  /** Posts the token form; `grant` is the code or the refresh token. */
  async token(
    options: {
      version?: 'v1' | 'v2';
      code?: string;
      refreshToken?: string;
      scope?: string;
      codeVerifier?: string;
      timestamp?: string;
      encoding?: Encoding;
      signOverride?: string;
      override?: Record<string, string | undefined>;
    } = {},
  ): Promise<{ status: number; json: any }> {
    const { clock, system, clientId, redirectUri, sut } = this.o;
    const version = options.version ?? 'v2';
    const scope = options.scope ?? 'openid fullname birthdate snils';
    const state = randomUUID();
    const timestamp = options.timestamp ?? esiaTime(clock.now());
    const code = options.code ?? '';
    const message =
      version === 'v2'
        ? clientId + scope + '' + timestamp + state + redirectUri + (options.refreshToken ? '' : code)
        : scope + timestamp + clientId + state;
    const signed = options.signOverride ?? message;
    const secret = encodeSecret(
      version === 'v2' ? system.signRaw(signed) : system.signCms(signed),
      options.encoding,
    );
    const form: Record<string, string | undefined> = {
      client_id: clientId,
      client_secret: secret,
      redirect_uri: redirectUri,
      scope,
      state,
      timestamp,
      token_type: 'Bearer',
      grant_type: options.refreshToken ? 'refresh_token' : 'authorization_code',
      ...(options.refreshToken ? { refresh_token: options.refreshToken } : { code }),
      ...(version === 'v2' ? { client_certificate_hash: system.certificateHash, scope_org: '' } : {}),
      ...(options.codeVerifier ? { code_verifier: options.codeVerifier } : {}),
      ...options.override,
    };
    const body = new URLSearchParams(
      Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const res = await fetch(`${sut.url}${version === 'v2' ? '/aas/oauth2/v3/te' : '/aas/oauth2/te'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return {
      status: res.status,
      json: { ...(typeof json === 'object' ? json : { text: json }), sentState: state },
    };
  }
}

/**
 * Walks the browser from the authorization request to the redirect back to the system: signs in to
 * OpenESIA when sent to the sign-in page, consents (or refuses) when asked. Returns the callback.
 */
export async function walkEsia(
  browser: Browser,
  start: string,
  redirectUri: string,
  person: { login: string; password: string },
  on: { consent?: 'confirm' | 'abort'; seen?: string[] } = {},
): Promise<URL> {
  let res = await browser.get(start);
  for (let step = 0; step < 12; step++) {
    const location = res.location;
    if (!location)
      throw new Error(`stuck at ${res.status} after ${on.seen?.join(' ')}: ${res.text.slice(0, 300)}`);
    const url = new URL(location);
    on.seen?.push(url.pathname);
    if (location.startsWith(redirectUri)) {
      if (url.searchParams.get('error') && on.consent !== 'abort')
        throw new Error(`refused: ${url.searchParams.get('error_description')}`);
      return url;
    }
    if (url.pathname === '/login') {
      await browser.signIn(person.login, person.password);
      const page = url.searchParams.get('next')!;
      res = await browser.get(`/api/esia/interaction/${page.split('/').pop()}`);
      continue;
    }
    if (url.pathname.startsWith('/esia-interaction/')) {
      const id = url.pathname.split('/').pop()!;
      const details = await browser.get(`/api/esia/interaction/${id}/details`);
      if (details.status !== 200) throw new Error(`details ${details.status}: ${details.text}`);
      const answer = await browser.post(`/api/esia/interaction/${id}/${on.consent ?? 'confirm'}`);
      if (answer.status !== 200) throw new Error(`answer ${answer.status}: ${answer.text}`);
      // The answer names the system's address itself (with the code, or the refusal).
      if (String(answer.json.redirectTo).startsWith(redirectUri)) return new URL(answer.json.redirectTo);
      res = await browser.get(answer.json.redirectTo);
      continue;
    }
    res = await browser.get(location);
  }
  throw new Error('too many redirects');
}
