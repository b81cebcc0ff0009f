import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/policy/actor.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/** A free port, so the issuer (PUBLIC_URL) names the address the system listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(env: Record<string, string> = {}): Promise<TestSystem> {
  const port = await freePort();
  const sut = await startTestSystem({ env: { PUBLIC_URL: `http://127.0.0.1:${port}`, ...env } });
  await sut.app.listen({ host: '127.0.0.1', port });
  return { ...sut, url: `http://127.0.0.1:${port}` };
}

describe('the OpenID Connect provider: discovery and signing keys', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await listening();
  });
  afterAll(async () => sut?.stop());

  it('answers discovery under /oidc with the configured issuer, code flow, PKCE S256 and our scopes', async () => {
    const res = await fetch(`${sut.url}/oidc/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, any>;
    expect({ status: res.status, issuer: doc.issuer }).toEqual({ status: 200, issuer: `${sut.url}/oidc` });
    expect(doc.response_types_supported).toEqual(['code']);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'fullname', 'birthdate', 'gender', 'snils', 'email', 'mobile']),
    );
    expect(doc.acr_values_supported).toContain('urn:openesia:loa:confirmed');
    expect(doc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['private_key_jwt', 'client_secret_basic', 'none']),
    );
  });

  it('publishes one key made on first start, the same from a second process, and no private part', async () => {
    const jwks = (await (await fetch(`${sut.url}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    // Another process over the same database signs with the same key.
    const other = await sut.services.oidcKeys.keySet();
    expect(other.signingKid).toBe(jwks.keys[0]!.kid);
  });

  it('rotates: the new key is published before it signs, the old one still verifies', async () => {
    const before = await sut.services.oidcKeys.keySet();
    const rotated = await sut.services.oidcKeys.rotate(systemActor('test'));
    sut.services.oidcProvider.invalidate();
    const jwks = (await (await fetch(`${sut.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([before.signingKid, rotated.kid].sort());
    // Until its activation the old key signs.
    expect((await sut.services.oidcKeys.keySet()).signingKid).toBe(before.signingKid);
  });
});
