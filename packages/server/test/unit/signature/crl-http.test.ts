import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpCrlFetcher } from '../../../src/integrations/crl/http.js';
import { fixture } from './fixtures.js';

/** The CRL adapter against a real HTTP server on 127.0.0.1 (no network beyond the machine). */
describe('CRL download over HTTP', () => {
  let server: Server;
  let base: string;
  let streamedBytes = 0;
  const CAP = 64 * 1024;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/root.crl') {
        res.writeHead(200, { 'content-type': 'application/pkix-crl' });
        return res.end(fixture('root.crl'));
      }
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/root.crl' });
        return res.end();
      }
      if (req.url === '/declared-huge') {
        res.writeHead(200, { 'content-length': String(CAP * 4) });
        return res.end(Buffer.alloc(CAP * 4));
      }
      if (req.url === '/endless') {
        // Chunked, no Content-Length: only counting while reading can stop it.
        res.writeHead(200, { 'content-type': 'application/pkix-crl' });
        const chunk = Buffer.alloc(16 * 1024, 0x30);
        const timer = setInterval(() => {
          streamedBytes += chunk.length;
          if (!res.write(chunk) && streamedBytes > CAP * 1000) clearInterval(timer);
        }, 1);
        res.on('close', () => clearInterval(timer));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the CRL bytes as served', async () => {
    const sut = new HttpCrlFetcher(5000, CAP);
    expect(Buffer.from(await sut.fetch(`${base}/root.crl`)).equals(fixture('root.crl'))).toBe(true);
  });

  it('refuses a redirect instead of following it', async () => {
    const sut = new HttpCrlFetcher(5000, CAP);
    await expect(sut.fetch(`${base}/redirect`)).rejects.toThrow();
  });

  it('refuses a body declared larger than the cap without reading it', async () => {
    const sut = new HttpCrlFetcher(5000, CAP);
    await expect(sut.fetch(`${base}/declared-huge`)).rejects.toThrow(/too large/);
  });

  it('stops reading an undeclared body as soon as it passes the cap', async () => {
    const sut = new HttpCrlFetcher(5000, CAP);
    await expect(sut.fetch(`${base}/endless`)).rejects.toThrow(/too large/);
    // Well short of what the server would have sent: the stream was abandoned, not drained.
    expect(streamedBytes).toBeLessThan(CAP * 100);
  });

  it('caps at 10 MiB by default', async () => {
    const { MAX_CRL_BYTES } = await import('../../../src/integrations/crl/http.js');
    expect(MAX_CRL_BYTES).toBe(10 * 1024 * 1024);
  });
});
