import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * What Fastify and Node's HTTP parser answer before any route runs — body too large, unsupported
 * content type, a URL that cannot be decoded, an over-long path parameter, headers beyond Node's
 * limit — comes in the project's error shape `{error:{code}}` with its own status, like every
 * other refusal. Over a real socket: app.inject bypasses Node's HTTP parser.
 */
let sut: TestSystem;
beforeAll(async () => {
  sut = await startTestSystem({ listen: true, env: { RATE_LIMITS: 'false' } });
});
afterAll(() => sut?.stop());

/** Sends `request` as raw bytes and reads the answer until the server closes or answers in full. */
function raw(request: string): Promise<{ status: number; body: any; text: string }> {
  const { hostname, port } = new URL(sut.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const text = rest.join('\r\n\r\n');
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      resolve({ status: Number(head.split(' ')[1]), body, text: data });
    });
    socket.write(request);
    socket.end();
  });
}

const get = (path: string, headers = '') =>
  raw(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${headers}\r\n`);

describe('errors answered before any route', () => {
  it('a body over the limit is 413 request.too_large', async () => {
    const client = new TestClient(sut.app);
    const res = await client.post('/api/login', { login: 'x'.repeat(300 * 1024), password: 'p' });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'request.too_large' } });
  });

  it('an unsupported content type is 415 request.unsupported_media_type', async () => {
    const client = new TestClient(sut.app);
    const res = await client.request('POST', '/api/login', 'login=a&password=b', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ error: { code: 'request.unsupported_media_type' } });
  });

  it('malformed JSON is 400 request.malformed', async () => {
    const client = new TestClient(sut.app);
    const res = await client.request('POST', '/api/login', '{"login":', {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'request.malformed' } });
  });

  it('a URL that cannot be decoded is 400 request.malformed', async () => {
    const res = await get('/api/registration/%E0%A4%A/resend');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'request.malformed' } });
  });

  it('an over-long path parameter is 414 request.uri_too_long', async () => {
    const res = await raw(
      `DELETE /api/registry/trust-list/${'a'.repeat(500)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(414);
    expect(res.body).toEqual({ error: { code: 'request.uri_too_long' } });
  });

  it("a URL beyond Node's header limit is 414 request.uri_too_long", async () => {
    const res = await get(`/api/session?q=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(414);
    expect(res.body).toEqual({ error: { code: 'request.uri_too_long' } });
  });

  it("headers beyond Node's limit are 431 request.headers_too_large", async () => {
    const res = await get('/api/session', `X-Big: ${'a'.repeat(20_000)}\r\n`);
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ error: { code: 'request.headers_too_large' } });
  });

  it('a request Node cannot parse is 400 request.malformed', async () => {
    const res = await raw('GARBAGE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'request.malformed' } });
  });
});
