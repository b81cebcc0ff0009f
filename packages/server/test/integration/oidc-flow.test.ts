import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcModels } from '../../src/db/schema/index.js';
import { systemActor } from '../../src/domain/policy/actor.js';
import { createSimplifiedCitizen, createStandardCitizen, uniqueEmail } from '../support/factories.js';
import { Browser, startListeningSystem } from '../support/oidc.js';
import type { TestSystem } from '../support/system.js';

/**
 * A citizen signs in to a relying party end to end (issue 13): `openid-client`, an independent
 * OpenID Connect implementation, is the relying party; the browser is a cookie-keeping fetch
 * against the system on a real port.
 */
let sut: TestSystem;
const test = systemActor('test');
let redirectUri: string;

beforeAll(async () => {
  sut = await startListeningSystem();
  redirectUri = `${sut.url}/rp/callback`;
});
afterAll(async () => sut?.stop());

let clients = 0;
async function registerClient(
  options: {
    authMethod?: 'client_secret_basic' | 'private_key_jwt' | 'none';
    scopes?: string[];
    jwks?: { keys: Record<string, unknown>[] };
    approve?: boolean;
  } = {},
): Promise<{ clientId: string; secret: string | null }> {
  const clientId = `TEST_RP_${++clients}`;
  const registered = await sut.services.oidcClients.register(
    test,
    {
      clientId,
      name: `Тестовая система ${clients}`,
      redirectUris: [redirectUri],
      scopes: options.scopes ?? ['openid', 'fullname', 'birthdate', 'gender', 'snils', 'email', 'mobile'],
      authMethod: options.authMethod ?? 'client_secret_basic',
      jwks: options.jwks,
    },
    { via: 'cli' },
  );
  if (options.approve !== false) await sut.services.oidcClients.setStatus(test, clientId, 'approved');
  return registered;
}

let lastTokenAnswer: { status: number; body: unknown } | null = null;

async function discover(clientId: string, secret: string | null, auth?: oidc.ClientAuth) {
  const config = await oidc.discovery(
    new URL(`${sut.url}/oidc`),
    clientId,
    secret ? { client_secret: secret } : undefined,
    auth ?? (secret ? oidc.ClientSecretBasic(secret) : oidc.None()),
    { execute: [oidc.allowInsecureRequests] },
  );
  config[oidc.customFetch] = async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    if (new URL(url).pathname.endsWith('/token'))
      lastTokenAnswer = {
        status: res.status,
        body: await res
          .clone()
          .json()
          .catch(() => null),
      };
    return res;
  };
  return config;
}

/** The authorization request's address, with PKCE (S256) and a state. */
async function authorizationRequest(config: oidc.Configuration, params: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid fullname birthdate snils',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...params,
  });
  return { url, verifier, state };
}

/**
 * Walks the browser from the authorization request to the redirect back to the system: signs in
 * to OpenESIA when sent to the sign-in page, consents when asked. Returns the callback address.
 */
async function walk(
  browser: Browser,
  start: URL,
  person: { login: string; password: string },
  on: { consent?: 'confirm' | 'abort'; seen?: string[] } = {},
): Promise<URL> {
  let res = await browser.get(start.toString());
  for (let step = 0; step < 12; step++) {
    const location = res.location;
    if (!location) throw new Error(`stuck at ${res.status}: ${res.text.slice(0, 300)}`);
    const url = new URL(location);
    on.seen?.push(url.pathname);
    if (location.startsWith(redirectUri)) return url;
    if (url.pathname === '/login') {
      await browser.signIn(person.login, person.password);
      const page = url.searchParams.get('next')!;
      res = await browser.get(`/api/oidc/interaction/${page.split('/').pop()}`);
      continue;
    }
    if (url.pathname.startsWith('/oidc-interaction/')) {
      const uid = url.pathname.split('/').pop()!;
      const details = await browser.get(`/api/oidc/interaction/${uid}/details`);
      expect(details.status).toBe(200);
      const action = on.consent ?? 'confirm';
      const answer = await browser.post(`/api/oidc/interaction/${uid}/${action}`);
      expect(answer.status).toBe(200);
      res = await browser.get(answer.json.redirectTo);
      continue;
    }
    res = await browser.get(location);
  }
  throw new Error('too many redirects');
}

describe('a citizen signs in to a relying party by authorization code with PKCE', () => {
  it('gives an id token and user info with the checked data, acr and amr, then refreshes with rotation', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config);
    const browser = new Browser(sut.url);
    const seen: string[] = [];
    const callback = await walk(
      browser,
      request.url,
      { login: person.email!, password: person.password },
      { seen },
    );
    expect(seen).toContain('/login');
    expect(seen.some((p) => p.startsWith('/oidc-interaction/'))).toBe(true);

    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    const claims = tokens.claims()!;
    expect(claims.acr).toBe('urn:openesia:loa:standard');
    expect(claims.amr).toEqual(['pwd']);
    expect(claims.iss).toBe(`${sut.url}/oidc`);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({
      sub: claims.sub,
      family_name: person.personalData.lastName,
      given_name: person.personalData.firstName,
      birthdate: person.personalData.birthDate,
      snils: expect.stringMatching(/^\d{3}-\d{3}-\d{3} \d{2}$/),
    });
    // Not asked for: not given.
    expect(info).not.toHaveProperty('email');
    expect(info).not.toHaveProperty('gender');

    // Refresh token rotation: the new one works, the used one no longer does.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('remembers the consent: the second sign-in asks nothing and reuses the OpenESIA session', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    await walk(new Browser(sut.url), (await authorizationRequest(config)).url, {
      login: person.email!,
      password: person.password,
    });
    // Another browser: a new provider session, the consent comes from the registry of consents.
    const seen: string[] = [];
    const browser = new Browser(sut.url);
    await browser.signIn(person.email!, person.password);
    const request = await authorizationRequest(config);
    const callback = await walk(
      browser,
      request.url,
      { login: person.email!, password: person.password },
      { seen },
    );
    expect(seen.filter((p) => p.startsWith('/oidc-interaction/') || p === '/login')).toEqual([]);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.access_token).toBeDefined();
  });

  it('authenticates a system by private_key_jwt', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const jwk = {
      ...(await crypto.subtle.exportKey('jwk', keys.publicKey)),
      kid: 'rp-1',
      alg: 'ES256',
      use: 'sig',
    };
    const { clientId } = await registerClient({ authMethod: 'private_key_jwt', jwks: { keys: [jwk] } });
    const config = await discover(clientId, null, oidc.PrivateKeyJwt({ key: keys.privateKey, kid: 'rp-1' }));
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const request = await authorizationRequest(config);
    const callback = await walk(new Browser(sut.url), request.url, {
      login: person.email!,
      password: person.password,
    });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.claims()!.aud).toBe(clientId);
  });

  it('signs a public client in (no secret, PKCE required) and takes a pushed authorization request', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { clientId } = await registerClient({ authMethod: 'none' });
    const config = await discover(clientId, null);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    // RFC 9126: the parameters go to /oidc/request first, the browser carries only request_uri.
    const url = await oidc.buildAuthorizationUrlWithPAR(config, {
      redirect_uri: redirectUri,
      scope: 'openid fullname',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    expect(url.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    expect(url.searchParams.has('scope')).toBe(false);
    const callback = await walk(new Browser(sut.url), url, {
      login: person.email!,
      password: person.password,
    });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()!.aud).toBe(clientId);
  });

  it('refuses to tell an unconfirmed account to a system that asks for a confirmed one', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config, { acr_values: 'urn:openesia:loa:confirmed' });
    const browser = new Browser(sut.url);
    await browser.signIn(person.email!, person.password);
    const entered = await browser.get(request.url.toString());
    const step = await browser.get(entered.location!);
    expect(new URL(step.location!).pathname).toMatch(/^\/oidc-interaction\//);
    const uid = new URL(step.location!).pathname.split('/').pop();
    const details = await browser.get(`/api/oidc/interaction/${uid}/details`);
    expect(details.json).toMatchObject({
      prompt: 'login',
      levelTooLow: { required: 'confirmed', current: 'standard' },
    });
    const back = await browser.post(`/api/oidc/interaction/${uid}/abort`);
    const callback = await browser.get(back.json.redirectTo);
    const answer = new URL(callback.location!);
    expect(answer.searchParams.get('error')).toBe('unmet_authentication_requirements');
    expect(answer.searchParams.has('code')).toBe(false);
  });

  it('gives a simplified account no unchecked data and its own acr', async () => {
    const person = await createSimplifiedCitizen(sut, { email: uniqueEmail() });
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config, { scope: 'openid fullname email' });
    const callback = await walk(new Browser(sut.url), request.url, {
      login: person.email!,
      password: person.password,
    });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.claims()!.acr).toBe('urn:openesia:loa:simplified');
    const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(info).toMatchObject({ email: person.email, email_verified: true });
    expect(info).not.toHaveProperty('family_name');
  });
});

/**
 * What the token endpoint answered a refused call: openid-client reports a failed client
 * authentication (401) by its WWW-Authenticate challenge, so the body is read as it passed.
 */
async function tokenRefusal(call: Promise<unknown>): Promise<{ status: number; error: unknown }> {
  lastTokenAnswer = null;
  await expect(call).rejects.toBeDefined();
  return { status: lastTokenAnswer!.status, error: (lastTokenAnswer!.body as { error?: string })?.error };
}

describe('refusals (issue 13: bad input and attacks), each with the standard OAuth error', () => {
  let person: Awaited<ReturnType<typeof createStandardCitizen>>;
  const login = () => ({ login: person.email!, password: person.password });
  beforeAll(async () => {
    person = await createStandardCitizen(sut, { email: uniqueEmail() });
  });

  /** The authorization request sent by a browser already signed in: the provider's first answer. */
  async function authorize(params: Record<string, string>) {
    const url = new URL(`${sut.url}/oidc/auth`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return new Browser(sut.url).get(url.toString());
  }
  const pkce = async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    return { verifier, challenge: await oidc.calculatePKCECodeChallenge(verifier) };
  };

  it('refuses an unknown client on a page of its own, sending nobody anywhere', async () => {
    const { challenge } = await pkce();
    const res = await authorize({
      client_id: 'NO_SUCH_SYSTEM',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.text).toContain('invalid_client');
    expect(res.text).toContain('Не удалось выполнить вход в систему');
  });

  it('knows a pending or blocked system no more than an unknown one', async () => {
    const pending = await registerClient({ approve: false });
    const blocked = await registerClient();
    await sut.services.oidcClients.setStatus(test, blocked.clientId, 'blocked');
    const { challenge } = await pkce();
    for (const clientId of [pending.clientId, blocked.clientId]) {
      const res = await authorize({
        client_id: clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.text).toContain('invalid_client');
    }
    // Its token endpoint refuses it too.
    const config = await discover(blocked.clientId, blocked.secret);
    expect(await tokenRefusal(oidc.refreshTokenGrant(config, 'whatever'))).toEqual({
      status: 401,
      error: 'invalid_client',
    });
  });

  it('compares the redirect URI exactly: another path, a query or a trailing slash is refused', async () => {
    const { clientId } = await registerClient();
    const { challenge } = await pkce();
    for (const wrong of [
      `${redirectUri}/`,
      `${redirectUri}?x=1`,
      `${sut.url}/rp/other`,
      'https://evil.example/cb',
    ]) {
      const res = await authorize({
        client_id: clientId,
        redirect_uri: wrong,
        response_type: 'code',
        scope: 'openid',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.text).toContain('redirect_uri');
    }
  });

  it('requires PKCE: a request without code_challenge goes back with invalid_request', async () => {
    const { clientId } = await registerClient();
    const res = await authorize({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 's1',
    });
    const back = new URL(res.location!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses a scope the system is not allowed, with invalid_scope', async () => {
    const { clientId } = await registerClient({ scopes: ['openid', 'fullname'] });
    const { challenge } = await pkce();
    const res = await authorize({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid fullname snils',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const back = new URL(res.location!);
    expect(back.searchParams.get('error')).toBe('invalid_scope');
  });

  it('refuses a missing or wrong PKCE verifier at the token endpoint', async () => {
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config);
    const callback = await walk(new Browser(sut.url), request.url, login());
    await expect(
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: request.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });

    const second = await authorizationRequest(config);
    const callback2 = await walk(new Browser(sut.url), second.url, login());
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback2.searchParams.get('code')!,
      redirect_uri: redirectUri,
    });
    const res = await fetch(`${sut.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code used twice and revokes the tokens the first use gave', async () => {
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config);
    const callback = await walk(new Browser(sut.url), request.url, login());
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state };
    const tokens = await oidc.authorizationCodeGrant(config, callback, checks);
    const userinfo = () =>
      fetch(`${sut.url}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await userinfo()).status).toBe(200);
    await expect(oidc.authorizationCodeGrant(config, callback, checks)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await userinfo()).status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses an expired code', async () => {
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config);
    const callback = await walk(new Browser(sut.url), request.url, login());
    // The code's row lives 60 s: moved past its expiry as if a minute had gone by.
    await sut.database.db
      .update(oidcModels)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oidcModels.model, 'AuthorizationCode'));
    await expect(
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong client secret and a private_key_jwt signed by another key', async () => {
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const request = await authorizationRequest(config);
    const callback = await walk(new Browser(sut.url), request.url, login());
    const wrong = await discover(clientId, 'not-the-secret');
    expect(
      await tokenRefusal(
        oidc.authorizationCodeGrant(wrong, callback, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
        }),
      ),
    ).toEqual({ status: 401, error: 'invalid_client' });

    const registered = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const other = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const jwk = {
      ...(await crypto.subtle.exportKey('jwk', registered.publicKey)),
      kid: 'k1',
      alg: 'ES256',
      use: 'sig',
    };
    const jwtClient = await registerClient({ authMethod: 'private_key_jwt', jwks: { keys: [jwk] } });
    const forged = await discover(
      jwtClient.clientId,
      null,
      oidc.PrivateKeyJwt({ key: other.privateKey, kid: 'k1' }),
    );
    expect(await tokenRefusal(oidc.refreshTokenGrant(forged, 'whatever'))).toEqual({
      status: 401,
      error: 'invalid_client',
    });
  });
});

describe('«Предоставленные разрешения»: the citizen sees and withdraws consents', () => {
  it('lists the system, withdraws: its tokens stop working and the next sign-in asks again', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { clientId, secret } = await registerClient();
    const config = await discover(clientId, secret);
    const browser = new Browser(sut.url);
    const request = await authorizationRequest(config);
    const callback = await walk(browser, request.url, { login: person.email!, password: person.password });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });

    const list = await browser.get('/api/oidc/consents');
    expect(list.json.consents).toEqual([
      expect.objectContaining({
        clientId,
        clientName: expect.stringContaining('Тестовая система'),
        scopes: expect.arrayContaining(['openid', 'fullname', 'birthdate', 'snils']),
      }),
    ]);
    expect((await browser.request('DELETE', `/api/oidc/consents/${clientId}`)).status).toBe(204);
    expect((await browser.get('/api/oidc/consents')).json.consents).toEqual([]);
    expect((await browser.request('DELETE', `/api/oidc/consents/${clientId}`)).json.error.code).toBe(
      'oidc.consent_not_found',
    );
    const userinfo = await fetch(`${sut.url}/oidc/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(401);
    expect(await tokenRefusal(oidc.refreshTokenGrant(config, tokens.refresh_token!))).toEqual({
      status: 400,
      error: 'invalid_grant',
    });
    // Same browser, same provider session: consent is asked again.
    const seen: string[] = [];
    await walk(
      browser,
      (await authorizationRequest(config)).url,
      {
        login: person.email!,
        password: person.password,
      },
      { seen },
    );
    expect(seen.some((p) => p.startsWith('/oidc-interaction/'))).toBe(true);
  });

  it('refuses the list to someone not signed in', async () => {
    const res = await new Browser(sut.url).get('/api/oidc/consents');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('auth.required');
  });
});

describe('RP-initiated logout', () => {
  it('asks in Russian, ends the provider session and returns to the system', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const clientId = `TEST_RP_${++clients}`;
    const { secret } = await sut.services.oidcClients.register(
      test,
      {
        clientId,
        name: 'Система с выходом',
        redirectUris: [redirectUri],
        postLogoutRedirectUris: [`${sut.url}/rp/logged-out`],
        scopes: ['openid'],
        authMethod: 'client_secret_basic',
      },
      { via: 'cli' },
    );
    await sut.services.oidcClients.setStatus(test, clientId, 'approved');
    const config = await discover(clientId, secret);
    const browser = new Browser(sut.url);
    const request = await authorizationRequest(config, { scope: 'openid' });
    const callback = await walk(browser, request.url, { login: person.email!, password: person.password });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    const end = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${sut.url}/rp/logged-out`,
      state: 'bye',
    });
    const question = await browser.get(end.toString());
    expect(question.status).toBe(200);
    expect(question.text).toContain('Завершить вход через OpenESIA');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.text)![1]!;
    const action = /action="([^"]+)"/.exec(question.text)![1]!;
    const done = await browser.postForm(action, { xsrf, logout: 'yes' });
    const back = new URL(done.location!);
    expect(`${back.origin}${back.pathname}`).toBe(`${sut.url}/rp/logged-out`);
    expect(back.searchParams.get('state')).toBe('bye');
  });
});
