import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function discover(clientId: string, secret: string | null, auth?: oidc.ClientAuth) {
  return oidc.discovery(
    new URL(`${sut.url}/oidc`),
    clientId,
    secret ? { client_secret: secret } : undefined,
    auth ?? (secret ? oidc.ClientSecretBasic(secret) : oidc.None()),
    { execute: [oidc.allowInsecureRequests] },
  );
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
