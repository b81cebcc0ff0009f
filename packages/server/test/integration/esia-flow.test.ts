import { inCi, opensslGostEngine } from '@openesia/pki/test-support';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { OpensslEsiaSystem } from '../support/esia.js';
import { EsiaTestClient, registerEsiaSystem, walkEsia } from '../support/esia-client.js';
import { createStandardCitizen, uniqueEmail } from '../support/factories.js';
import { Browser, startListeningSystem } from '../support/oidc.js';
import type { TestSystem } from '../support/system.js';

/**
 * A system signs a citizen in through the ESIA-compatible interface end to end (issue 13), its
 * client secrets made by OpenSSL's gost engine as ESIA's client libraries make them: v2/v3 with
 * the raw signature and client_certificate_hash, and the legacy v1 with a detached CMS.
 * Skipped locally without the engine; fails under CI=true, as the other OpenSSL proofs do.
 */
const engine = opensslGostEngine();
let sut: TestSystem;
let system: OpensslEsiaSystem;
let client: EsiaTestClient;
let clientId: string;
const clock = new ManualClock(new Date());
let redirectUri: string;

describe('the ESIA-compatible interface: a whole sign-in', () => {
  it.runIf(inCi)('has openssl with the gost engine in CI', () => {
    expect(engine).not.toBeNull();
  });
  if (!engine) return;

  beforeAll(async () => {
    sut = await startListeningSystem({}, { clock });
    redirectUri = `${sut.url}/esia-rp/callback`;
    system = new OpensslEsiaSystem();
    // The certificate is valid from the moment OpenSSL made it.
    clock.set(new Date(Date.now() + 1000));
    clientId = await registerEsiaSystem(sut, system, redirectUri);
    client = new EsiaTestClient({ sut, clock, system, clientId, redirectUri });
  });
  afterAll(async () => {
    system?.dispose();
    await sut?.stop();
  });

  async function verify(token: string) {
    const jwks = await (await fetch(`${sut.url}/oidc/jwks`)).json();
    return jwtVerify(token, createLocalJWKSet(jwks), { currentDate: clock.now() });
  }

  it('v2/v3: signs in, consents, exchanges the code for ESIA-shaped tokens, refreshes with rotation', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { url, state } = client.authorizeUrl();
    const seen: string[] = [];
    const callback = await walkEsia(
      new Browser(sut.url),
      url,
      redirectUri,
      { login: person.email!, password: person.password },
      { seen },
    );
    expect(seen).toContain('/login');
    expect(seen.some((p) => p.startsWith('/esia-interaction/'))).toBe(true);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const answer = await client.token({ code });
    expect(answer.status).toBe(200);
    const tokens = answer.json;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, state: tokens.sentState });
    expect(tokens.refresh_token).toBeTruthy();

    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({
      ver: 1,
      typ: 'JWT',
      sbt: 'access',
      alg: 'RS256',
    });
    const access = (await verify(tokens.access_token)).payload;
    const oid = access['urn:esia:sbj_id'] as number;
    expect(typeof oid).toBe('number');
    expect(access).toMatchObject({
      iss: `${sut.url}/`,
      client_id: clientId,
      scope: `openid fullname?oid=${oid} birthdate?oid=${oid} snils?oid=${oid}`,
      'urn:esia:sid': expect.any(String),
    });
    expect(access.exp! - access.iat!).toBe(3600);
    expect(access.nbf).toBe(access.iat);

    expect(decodeProtectedHeader(tokens.id_token)).toMatchObject({ sbt: 'id', alg: 'RS256' });
    const id = (await verify(tokens.id_token)).payload;
    expect(id).toMatchObject({
      aud: clientId,
      sub: String(oid),
      amr: 'PWD',
      'urn:esia:amd': 'PWD',
      'urn:esia:sid': access['urn:esia:sid'],
      'urn:esia:sbj': { typ: 'P', oid, nam: `OID.${oid}`, lvl: 'P' },
    });
    // A standard account is not «подтверждённая»: no is_tru.
    expect(id['urn:esia:sbj']).not.toHaveProperty('is_tru');
    expect(typeof id.auth_time).toBe('number');

    const refreshed = await client.token({ refreshToken: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.refresh_token).not.toBe(tokens.refresh_token);
    const again = await client.token({ refreshToken: tokens.refresh_token });
    expect(again.status).toBe(400);
    expect(again.json.error_description).toMatch(/^ESIA-007011: /);
  });

  it('remembers the consent: the second sign-in in the same session goes straight back with a code', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const browser = new Browser(sut.url);
    const login = { login: person.email!, password: person.password };
    await walkEsia(browser, client.authorizeUrl().url, redirectUri, login);
    const seen: string[] = [];
    const callback = await walkEsia(browser, client.authorizeUrl().url, redirectUri, login, { seen });
    expect(seen.filter((p) => p.startsWith('/esia-interaction/') || p === '/login')).toEqual([]);
    expect(callback.searchParams.get('code')).toBeTruthy();
    // «Предоставленные разрешения» lists the system, as for OpenID Connect.
    const consents = await browser.get('/api/oidc/consents');
    expect(consents.json.consents.map((c: { clientId: string }) => c.clientId)).toContain(clientId);
  });

  it('legacy v1: the detached CMS secret at /aas/oauth2/ac and /aas/oauth2/te', async () => {
    const person = await createStandardCitizen(sut, { email: uniqueEmail() });
    const { url, state } = client.authorizeUrl({ version: 'v1', accessType: 'online' });
    const callback = await walkEsia(new Browser(sut.url), url, redirectUri, {
      login: person.email!,
      password: person.password,
    });
    expect(callback.searchParams.get('state')).toBe(state);
    const answer = await client.token({ version: 'v1', code: callback.searchParams.get('code')! });
    expect(answer.status).toBe(200);
    expect(answer.json.access_token).toBeTruthy();
    // access_type=online: no refresh token.
    expect(answer.json).not.toHaveProperty('refresh_token');
  });

  it.each(['base64', 'base64url-padded', 'base64url'] as const)(
    'takes the secret in %s and scope_org absent or empty',
    async (encoding) => {
      const person = await createStandardCitizen(sut, { email: uniqueEmail() });
      const { url } = client.authorizeUrl({ encoding, scopeOrg: encoding === 'base64' ? null : '' });
      const callback = await walkEsia(new Browser(sut.url), url, redirectUri, {
        login: person.email!,
        password: person.password,
      });
      const answer = await client.token({ code: callback.searchParams.get('code')!, encoding });
      expect(answer.status).toBe(200);
    },
  );
});
