import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/domain/policy/actor.js';
import { auditLog, oidcSigningKeys } from '../../src/db/schema/index.js';
import { oidcClientCommand } from '../../src/oidc/cli.js';
import { updateOidcClient } from '../../src/repositories/oidc/clients.js';
import { CLIENT_CACHE_MS } from '../../src/services/oidc/clients.js';
import { startListeningSystem } from '../support/oidc.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

describe('the OpenID Connect provider: discovery and signing keys', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startListeningSystem();
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

  it('rotates in the hourly run once the signing key has signed 90 days, and not again while a successor waits', async () => {
    const day = 24 * 3600_000;
    expect(await sut.services.oidcKeys.rotateIfDue(new Date())).toBe(false);
    const later = new Date(Date.now() + 95 * day);
    expect(await sut.services.oidcKeys.rotateIfDue(later)).toBe(true);
    expect(await sut.services.oidcKeys.rotateIfDue(later)).toBe(false);
    expect(await sut.services.oidcKeys.rotateIfDue(new Date(later.getTime() + 2 * day))).toBe(false);
  });

  it('keeps the private keys sealed at rest, and a second process over the database publishes the same keys', async () => {
    const rows = await sut.database.db.select().from(oidcSigningKeys);
    for (const row of rows) {
      expect(row.publicJwk).not.toHaveProperty('d');
      expect(row.privateJwk.toString('latin1')).not.toContain('"d"');
    }
    const second = await startTestSystem({ database: sut.database, env: { PUBLIC_URL: sut.url } });
    try {
      const mine = await sut.services.oidcKeys.keySet();
      const theirs = await second.services.oidcKeys.keySet();
      expect(theirs.version).toBe(mine.version);
      expect(theirs.signingKid).toBe(mine.signingKid);
    } finally {
      await second.app.close();
      await second.queue.stop();
    }
  });

  it('purges expired provider entries in the hourly retention run', async () => {
    const report = await sut.services.retention.purge({ reschedule: false });
    expect(report).toHaveProperty('oidcModels');
    expect(report).toHaveProperty('oidcSigningKeys');
  });
});

describe('the registry of relying parties', () => {
  let sut: TestSystem;
  const system = systemActor('test');
  const citizen = {
    kind: 'citizen' as const,
    accountId: '00000000-0000-4000-8000-000000000001',
    level: 'confirmed' as const,
  };
  const input = (clientId: string) => ({
    clientId,
    name: 'Система учёта',
    redirectUris: ['https://rp.example/callback'],
    scopes: ['openid', 'fullname'],
    authMethod: 'client_secret_basic' as const,
  });
  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => sut?.stop());

  it('registers pending, approves and blocks, each change audited; the provider knows it only approved', async () => {
    const { secret } = await sut.services.oidcClients.register(system, input('REG_1'), { via: 'cli' });
    expect(secret).toMatch(/^[\w-]{40,}$/);
    expect(await sut.services.oidcClients.providerMetadata('REG_1')).toBeUndefined();
    await sut.services.oidcClients.setStatus(system, 'REG_1', 'approved');
    expect(await sut.services.oidcClients.providerMetadata('REG_1')).toMatchObject({
      client_id: 'REG_1',
      client_secret: secret,
      redirect_uris: ['https://rp.example/callback'],
      scope: 'openid fullname',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    await sut.services.oidcClients.setStatus(system, 'REG_1', 'blocked');
    expect(await sut.services.oidcClients.providerMetadata('REG_1')).toBeUndefined();
    const entries = await sut.database.db
      .select({ event: auditLog.event, data: auditLog.data })
      .from(auditLog)
      .where(like(auditLog.event, 'oidc.client_%'));
    expect(entries.map((e) => [e.event, e.data.to ?? null])).toEqual([
      ['oidc.client_registered', null],
      ['oidc.client_status_changed', 'approved'],
      ['oidc.client_status_changed', 'blocked'],
    ]);
    // The secret is sealed: never in the audit entry.
    expect(JSON.stringify(entries)).not.toContain(secret!);
  });

  it('keeps a system as read for a few seconds: a block from another process takes effect within CLIENT_CACHE_MS', async () => {
    await sut.services.oidcClients.register(system, input('REG_CACHE'), { via: 'cli' });
    await sut.services.oidcClients.setStatus(system, 'REG_CACHE', 'approved');
    expect(await sut.services.oidcClients.providerMetadata('REG_CACHE')).toMatchObject({
      client_id: 'REG_CACHE',
    });
    // Another process (the console) blocks it: this one writes the row as that one would.
    await updateOidcClient(sut.database.db, 'REG_CACHE', { status: 'blocked', updatedAt: new Date() });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      expect(await sut.services.oidcClients.providerMetadata('REG_CACHE')).toMatchObject({
        client_id: 'REG_CACHE',
      });
      vi.setSystemTime(Date.now() + CLIENT_CACHE_MS);
      expect(await sut.services.oidcClients.providerMetadata('REG_CACHE')).toBeUndefined();
      expect(await sut.services.oidcClients.displayName('REG_CACHE')).toBe('Система учёта');
    } finally {
      vi.useRealTimers();
    }
  });

  it('registers and approves «Портал услуг (демо)» once in demo mode, on the server itself', async () => {
    await sut.services.oidcClients.ensureDemoClient();
    await sut.services.oidcClients.ensureDemoClient();
    expect(await sut.services.oidcClients.providerMetadata('DEMO_PORTAL')).toMatchObject({
      client_name: 'Портал услуг (демо)',
      redirect_uris: [`${sut.config.publicUrl}/demo-portal/callback`],
      token_endpoint_auth_method: 'client_secret_basic',
    });
  });

  it('registers, approves and lists from the console', async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      const register = [
        'register',
        '--client-id',
        'CLI_1',
        '--name',
        'Система из консоли',
        '--redirect-uri',
        'https://cli.example/cb',
        '--scopes',
        'openid snils',
      ];
      expect(await oidcClientCommand(sut.services, register)).toBe(0);
      expect(await oidcClientCommand(sut.services, ['approve', '--client-id', 'CLI_1'])).toBe(0);
      expect(await oidcClientCommand(sut.services, ['list'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(printed[0]).toBe('registered CLI_1, pending approval');
    expect(printed[1]).toMatch(/^client_secret \(shown once\): \S{40,}$/);
    expect(printed).toContain('CLI_1: approved');
    expect(printed.some((l) => l.startsWith('CLI_1\tapproved\tclient_secret_basic'))).toBe(true);
  });

  it('refuses a citizen, a duplicate mnemonic, an http redirect URI, a fragment, an unknown scope and a JWKS-less private_key_jwt', async () => {
    await expect(
      sut.services.oidcClients.register(citizen, input('REG_2'), { via: 'api' }),
    ).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await sut.services.oidcClients.register(system, input('REG_3'), { via: 'cli' });
    await expect(
      sut.services.oidcClients.register(system, input('REG_3'), { via: 'cli' }),
    ).rejects.toMatchObject({
      code: 'oidc_client.duplicate',
    });
    for (const bad of [
      { ...input('REG_4'), redirectUris: ['http://rp.example/callback'] },
      { ...input('REG_4'), redirectUris: ['https://rp.example/callback#x'] },
      { ...input('REG_4'), scopes: ['openid', 'passport'] },
      { ...input('REG_4'), scopes: ['fullname'] },
      { ...input('REG_4'), authMethod: 'private_key_jwt' as const },
      { ...input('bad id!') },
    ])
      await expect(sut.services.oidcClients.register(system, bad, { via: 'cli' })).rejects.toMatchObject({
        code: 'oidc_client.invalid',
      });
    await expect(sut.services.oidcClients.setStatus(system, 'NO_SUCH', 'approved')).rejects.toMatchObject({
      code: 'oidc_client.not_found',
    });
  });
});
