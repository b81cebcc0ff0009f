import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { oidcSystemRegisterSchema } from '@openesia/contracts';
import { fuzzRuns } from '@openesia/pki/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditLog, oidcClients } from '../../src/db/schema/index.js';
import { systemActor } from '../../src/domain/policy/actor.js';
import { DEMO_CLIENT } from '../../src/services/oidc/clients.js';
import { createFederalOperator, signedInClient, uniqueEmail } from '../support/factories.js';
import { body, hostileString, type JsonSchema } from '../support/fuzz.js';
import { TestClient } from '../support/http.js';
import { OpensslEsiaSystem } from '../support/esia.js';
import { Browser, startListeningSystem } from '../support/oidc.js';
import { addTestMember, createConfirmedCitizen, insertTestOrganization } from '../support/organizations.js';
import type { TestSystem } from '../support/system.js';

type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;
const named = (p: Person) => ({ id: p.id, ...p.personalData });

/**
 * «Информационные системы» (issue 13, «Organizations' information systems»), through HTTP on a
 * real database: an employee of «Технологический портал» registers the organization's system, the
 * operator of ЕСИА approves, blocks and unblocks it, and only an approved system can start a
 * sign-in at /oidc/auth. Every refusal answers a structured error and changes nothing.
 */
let sut: TestSystem;
let operator: TestClient;

beforeAll(async () => {
  sut = await startListeningSystem({ DEMO_MODE: 'true' });
  await sut.services.oidcClients.ensureDemoClient();
  operator = await signedInClient(sut, await createFederalOperator(sut));
});
afterAll(async () => sut?.stop());

interface Org {
  id: string;
  shortName: string;
  /** a member of «Технологический портал» acting for the organization */
  officer: TestClient;
  officerPerson: Person;
  /** an employee outside the group, acting for it */
  employee: TestClient;
  /** the head, who reads the organization's journal */
  head: TestClient;
}

/** A self-signed ECDSA P-256 certificate by the system's OpenSSL: a certificate, but not GOST. */
function selfSignedEcPem(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ec-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        '/CN=Not GOST',
        '-days',
        '30',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function actingFor(person: Person, organizationId: string): Promise<TestClient> {
  const client = await signedInClient(sut, person);
  const chosen = await client.put('/api/session/acting-for', { organizationId });
  expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
  return client;
}

let orgs = 0;
async function organization(options: { operatorOfRegion?: string } = {}): Promise<Org> {
  const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
  const org = await insertTestOrganization(sut, named(head), {
    shortName: `ООО «Система ${++orgs}»`,
    ...(options.operatorOfRegion
      ? { operatorOfRegion: options.operatorOfRegion, regionCode: options.operatorOfRegion }
      : {}),
  });
  const officerPerson = await createConfirmedCitizen(sut, { email: uniqueEmail() });
  await addTestMember(sut, org.id, named(officerPerson), { groups: ['tech_portal'] });
  const employeePerson = await createConfirmedCitizen(sut, { email: uniqueEmail() });
  await addTestMember(sut, org.id, named(employeePerson), { groups: ['identity_specialists'] });
  return {
    id: org.id,
    shortName: `ООО «Система ${orgs}»`,
    officer: await actingFor(officerPerson, org.id),
    officerPerson,
    employee: await actingFor(employeePerson, org.id),
    head: await actingFor(head, org.id),
  };
}

let systems = 0;
const system = (extra: Record<string, unknown> = {}) => ({
  clientId: `ORG_SYSTEM_${++systems}`,
  name: `Портал услуг района № ${systems}`,
  redirectUris: ['https://portal.example.ru/callback'],
  postLogoutRedirectUris: ['https://portal.example.ru/'],
  scopes: ['openid', 'fullname', 'snils'],
  authMethod: 'client_secret_basic',
  ...extra,
});

const stored = async (clientId: string) =>
  (await sut.database.db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId)))[0];
const auditOf = async (organizationId: string) =>
  sut.database.db.select().from(auditLog).where(eq(auditLog.subjectId, organizationId)).orderBy(auditLog.seq);

function publicJwk(): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'ES256' };
}

/** The start of a sign-in at the provider, as a relying party's browser makes it (PKCE S256). */
async function startSignIn(clientId: string, redirectUri = 'https://portal.example.ru/callback') {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${sut.url}/oidc/auth`);
  for (const [k, v] of Object.entries({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: 'xyz',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(k, v);
  return new Browser(sut.url).get(url.toString());
}
const canSignIn = async (clientId: string) => {
  const res = await startSignIn(clientId);
  if (res.status === 400) expect(res.text).toContain('invalid_client');
  else expect(new URL(res.location!).pathname).toMatch(/^\/api\/oidc\/interaction\//);
  return res.status !== 400;
};

describe('the technological portal: «Информационные системы»', () => {
  it('registers a system «На согласовании», the secret once, audited in the organization’s journal', async () => {
    const org = await organization();
    const body = system();
    const res = await org.officer.post('/api/tech/systems', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.system).toMatchObject({
      clientId: body.clientId,
      name: body.name,
      redirectUris: body.redirectUris,
      postLogoutRedirectUris: body.postLogoutRedirectUris,
      scopes: body.scopes,
      authMethod: 'client_secret_basic',
      status: 'pending',
      approvedAt: null,
      organization: { id: org.id, shortName: org.shortName },
    });
    // the secret is never shown again, and is kept sealed
    const again = await org.officer.get(`/api/tech/systems/${body.clientId}`);
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.body)).not.toContain(res.body.secret);
    const row = await stored(body.clientId);
    expect(row).toMatchObject({
      organizationId: org.id,
      registeredBy: org.officerPerson.id,
      status: 'pending',
    });
    expect(row!.secretEncrypted!.toString('latin1')).not.toContain(res.body.secret);
    const list = await org.officer.get('/api/tech/systems');
    expect(list.body.systems.map((s: { clientId: string }) => s.clientId)).toEqual([body.clientId]);
    const audit = await auditOf(org.id);
    expect(audit.map((a) => [a.event, a.actorId])).toEqual([
      ['oidc.client_registered', org.officerPerson.id],
    ]);
    // the organization's journal tells it in Russian
    const journal = await org.head.get('/api/organization/journal');
    expect(journal.status).toBe(200);
    expect(journal.body.entries.map((e: { details: string | null }) => e.details)).toContain(
      `Зарегистрирована информационная система «${body.name}» (мнемоника ${body.clientId}), направлена на согласование оператору ЕСИА`,
    );
    expect(await canSignIn(body.clientId)).toBe(false);
  });

  it('registers a private_key_jwt system with its public keys, no secret', async () => {
    const org = await organization();
    const body = system({ authMethod: 'private_key_jwt', jwks: { keys: [publicJwk()] } });
    const res = await org.officer.post('/api/tech/systems', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.secret).toBeNull();
    expect(res.body.system.jwks.keys[0].kid).toBe('k1');
    expect((await stored(body.clientId))!.secretEncrypted).toBeNull();
  });

  it('registers a system with its GOST certificate for the ESIA-compatible interface; refuses one that is not GOST or not a certificate at the field', async () => {
    const org = await organization();
    const gost = new OpensslEsiaSystem();
    try {
      const body = system({ certificate: gost.certificatePem });
      const res = await org.officer.post('/api/tech/systems', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // the hash OpenSSL computes over the DER: what the system sends as client_certificate_hash
      expect(res.body.system.certificateHash).toBe(gost.certificateHash);
      expect((await stored(body.clientId))!.certificateDer).toEqual(gost.certificateDer);
    } finally {
      gost.dispose();
    }
    const notGost = selfSignedEcPem();
    for (const [certificate, code] of [
      [notGost, 'oidc_client.certificate_not_gost'],
      ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'oidc_client.certificate_invalid'],
    ] as const) {
      const body = system({ certificate });
      const res = await org.officer.post('/api/tech/systems', body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'certificate', code }]);
      expect(await stored(body.clientId)).toBeUndefined();
    }
  });

  it('refuses a taken mnemonic whatever its case, the demo system’s too', async () => {
    const org = await organization();
    const first = system();
    expect((await org.officer.post('/api/tech/systems', first)).status).toBe(201);
    for (const clientId of [
      first.clientId,
      first.clientId.toLowerCase(),
      'demo_portal',
      DEMO_CLIENT.clientId,
    ]) {
      const res = await org.officer.post('/api/tech/systems', system({ clientId }));
      expect(res.status, clientId).toBe(409);
      expect(res.body.error.code).toBe('oidc_client.duplicate');
    }
    expect((await org.officer.get('/api/tech/systems')).body.systems).toHaveLength(1);
  });

  it('refuses an employee outside «Технологический портал», a private person and the anonymous', async () => {
    const org = await organization();
    for (const res of [
      await org.employee.get('/api/tech/systems'),
      await org.employee.post('/api/tech/systems', system()),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    }
    const citizen = await signedInClient(sut, await createConfirmedCitizen(sut, { email: uniqueEmail() }));
    expect((await citizen.post('/api/tech/systems', system())).status).toBe(403);
    expect((await new TestClient(sut.app).get('/api/tech/systems')).status).toBe(401);
    expect(await auditOf(org.id)).toEqual([]);
  });

  it('answers another organization’s system as a missing one, and never lists it', async () => {
    const mine = await organization();
    const theirs = await organization();
    const body = system();
    expect((await theirs.officer.post('/api/tech/systems', body)).status).toBe(201);
    const other = await mine.officer.get(`/api/tech/systems/${body.clientId}`);
    const missing = await mine.officer.get('/api/tech/systems/NO_SUCH_SYSTEM');
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect(other.body.error.code).toBe('oidc_client.not_found');
    expect((await mine.officer.get('/api/tech/systems')).body.systems).toEqual([]);
    // the demo system of the operator's registry is no organization's
    expect((await mine.officer.get(`/api/tech/systems/${DEMO_CLIENT.clientId}`)).status).toBe(404);
  });

  describe('hostile input in every field: a field error, never a 5xx, nothing stored', () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `https://a.example.ru/${i}`);
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['NUL in the mnemonic', { clientId: 'AB\u0000C' }, 'clientId', 'text.invalid_chars'],
      ['a lone surrogate in the mnemonic', { clientId: 'AB\uD800' }, 'clientId', 'text.invalid_chars'],
      ['Cyrillic in the mnemonic', { clientId: 'СИСТЕМА' }, 'clientId', 'oidc_client.mnemonic_format'],
      ['a one-letter mnemonic', { clientId: 'A' }, 'clientId', 'oidc_client.mnemonic_format'],
      ['a mnemonic too long', { clientId: 'A'.repeat(65) }, 'clientId', 'too_long'],
      ['NUL in the name', { name: 'Портал\u0000' }, 'name', 'text.invalid_chars'],
      ['a lone surrogate in the name', { name: 'Портал \uDC00' }, 'name', 'text.invalid_chars'],
      ['a blank name', { name: '   ' }, 'name', 'required'],
      ['a name too long', { name: 'я'.repeat(201) }, 'name', 'too_long'],
      ['no redirect URI', { redirectUris: [] }, 'redirectUris', 'oidc_client.uri_required'],
      [
        'an http redirect URI',
        { redirectUris: ['http://portal.example.ru/cb'] },
        'redirectUris.0',
        'oidc_client.uri_https',
      ],
      ['a custom scheme', { redirectUris: ['myapp://cb'] }, 'redirectUris.0', 'oidc_client.uri_https'],
      ['javascript:', { redirectUris: ['javascript:alert(1)'] }, 'redirectUris.0', 'oidc_client.uri_https'],
      [
        'a fragment',
        { redirectUris: ['https://portal.example.ru/cb#x'] },
        'redirectUris.0',
        'oidc_client.uri_fragment',
      ],
      [
        'an empty fragment',
        { redirectUris: ['https://portal.example.ru/cb#'] },
        'redirectUris.0',
        'oidc_client.uri_fragment',
      ],
      ['a relative address', { redirectUris: ['/callback'] }, 'redirectUris.0', 'oidc_client.uri_invalid'],
      [
        'a password in the address',
        { redirectUris: ['https://u:p@portal.example.ru/cb'] },
        'redirectUris.0',
        'oidc_client.uri_invalid',
      ],
      [
        'NUL in an address',
        { redirectUris: ['https://portal.example.ru/\u0000'] },
        'redirectUris.0',
        'text.invalid_chars',
      ],
      [
        'a lone surrogate in an address',
        { redirectUris: ['https://portal.example.ru/\uD83D'] },
        'redirectUris.0',
        'text.invalid_chars',
      ],
      [
        'the same address twice',
        { redirectUris: ['https://a.example.ru/cb', 'https://a.example.ru/cb'] },
        'redirectUris',
        'oidc_client.uri_duplicate',
      ],
      ['a huge array of addresses', { redirectUris: huge }, 'redirectUris', 'oidc_client.too_many_uris'],
      [
        'an http logout address',
        { postLogoutRedirectUris: ['http://portal.example.ru/'] },
        'postLogoutRedirectUris.0',
        'oidc_client.uri_https',
      ],
      [
        'a logout address with a fragment',
        { postLogoutRedirectUris: ['https://portal.example.ru/#top'] },
        'postLogoutRedirectUris.0',
        'oidc_client.uri_fragment',
      ],
      [
        'a huge array of logout addresses',
        { postLogoutRedirectUris: huge },
        'postLogoutRedirectUris',
        'oidc_client.too_many_uris',
      ],
      ['no openid', { scopes: ['fullname'] }, 'scopes', 'oidc_client.openid_required'],
      ['an unknown scope', { scopes: ['openid', 'passport_photo'] }, 'scopes.1', 'oidc_client.scope_unknown'],
      ['NUL in a scope', { scopes: ['openid', 'snils\u0000'] }, 'scopes.1', 'oidc_client.scope_unknown'],
      ['a scope twice', { scopes: ['openid', 'snils', 'snils'] }, 'scopes', 'oidc_client.scope_duplicate'],
      [
        'a huge array of scopes',
        { scopes: Array.from({ length: 5000 }, () => 'openid') },
        'scopes',
        'oidc_client.scope_unknown',
      ],
      ['the public client method', { authMethod: 'none' }, 'authMethod', 'oidc_client.auth_method_unknown'],
      [
        'private_key_jwt without keys',
        { authMethod: 'private_key_jwt' },
        'jwks',
        'oidc_client.jwks_required',
      ],
      [
        'an empty key set',
        { authMethod: 'private_key_jwt', jwks: { keys: [] } },
        'jwks.keys',
        'oidc_client.jwks_required',
      ],
      [
        'a private key',
        { authMethod: 'private_key_jwt', jwks: { keys: [{ ...publicJwk(), d: 'AAAA' }] } },
        'jwks.keys.0',
        'oidc_client.jwks_private',
      ],
      [
        'a key that is no key',
        { authMethod: 'private_key_jwt', jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'BB' }] } },
        'jwks.keys.0',
        'oidc_client.jwks_invalid',
      ],
      [
        'a symmetric key',
        { authMethod: 'private_key_jwt', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } },
        'jwks.keys.0',
        'oidc_client.jwks_private',
      ],
      [
        'NUL in a key',
        { authMethod: 'private_key_jwt', jwks: { keys: [{ ...publicJwk(), kid: 'a\u0000' }] } },
        'jwks.keys.0.kid',
        'oidc_client.jwks_invalid',
      ],
      [
        'NUL in a key member’s name',
        { authMethod: 'private_key_jwt', jwks: { keys: [{ ...publicJwk(), 'x\u0000': 'y' }] } },
        'jwks.keys.0',
        'text.invalid_chars',
      ],
      [
        'a huge key set',
        {
          authMethod: 'private_key_jwt',
          jwks: { keys: Array.from({ length: 2000 }, () => ({ kty: 'EC' })) },
        },
        'jwks.keys',
        'oidc_client.jwks_too_many',
      ],
      [
        'keys with a secret method',
        { jwks: { keys: [publicJwk()] } },
        'jwks',
        'oidc_client.jwks_not_expected',
      ],
    ];
    let org: Org;
    beforeAll(async () => {
      org = await organization();
    });

    it.each(cases)('%s', async (_name, change, path, code) => {
      const body = system(change);
      const res = await org.officer.post('/api/tech/systems', body);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(400);
      expect(res.body.error.code).toBe('validation.failed');
      expect(res.body.error.fields).toContainEqual({ path, code });
      expect(await auditOf(org.id)).toEqual([]);
    });

    it('a body that is not an object, and wrong types', async () => {
      for (const body of [
        [],
        'x',
        { ...system(), redirectUris: 'https://a.example.ru' },
        { ...system(), scopes: [1] },
      ]) {
        const res = await org.officer.post('/api/tech/systems', body);
        expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.error.code).toBeTruthy();
      }
    });

    it('generated bodies, near the schema and hostile, as the officer: never a 5xx, every refusal declared', async () => {
      const schema = z.toJSONSchema(oidcSystemRegisterSchema, {
        io: 'input',
        unrepresentable: 'any',
      }) as JsonSchema;
      // a valid body with one field replaced, so that one bad value travels past the others
      const oneBadField = fc
        .tuple(
          fc.constantFrom(...Object.keys(system())),
          fc.oneof(hostileString, fc.array(hostileString, { maxLength: 20 })),
        )
        .map(([key, bad]) => ({ json: { ...system(), [key]: bad } as unknown }));
      await fc.assert(
        fc.asyncProperty(fc.oneof(body(schema), oneBadField), async (payload) => {
          const res = await org.officer.request(
            'POST',
            '/api/tech/systems',
            'raw' in payload ? payload.raw : payload.json,
            'raw' in payload ? { headers: { 'content-type': 'application/json' } } : {},
          );
          const summary = `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          expect(res.status, summary).toBeLessThan(500);
          if (res.status >= 400) expect([400, 401, 403, 409, 413, 415, 422], summary).toContain(res.status);
          if (res.status >= 400) expect(res.body?.error?.code, summary).toEqual(expect.any(String));
        }),
        { numRuns: fuzzRuns(60) },
      );
    });

    it('a path that is no mnemonic', async () => {
      for (const path of ['%00', 'a%20b', '%D0%AF', 'x'.repeat(300)]) {
        const res = await org.officer.get(`/api/tech/systems/${path}`);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
    });
  });
});

describe('the operator of ЕСИА: «Информационные системы» of the registry', () => {
  it('lists every system with its organization, the registry’s own (demo) too, by status', async () => {
    const org = await organization();
    const body = system();
    expect((await org.officer.post('/api/tech/systems', body)).status).toBe(201);
    const all = await operator.get('/api/federal-operator/systems?limit=100');
    expect(all.status).toBe(200);
    const byId = new Map(all.body.systems.map((s: { clientId: string }) => [s.clientId, s]));
    expect(byId.get(body.clientId)).toMatchObject({ status: 'pending', organization: { id: org.id } });
    expect(byId.get(DEMO_CLIENT.clientId)).toMatchObject({ status: 'approved', organization: null });
    const pending = await operator.get('/api/federal-operator/systems?status=pending&limit=100');
    expect(pending.body.systems.every((s: { status: string }) => s.status === 'pending')).toBe(true);
    expect(pending.body.systems.map((s: { clientId: string }) => s.clientId)).toContain(body.clientId);
    const approved = await operator.get('/api/federal-operator/systems?status=approved&limit=100');
    expect(approved.body.systems.map((s: { clientId: string }) => s.clientId)).not.toContain(body.clientId);
    const one = await operator.get(`/api/federal-operator/systems/${body.clientId}`);
    expect(one.body).toMatchObject({ clientId: body.clientId, organization: { shortName: org.shortName } });
  });

  it('pages the list newest first without repeating or losing a system', async () => {
    const org = await organization();
    for (let i = 0; i < 3; i++)
      expect((await org.officer.post('/api/tech/systems', system())).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { systems: { clientId: string }[]; nextCursor: string | null } } =
        await operator.get(`/api/federal-operator/systems?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.systems.map((s) => s.clientId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength((await sut.database.db.select().from(oidcClients)).length);
    const bad = await operator.get('/api/federal-operator/systems?cursor=bm90IGEgY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'cursor', code: 'cursor.invalid' }]);
  });

  it('approves: then the system can start a sign-in; blocks with a reason: then it cannot; unblocks', async () => {
    const org = await organization();
    const body = system();
    expect((await org.officer.post('/api/tech/systems', body)).status).toBe(201);
    expect(await canSignIn(body.clientId)).toBe(false);

    const approved = await operator.post(`/api/federal-operator/systems/${body.clientId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', blockReason: null });
    expect(approved.body.approvedAt).toBeTruthy();
    expect(await canSignIn(body.clientId)).toBe(true);
    // a redirect address not registered is still refused exactly
    const wrong = await startSignIn(body.clientId, 'https://portal.example.ru/callback/');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('redirect_uri');

    const again = await operator.post(`/api/federal-operator/systems/${body.clientId}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('oidc_client.not_pending');

    const noReason = await operator.post(`/api/federal-operator/systems/${body.clientId}/block`, {
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    const blocked = await operator.post(`/api/federal-operator/systems/${body.clientId}/block`, {
      reason: 'Адрес возврата ведёт на чужой сайт',
    });
    expect(blocked.body).toMatchObject({
      status: 'blocked',
      blockReason: 'Адрес возврата ведёт на чужой сайт',
    });
    expect(await canSignIn(body.clientId)).toBe(false);
    expect((await org.officer.get(`/api/tech/systems/${body.clientId}`)).body).toMatchObject({
      status: 'blocked',
      blockReason: 'Адрес возврата ведёт на чужой сайт',
    });
    const twice = await operator.post(`/api/federal-operator/systems/${body.clientId}/block`, {
      reason: 'ещё раз',
    });
    expect(twice.body.error.code).toBe('oidc_client.already_blocked');

    const unblocked = await operator.post(`/api/federal-operator/systems/${body.clientId}/unblock`);
    expect(unblocked.body).toMatchObject({ status: 'approved', blockReason: null });
    expect(await canSignIn(body.clientId)).toBe(true);
    const notBlocked = await operator.post(`/api/federal-operator/systems/${body.clientId}/unblock`);
    expect(notBlocked.body.error.code).toBe('oidc_client.not_blocked');

    // each decision is one entry in the organization's journal, with the operator as the actor
    const audit = await auditOf(org.id);
    expect(audit.map((a) => [a.event, (a.data as { to?: string }).to ?? null])).toEqual([
      ['oidc.client_registered', null],
      ['oidc.client_status_changed', 'approved'],
      ['oidc.client_status_changed', 'blocked'],
      ['oidc.client_status_changed', 'approved'],
    ]);
    expect(audit.slice(1).every((a) => a.actorType === 'operator')).toBe(true);
    expect((audit[2]!.data as { reason?: string }).reason).toBe('Адрес возврата ведёт на чужой сайт');
    const journal = (await org.head.get('/api/organization/journal')).body.entries.map(
      (e: { details: string | null }) => e.details,
    );
    expect(journal.slice(0, 3)).toEqual([
      `Оператор ЕСИА снял блокировку с информационной системы «${body.name}»`,
      `Оператор ЕСИА заблокировал информационную систему «${body.name}». Причина: Адрес возврата ведёт на чужой сайт`,
      `Оператор ЕСИА одобрил информационную систему «${body.name}»`,
    ]);
  });

  it('unblocks a system blocked before approval back to «На согласовании», not into force', async () => {
    const org = await organization();
    const body = system();
    expect((await org.officer.post('/api/tech/systems', body)).status).toBe(201);
    expect(
      (
        await operator.post(`/api/federal-operator/systems/${body.clientId}/block`, {
          reason: 'Не та организация',
        })
      ).body.status,
    ).toBe('blocked');
    const unblocked = await operator.post(`/api/federal-operator/systems/${body.clientId}/unblock`);
    expect(unblocked.body).toMatchObject({ status: 'pending', approvedAt: null });
    expect(await canSignIn(body.clientId)).toBe(false);
  });

  it('blocks the demo system of its own registry, and audits it without an organization', async () => {
    const blocked = await operator.post(`/api/federal-operator/systems/${DEMO_CLIENT.clientId}/block`, {
      reason: 'Проверка',
    });
    expect(blocked.body).toMatchObject({ status: 'blocked', organization: null });
    expect(
      (await operator.post(`/api/federal-operator/systems/${DEMO_CLIENT.clientId}/unblock`)).body.status,
    ).toBe('approved');
    const [entry] = await sut.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.event, 'oidc.client_status_changed'))
      .orderBy(auditLog.seq)
      .then((rows) => rows.filter((r) => (r.data as { clientId: string }).clientId === DEMO_CLIENT.clientId));
    expect(entry!.subjectId).toBeNull();
  });

  it('answers a missing system not found, and refuses a regional operator, an organization’s officer and a citizen', async () => {
    expect((await operator.get('/api/federal-operator/systems/NO_SUCH')).body.error.code).toBe(
      'oidc_client.not_found',
    );
    expect((await operator.post('/api/federal-operator/systems/NO_SUCH/approve')).status).toBe(404);
    const regional = await organization({ operatorOfRegion: '35' });
    const org = await organization();
    const citizen = await signedInClient(sut, await createConfirmedCitizen(sut, { email: uniqueEmail() }));
    for (const client of [regional.officer, regional.employee, org.officer, citizen]) {
      for (const res of [
        await client.get('/api/federal-operator/systems'),
        await client.get(`/api/federal-operator/systems/${DEMO_CLIENT.clientId}`),
        await client.post(`/api/federal-operator/systems/${DEMO_CLIENT.clientId}/block`, { reason: 'x' }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('auth.forbidden');
      }
    }
    expect((await stored(DEMO_CLIENT.clientId))!.status).toBe('approved');
  });

  it('the console’s approval counts as approval for a later unblocking', async () => {
    const test = systemActor('test');
    await sut.services.oidcClients.register(
      test,
      {
        clientId: 'CONSOLE_SYSTEM',
        name: 'Система из консоли',
        redirectUris: ['https://console.example.ru/cb'],
        scopes: ['openid'],
        authMethod: 'client_secret_basic',
      },
      { via: 'cli' },
    );
    await sut.services.oidcClients.setStatus(test, 'CONSOLE_SYSTEM', 'approved');
    expect((await stored('CONSOLE_SYSTEM'))!.approvedAt).not.toBeNull();
    await operator.post('/api/federal-operator/systems/CONSOLE_SYSTEM/block', { reason: 'Проверка' });
    expect((await operator.post('/api/federal-operator/systems/CONSOLE_SYSTEM/unblock')).body.status).toBe(
      'approved',
    );
  });
});
