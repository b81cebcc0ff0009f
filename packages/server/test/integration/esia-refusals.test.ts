import { inCi, opensslGostEngine } from '@openesia/pki/test-support';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/policy/actor.js';
import { ManualClock } from '../../src/lib/clock.js';
import { digest } from '../../src/lib/pki/algorithms.js';
import { esiaTime, OpensslEsiaSystem } from '../support/esia.js';
import { EsiaTestClient, registerEsiaSystem, walkEsia } from '../support/esia-client.js';
import { createStandardCitizen, uniqueEmail } from '../support/factories.js';
import { Browser, startListeningSystem } from '../support/oidc.js';
import type { TestSystem } from '../support/system.js';

/**
 * Every refusal of the ESIA-compatible interface with ESIA's own code (issue 13, «Bad input and
 * attacks»), the client secrets made by OpenSSL's gost engine: each refused request changes
 * nothing, and what must be revoked (a reused code's tokens, a withdrawn consent's, a logged-out
 * session's) stops working. Skipped locally without the engine; fails under CI=true.
 */
const engine = opensslGostEngine();
let sut: TestSystem;
let system: OpensslEsiaSystem;
let client: EsiaTestClient;
let clientId: string;
const clock = new ManualClock(new Date());
let redirectUri: string;

async function signedIn() {
  const person = await createStandardCitizen(sut, { email: uniqueEmail() });
  const browser = new Browser(sut.url);
  return { person, browser, login: { login: person.email!, password: person.password } };
}

/** A code for a fresh person, through the whole browser walk. */
async function freshCode(options: Parameters<EsiaTestClient['authorizeUrl']>[0] = {}) {
  const { browser, login } = await signedIn();
  const callback = await walkEsia(browser, client.authorizeUrl(options).url, redirectUri, login);
  return { code: callback.searchParams.get('code')!, browser };
}

/** The refusal the system receives at its redirect_uri. */
async function refusedAt(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  return Object.fromEntries(location.searchParams);
}

describe('the ESIA-compatible interface refuses', () => {
  it.runIf(inCi)('has openssl with the gost engine in CI', () => {
    expect(engine).not.toBeNull();
  });
  if (!engine) return;

  beforeAll(async () => {
    sut = await startListeningSystem({}, { clock });
    redirectUri = `${sut.url}/esia-rp/callback`;
    system = new OpensslEsiaSystem();
    clock.set(new Date(Date.now() + 1000));
    clientId = await registerEsiaSystem(sut, system, redirectUri);
    client = new EsiaTestClient({ sut, clock, system, clientId, redirectUri });
  });
  afterAll(async () => {
    system?.dispose();
    await sut?.stop();
  });

  it('an unknown system, with our page (ESIA-007002), never a redirect', async () => {
    const res = await fetch(client.authorizeUrl({ override: { client_id: 'NO_SUCH_SYSTEM' } }).url, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('ESIA-007002');
  });

  it('a system not approved (pending) or without a certificate, as unknown', async () => {
    const pending = `${clientId}_P`;
    await sut.services.oidcClients.register(
      systemActor('test'),
      {
        clientId: pending,
        name: 'Без одобрения',
        redirectUris: [redirectUri],
        scopes: ['openid'],
        authMethod: 'client_secret_basic',
        certificate: system.certificatePem,
      },
      { via: 'cli' },
    );
    const res = await fetch(client.authorizeUrl({ override: { client_id: pending } }).url, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('ESIA-007002');
  });

  it('registering a certificate that is not GOST R 34.10-2012, or not a certificate', async () => {
    const rsa = execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=rsa',
        '-keyout',
        '/dev/null',
        '-days',
        '1',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const input = (certificate: string) => ({
      clientId: `BAD_${randomUUID().slice(0, 8)}`,
      name: 'Система',
      redirectUris: [redirectUri],
      scopes: ['openid'],
      authMethod: 'client_secret_basic' as const,
      certificate,
    });
    const actor = systemActor('test');
    await expect(sut.services.oidcClients.register(actor, input(rsa), { via: 'cli' })).rejects.toMatchObject({
      code: 'oidc_client.certificate_not_gost',
    });
    await expect(
      sut.services.oidcClients.register(actor, input('not a certificate'), { via: 'cli' }),
    ).rejects.toMatchObject({ code: 'oidc_client.certificate_invalid' });
    // base64 DER is taken as well as PEM.
    const der = await sut.services.oidcClients.register(
      actor,
      input(system.certificateDer.toString('base64')),
      { via: 'cli' },
    );
    expect(der.clientId).toMatch(/^BAD_/);
  });

  it('a redirect_uri not registered (exact match), with our page (ESIA-007023)', async () => {
    for (const uri of [`${redirectUri}/`, `${redirectUri}?x=1`, redirectUri.toUpperCase()]) {
      const res = await fetch(client.authorizeUrl({ override: { redirect_uri: uri } }).url, {
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('ESIA-007023');
    }
  });

  it('a forged client secret (ESIA-007053), with the state', async () => {
    const { url, state } = client.authorizeUrl({ signOverride: 'something else' });
    expect(await refusedAt(url)).toEqual({
      error: 'invalid_client',
      error_description: expect.stringMatching(/^ESIA-007053: client_secret сформирован некорректно/),
      state,
    });
  });

  it('another certificate hash (ESIA-007053), the PEM hashed instead of the DER among them', async () => {
    const pemHash = digest('streebog256', Buffer.from(system.certificatePem)).toString('hex').toUpperCase();
    const refusal = await refusedAt(
      client.authorizeUrl({ override: { client_certificate_hash: pemHash } }).url,
    );
    expect(refusal.error_description).toMatch(/^ESIA-007053: /);
  });

  it('a stale or future timestamp, or one not in ESIA format (ESIA-007015)', async () => {
    for (const timestamp of [
      esiaTime(new Date(clock.now().getTime() - 10 * 60_000)),
      esiaTime(new Date(clock.now().getTime() + 10 * 60_000)),
      clock.now().toISOString(),
    ]) {
      const refusal = await refusedAt(client.authorizeUrl({ timestamp }).url);
      expect(refusal.error_description).toMatch(/^ESIA-007015: Неверное время запроса/);
    }
  });

  it('a scope the system was not allowed, or none (ESIA-007006, ESIA-007013)', async () => {
    expect((await refusedAt(client.authorizeUrl({ scope: 'openid inn' }).url)).error_description).toMatch(
      /^ESIA-007006: /,
    );
    expect((await refusedAt(client.authorizeUrl({ scope: 'fullname' }).url)).error_description).toMatch(
      /^ESIA-007006: /,
    );
    const none = await refusedAt(client.authorizeUrl({ override: { scope: undefined } }).url);
    expect(none.error_description).toMatch(/^ESIA-007013: /);
  });

  it('a missing, duplicated or malformed parameter (ESIA-007014, ESIA-007003)', async () => {
    const missing = await refusedAt(client.authorizeUrl({ override: { timestamp: undefined } }).url);
    expect(missing.error_description).toMatch(/^ESIA-007014: Запрос не содержит обязательного параметра/);
    const { url } = client.authorizeUrl();
    expect((await refusedAt(`${url}&scope=openid`)).error_description).toMatch(/^ESIA-007003: /);
    const notCode = await refusedAt(client.authorizeUrl({ override: { response_type: 'token' } }).url);
    expect(notCode.error_description).toMatch(/^ESIA-007012: /);
  });

  it('the person refusing: ESIA-007004 access_denied with the state', async () => {
    const { browser, login } = await signedIn();
    const { url, state } = client.authorizeUrl();
    const callback = await walkEsia(browser, url, redirectUri, login, { consent: 'abort' });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toMatch(/^ESIA-007004: /);
    expect(callback.searchParams.get('state')).toBe(state);
  });

  it('a pending request from another browser: nothing found', async () => {
    const res = await fetch(client.authorizeUrl().url, { redirect: 'manual' });
    const step = new URL(res.headers.get('location')!, sut.url).pathname;
    const other = new Browser(sut.url);
    expect((await other.get(`${step}/details`)).status).toBe(404);
  });

  it('a reused code (ESIA-007011), and the tokens it gave revoked', async () => {
    const { code } = await freshCode();
    const first = await client.token({ code });
    expect(first.status).toBe(200);
    const second = await client.token({ code });
    expect(second.status).toBe(400);
    expect(second.json).toMatchObject({ error: 'invalid_grant', state: second.json.sentState });
    expect(second.json.error_description).toMatch(/^ESIA-007011: /);
    const refresh = await client.token({ refreshToken: first.json.refresh_token });
    expect(refresh.json.error_description).toMatch(/^ESIA-007011: /);
  });

  it('an expired code (ESIA-007011)', async () => {
    const { code } = await freshCode();
    clock.advance(4 * 60_000);
    try {
      const answer = await client.token({ code });
      expect(answer.status).toBe(400);
      expect(answer.json.error_description).toMatch(/^ESIA-007011: /);
    } finally {
      clock.set(new Date(Date.now() + 1000));
    }
  });

  it('a code exchanged with another redirect_uri, a forged secret or another hash', async () => {
    const { code } = await freshCode();
    const forged = await client.token({ code, signOverride: 'forged' });
    expect(forged.status).toBe(401);
    expect(forged.json.error_description).toMatch(/^ESIA-007053: /);
    const hash = await client.token({ code, override: { client_certificate_hash: '00'.repeat(32) } });
    expect(hash.json.error_description).toMatch(/^ESIA-007053: /);
    // The code was not spent by those: it still works.
    expect((await client.token({ code })).status).toBe(200);
  });

  it('an unknown system at the token endpoint (ESIA-008010)', async () => {
    const answer = await client.token({ code: 'x', override: { client_id: 'NO_SUCH_SYSTEM' } });
    expect(answer.status).toBe(401);
    expect(answer.json.error_description).toMatch(/^ESIA-008010: /);
  });

  it('PKCE: GOST3411 and S256 pass; a wrong verifier ESIA-007040; a verifier without a challenge ESIA-007039', async () => {
    const verifier = randomUUID() + randomUUID();
    const gost = digest('streebog256', Buffer.from(verifier)).toString('base64url');
    const s256 = createHash('sha256').update(verifier).digest('base64url');
    for (const [challenge, method] of [
      [gost, 'GOST3411'],
      [s256, 'S256'],
    ] as const) {
      const { code } = await freshCode({ codeChallenge: { challenge, method } });
      const wrong = await client.token({ code, codeVerifier: `${verifier}x` });
      expect(wrong.json.error_description).toMatch(/^ESIA-007040: /);
      expect((await client.token({ code, codeVerifier: verifier })).status).toBe(200);
    }
    const { code } = await freshCode();
    const unasked = await client.token({ code, codeVerifier: verifier });
    expect(unasked.json.error_description).toMatch(/^ESIA-007039: /);
  });

  it('withdrawing the consent revokes the ESIA tokens it gave', async () => {
    const { code, browser } = await freshCode();
    const tokens = (await client.token({ code })).json;
    expect((await browser.request('DELETE', `/api/oidc/consents/${clientId}`)).status).toBe(204);
    const refresh = await client.token({ refreshToken: tokens.refresh_token });
    expect(refresh.json.error_description).toMatch(/^ESIA-007011: /);
  });

  it('logout ends the session, revokes its tokens and goes back only to a registered address', async () => {
    const { code, browser } = await freshCode();
    const tokens = (await client.token({ code })).json;
    const out = await browser.get(
      `/idp/ext/Logout?client_id=${clientId}&redirect_url=${encodeURIComponent(redirectUri)}`,
    );
    expect(out.status).toBe(302);
    expect(out.location).toBe(redirectUri);
    expect((await client.token({ refreshToken: tokens.refresh_token })).json.error_description).toMatch(
      /^ESIA-007011: /,
    );
    expect((await browser.get('/api/session')).json.account ?? null).toBeNull();
    const elsewhere = await browser.get(
      `/idp/ext/Logout?client_id=${clientId}&redirect_url=https://evil.example/`,
    );
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.location).toBeNull();
  });

  it('hostile input: NUL bytes, huge values, other bodies, odd paths — an ESIA error, never a 500', async () => {
    const nul = await refusedAt(client.authorizeUrl({ override: { state: 'a\u0000b' } }).url);
    expect(nul.error_description).toMatch(/^ESIA-007003: /);
    // (A URL beyond Node's header limit, 16 KiB, is refused by the HTTP parser: 414 before any route.)
    const huge = await refusedAt(client.authorizeUrl({ override: { state: 'A'.repeat(5_000) } }).url);
    expect(huge.error_description).toMatch(/^ESIA-007003: /);
    const hugeSecret = await refusedAt(
      client.authorizeUrl({ override: { client_secret: 'A'.repeat(10_000) } }).url,
    );
    expect(hugeSecret.error_description).toMatch(/^ESIA-0070(03|53): /);
    const json = await fetch(`${sut.url}/aas/oauth2/v3/te`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId }),
    });
    expect(json.status).toBe(400);
    expect((await json.json()).error_description).toMatch(/^ESIA-0070/);
    const nulForm = await client.token({ code: 'a\u0000b' });
    expect(nulForm.json.error_description).toMatch(/^ESIA-007003: /);
    const big = await fetch(`${sut.url}/aas/oauth2/v3/te`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `code=${'x'.repeat(200_000)}`,
    });
    expect(big.status).toBe(400);
    expect((await big.json()).error_description).toMatch(/^ESIA-007003: /);
    for (const path of [
      '/aas/oauth2/v2/%61c',
      '/aas/oauth2/v2/ac%00',
      '/aas/%2e%2e/api/session',
      '/idp/ext/%FF',
    ]) {
      const res = await fetch(`${sut.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBeLessThan(500);
    }
  });
});
