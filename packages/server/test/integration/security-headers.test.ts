import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Helmet's headers on every answer: an API call, a refusal, an address nothing serves, the web
 * app. The values are those helmet gives for the configuration in http/app.ts; the sign-in path
 * applies them from one middleware built at start-up (issue 7: @fastify/helmet built a new helmet,
 * its CSP directives parsed again, on every request).
 */
const EXPECTED: Record<string, string> = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function securityHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, headers[name]]));
}

describe('security headers (development configuration: no HSTS, no upgrade-insecure-requests)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env: { RATE_LIMITS: 'false' } });
  });
  afterAll(() => sut?.stop());

  it.each([
    ['GET', '/api/session'],
    ['GET', '/api/health'],
    ['POST', '/api/login'], // refused: no CSRF token
    ['GET', '/api/no-such-route'],
    ['GET', '/.well-known/openid-configuration'],
  ])('%s %s', async (method, url) => {
    const res = await sut.app.inject({
      method: method as 'GET' | 'POST',
      url,
      payload: method === 'POST' ? {} : undefined,
    });
    expect(securityHeaders(res.headers)).toEqual(EXPECTED);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('security headers behind HTTPS (secure cookies)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ env: { RATE_LIMITS: 'false' }, config: { secureCookies: true } });
  });
  afterAll(() => sut?.stop());

  it('adds HSTS and upgrade-insecure-requests', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/session' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toBe(
      EXPECTED['content-security-policy'].replace(
        ";connect-src 'self'",
        ";upgrade-insecure-requests;connect-src 'self'",
      ),
    );
  });
});
