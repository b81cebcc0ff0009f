import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serializeRequest } from '../../../src/http/app.js';
import { createLogger } from '../../../src/lib/logger.js';

describe('the request log', () => {
  it('keeps the path and drops the query string of a logged request', () => {
    const sut = serializeRequest({
      method: 'GET',
      url: '/register/confirm?token=secret-link-token&x=1',
      ip: '203.0.113.7',
      socket: { remotePort: 51000 },
    });
    expect(sut).toEqual({
      method: 'GET',
      url: '/register/confirm',
      remoteAddress: '203.0.113.7',
      remotePort: 51000,
    });
    expect(serializeRequest({ method: 'POST', url: '/api/login' }).url).toBe('/api/login');
  });

  it('writes no token of a link into the log of a served request', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    // Wired as http/app.ts wires it: a child of our logger carrying the request serializer.
    const logger = createLogger('info', false, sink);
    const sut = Fastify({ loggerInstance: logger.child({}, { serializers: { req: serializeRequest } }) });
    sut.get('/register/confirm', async () => 'ok');
    await sut.inject({ method: 'GET', url: '/register/confirm?token=secret-link-token' });
    await sut.close();
    const out = lines.join('');
    expect(out).toContain('/register/confirm');
    expect(out).not.toContain('secret-link-token');
  });
});
