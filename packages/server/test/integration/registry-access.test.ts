import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../../src/repositories/platform/roles.js';
import { createSimplifiedCitizen, signedInClient } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Access before work: the federal operator's routes decide who is asking before the body is read.
 * The bodies below are JSON that never closes, as large as each route accepts (24 MB for the import,
 * 200 KB for one root): parsing one answers 400 `request.malformed`, so a 401 or 403 for it shows
 * that nobody parsed it.
 */

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ env: { RATE_LIMITS: 'true' }, listen: true });
});
afterAll(async () => system?.stop());

const unparsable = (bytes: number) => `{"xml":"${'A'.repeat(bytes)}`;
const json = { 'content-type': 'application/json' };

const uploads = [
  ['POST', '/api/registry/trust-list/import', 24 * 1024 * 1024],
  ['POST', '/api/registry/trust-list', 200 * 1024],
] as const;

async function operator(): Promise<TestClient> {
  const citizen = await createSimplifiedCitizen(system);
  await grantRole(system.database.db, citizen.id, 'federal_operator', system.clock.now());
  return signedInClient(system, citizen);
}

describe('the trust list refuses uploads before reading them', () => {
  it('answers auth.required to an anonymous upload without parsing its body', async () => {
    const sut = new TestClient(system.app, '198.51.100.61');
    for (const [method, url, bytes] of uploads) {
      const res = await sut.request(method, url, unparsable(bytes), { headers: json });
      expect(res.status, url).toBe(401);
      expect(res.body, url).toEqual({ error: { code: 'auth.required' } });
    }
  });

  it('answers an anonymous upload over the network while its body is still arriving', async () => {
    // A CSRF token and its cookie, as the web app holds them, so that the refusal is the role's.
    const session = await fetch(`${system.url}/api/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    // 24 MB announced, 64 KB sent, the rest never: a server that read the body first would not answer.
    const request = httpRequest(`${system.url}/api/registry/trust-list/import`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(24 * 1024 * 1024),
        'x-csrf-token': csrfToken,
        cookie,
      },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      request.on('error', reject);
    });
    const silence = new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 20_000));
    request.write(`{"xml":"${'A'.repeat(64 * 1024)}`);
    try {
      const res = await Promise.race([answer, silence]);
      expect(res).not.toBe('no answer');
      const { status, body } = res as { status: number; body: string };
      expect(status).toBe(401);
      expect(JSON.parse(body)).toEqual({ error: { code: 'auth.required' } });
    } finally {
      request.destroy();
    }
  });

  it('answers auth.forbidden to a citizen without the role without parsing the body', async () => {
    const sut = await signedInClient(system, await createSimplifiedCitizen(system));
    for (const [method, url, bytes] of uploads) {
      const res = await sut.request(method, url, unparsable(bytes), { headers: json });
      expect(res.status, url).toBe(403);
      expect(res.body, url).toEqual({ error: { code: 'auth.forbidden' } });
    }
    const listed = await sut.get('/api/registry/trust-list');
    const removed = await sut.request('DELETE', '/api/registry/trust-list/not-an-id');
    for (const res of [listed, removed]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    }
  });

  it('reads the body of the federal operator, whose malformed upload is request.malformed', async () => {
    const sut = await operator();
    for (const [method, url, bytes] of uploads) {
      const res = await sut.request(method, url, unparsable(bytes), { headers: json });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('request.malformed');
    }
  });

  it('limits one operator to 10 trust-list imports an hour', async () => {
    const sut = await operator();
    for (let i = 0; i < 10; i++) {
      const res = await sut.post('/api/registry/trust-list/import', { xml: '<a>не перечень</a>' });
      expect(res.body.error.code).toBe('trust_list.invalid_xml');
    }
    const over = await sut.post('/api/registry/trust-list/import', { xml: '<a>не перечень</a>' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate.limited');
    // Another operator has a budget of their own.
    const other = await operator();
    const res = await other.post('/api/registry/trust-list/import', { xml: '<a>не перечень</a>' });
    expect(res.body.error.code).toBe('trust_list.invalid_xml');
  });
});
