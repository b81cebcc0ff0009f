import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * «Портал услуг — вход через ЕСИА (демо)» as the server mounts it (http/demo-portal.ts): its secret,
 * signed by the signer the server passes, is one /aas/oauth2/v2/ac accepts; the callback reads only
 * an answer to its own request. The whole sign-in in a browser: e2e/demo-esia.spec.ts.
 */
describe('the demo ESIA app on the server', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    // PUBLIC_URL where nothing listens (port 9): the app's token request cannot reach ESIA; the
    // authorization address is followed here by inject.
    sut = await startTestSystem({ env: { PUBLIC_URL: 'http://127.0.0.1:9' } });
  });
  afterAll(async () => sut?.stop());

  const flowCookie = (setCookie: string | string[] | undefined) =>
    [setCookie ?? []]
      .flat()
      .find((c) => c.startsWith('demo_esia_flow='))!
      .split(';')[0]!;

  it('answers with a Russian page, 503, while the demo system is not registered (no key to sign with)', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/demo-esia/login?scope=fullname' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Система не может связаться с ЕСИА');
  });

  it('sends the browser to /aas/oauth2/v2/ac with a secret the server accepts', async () => {
    await sut.services.oidcClients.ensureDemoEsiaClient(sut.services.testCa);
    const start = await sut.app.inject({
      method: 'GET',
      url: '/demo-esia/login?scope=fullname&scope=snils&scope=x',
    });
    expect(start.statusCode).toBe(303);
    const url = new URL(start.headers.location!);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/aas/oauth2/v2/ac');
    // An unknown scope is dropped; the order is the app's, as it signs it again at /v3/te.
    expect(url.searchParams.get('scope')).toBe('openid fullname snils');
    const answer = await sut.app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toMatch(/^\/api\/esia\/interaction\/[0-9a-f-]{36}$/);
    // The same request with another state: the signature no longer covers it.
    const forged = new URLSearchParams(url.search);
    forged.set('state', '00000000-0000-4000-8000-000000000000');
    const refused = await sut.app.inject({ method: 'GET', url: `${url.pathname}?${forged}` });
    expect(new URL(refused.headers.location!).searchParams.get('error_description')).toMatch(
      /^ESIA-007053: /,
    );
  });

  it('reads an answer only to its own request, and explains ESIA’s refusal in Russian', async () => {
    await sut.services.oidcClients.ensureDemoEsiaClient(sut.services.testCa);
    const start = await sut.app.inject({ method: 'GET', url: '/demo-esia/login?scope=fullname' });
    const cookie = flowCookie(start.headers['set-cookie']);
    const state = new URL(start.headers.location!).searchParams.get('state')!;

    const other = await sut.app.inject({
      method: 'GET',
      url: '/demo-esia/callback?code=x&state=00000000-0000-4000-8000-000000000000',
      headers: { cookie },
    });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('Ответ ЕСИА относится к другому запросу входа.');

    const description = 'ESIA-007004: Владелец ресурса или сервис авторизации отклонил запрос';
    const refused = await sut.app.inject({
      method: 'GET',
      url: `/demo-esia/callback?${new URLSearchParams({ error: 'access_denied', error_description: description, state })}`,
      headers: { cookie },
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.body).toContain('Вы отказали системе в доступе к данным.');
    expect(refused.body).toContain(description);

    const none = await sut.app.inject({ method: 'GET', url: `/demo-esia/callback?code=x&state=${state}` });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Вход устарел или начат в другом браузере.');
  });

  it('is not an operation of the API document, and does not exist outside demo mode', async () => {
    const doc = (await sut.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/demo-esia'))).toEqual([]);
    const plain = await startTestSystem({ env: { DEMO_MODE: 'false' } });
    try {
      expect((await plain.app.inject({ method: 'GET', url: '/demo-esia/' })).statusCode).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
