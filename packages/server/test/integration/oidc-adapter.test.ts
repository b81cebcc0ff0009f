import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { FieldCipher, LookupHasher } from '../../src/lib/crypto.js';
import { createOidcAdapterFactory, purgeExpiredOidcModels } from '../../src/oidc/adapter.js';
import { oidcModels } from '../../src/db/schema/index.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The storage of node-oidc-provider in our database (issue 13, §1: several server processes share
 * it): the provider's adapter contract, what lies at rest, and a real provider issuing a token
 * through it.
 */
describe('oidc-provider storage in the database', () => {
  let sut: TestSystem;
  let clock = new Date('2026-12-02T10:00:00Z');
  const keys = () => ({
    cipher: new FieldCipher(sut.config.dataEncryptionKey),
    lookup: new LookupHasher(sut.config.lookupHashKey),
  });
  const adapterFor = (model: string) => createOidcAdapterFactory(sut.database.db, keys(), () => clock)(model);
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  it('finds what was stored until it expires, from another process’s adapter too', async () => {
    await adapterFor('AuthorizationCode').upsert(
      'code-1',
      { jti: 'code-1', kind: 'AuthorizationCode', grantId: 'g1' },
      60,
    );
    // A second factory over the same database stands for another server process.
    expect(await adapterFor('AuthorizationCode').find('code-1')).toMatchObject({
      jti: 'code-1',
      grantId: 'g1',
    });
    expect(await adapterFor('AccessToken').find('code-1')).toBeUndefined();
    clock = new Date(clock.getTime() + 61_000);
    expect(await adapterFor('AuthorizationCode').find('code-1')).toBeUndefined();
    expect(await purgeExpiredOidcModels(sut.database.db, clock)).toBeGreaterThanOrEqual(1);
  });

  it('marks a code consumed once, and keeps the first time', async () => {
    const codes = adapterFor('AuthorizationCode');
    await codes.upsert('code-2', { jti: 'code-2', grantId: 'g2' }, 60);
    await codes.consume('code-2');
    const first = (await codes.find('code-2'))!.consumed;
    expect(first).toBeTypeOf('number');
    clock = new Date(clock.getTime() + 5_000);
    await codes.consume('code-2');
    expect((await codes.find('code-2'))!.consumed).toBe(first);
  });

  it('finds a session by its uid, and revokes every code and token of one grant only', async () => {
    await adapterFor('Session').upsert('sess-1', { jti: 'sess-1', uid: 'uid-1', accountId: 'a1' }, 600);
    expect(await adapterFor('Session').findByUid('uid-1')).toMatchObject({ accountId: 'a1' });
    await adapterFor('AccessToken').upsert('at-1', { jti: 'at-1', grantId: 'g3' }, 600);
    await adapterFor('RefreshToken').upsert('rt-1', { jti: 'rt-1', grantId: 'g3' }, 600);
    await adapterFor('AccessToken').upsert('at-2', { jti: 'at-2', grantId: 'g4' }, 600);
    await adapterFor('AccessToken').revokeByGrantId('g3');
    expect(await adapterFor('AccessToken').find('at-1')).toBeUndefined();
    expect(await adapterFor('RefreshToken').find('rt-1')).toBeUndefined();
    expect(await adapterFor('AccessToken').find('at-2')).toBeDefined();
    await adapterFor('AccessToken').destroy('at-2');
    expect(await adapterFor('AccessToken').find('at-2')).toBeUndefined();
  });

  it('keeps neither a token nor a uid readable at rest', async () => {
    const token = 'opaque-access-token-value-7f3a';
    await adapterFor('AccessToken').upsert(token, { jti: token, grantId: 'g5', accountId: 'acc-9' }, 600);
    const rows = await sut.database.db.select().from(oidcModels);
    const dump = JSON.stringify(rows.map((r) => ({ ...r, payload: r.payload.toString('latin1') })));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('acc-9');
    expect(dump).not.toContain('uid-1');
  });

  it('serves a real provider: a client_credentials token stored here and introspected by another instance', async () => {
    const configuration = {
      clients: [
        {
          client_id: 'demo-system',
          client_secret: 'a-secret-long-enough-for-hs256-0123456789',
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
          id_token_signed_response_alg: 'ES256' as const,
        },
      ],
      jwks: {
        keys: [
          {
            ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
            alg: 'ES256',
            use: 'sig',
          },
        ],
      },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        introspection: { enabled: true },
      },
      scopes: ['openid', 'fullname'],
      adapter: createOidcAdapterFactory(sut.database.db, keys()),
    };
    const issuer = 'http://127.0.0.1/oidc';
    const one = new Provider(issuer, configuration);
    const two = new Provider(issuer, configuration);
    const basic = `Basic ${Buffer.from('demo-system:a-secret-long-enough-for-hs256-0123456789').toString('base64')}`;
    const call = async (provider: Provider, path: string, body: Record<string, string>) => {
      const { createServer } = await import('node:http');
      const server = createServer(provider.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method: 'POST',
          headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      } finally {
        server.close();
      }
    };
    const token = await call(one, '/token', { grant_type: 'client_credentials', scope: 'fullname' });
    expect(token.body).toMatchObject({ token_type: 'Bearer' });
    expect(token.status).toBe(200);
    const introspected = await call(two, '/token/introspection', { token: String(token.body.access_token) });
    expect(introspected.body).toMatchObject({ active: true, client_id: 'demo-system', scope: 'fullname' });
  });
});
