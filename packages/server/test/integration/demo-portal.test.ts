import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * «Портал услуг» as the server mounts it (http/demo-portal.ts): in demo mode only, outside the API
 * document, and a page rather than a 500 when it cannot reach the provider. The whole sign-in
 * through it runs in a browser: e2e/demo-portal.spec.ts.
 */
describe('the demo portal on the server', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    // Nothing listens on port 9 (discard): the portal's discovery request fails.
    sut = await startTestSystem({ env: { PUBLIC_URL: 'http://127.0.0.1:9' } });
  });
  afterAll(async () => sut?.stop());

  it('answers with a Russian page, 503, when the provider is out of reach', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/demo-portal/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Портал не может связаться с OpenESIA');
  });

  it('is not an operation of the API document', async () => {
    const doc = (await sut.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/demo-portal'))).toEqual([]);
  });

  it('refuses a callback with no sign-in begun in this browser', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/demo-portal/callback?code=x&state=y' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Вход устарел или начат в другом браузере.');
  });

  it('does not exist outside demo mode', async () => {
    const plain = await startTestSystem({ env: { DEMO_MODE: 'false' } });
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/demo-portal/' });
      expect(res.statusCode).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
