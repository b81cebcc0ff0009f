import type { CrlFetcher } from './port.js';

/**
 * CRLs over HTTP, as CAs publish them. A slow CA must not hold a sign-in for long: 5 s, 10 MB.
 * PEM is accepted too, since some CAs serve it.
 */
export class HttpCrlFetcher implements CrlFetcher {
  constructor(private readonly timeoutMs = 5000) {}

  async fetch(url: string): Promise<Uint8Array> {
    if (!/^https?:\/\//i.test(url)) throw new Error(`unsupported CRL address ${url}`);
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'follow' });
    if (!res.ok) throw new Error(`CRL ${url}: HTTP ${res.status}`);
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length > 10 * 1024 * 1024) throw new Error(`CRL ${url} is too large`);
    const text = Buffer.from(body.subarray(0, 30)).toString('latin1');
    if (text.startsWith('-----BEGIN')) {
      const b64 = Buffer.from(body)
        .toString('latin1')
        .replace(/-----[^-]+-----/g, '')
        .replace(/\s+/g, '');
      return new Uint8Array(Buffer.from(b64, 'base64'));
    }
    return body;
  }
}
