import type { CrlFetcher } from './port.js';

/** Largest CRL we read. The biggest CRLs of accredited CAs are a few megabytes. */
export const MAX_CRL_BYTES = 10 * 1024 * 1024;

/**
 * CRLs over HTTP, as CAs publish them (RFC 5280 4.2.1.13). A slow or hostile address must not hold
 * a sign-in nor fill memory: 5 s, and the body is read as a stream and abandoned past
 * MAX_CRL_BYTES (a Content-Length above it is refused before reading). Redirects are refused: the
 * address is the one in the certificate or the trust list, and a redirect could point the server
 * at an internal address. PEM is accepted too, since some CAs serve it.
 */
export class HttpCrlFetcher implements CrlFetcher {
  constructor(
    private readonly timeoutMs = 5000,
    private readonly maxBytes = MAX_CRL_BYTES,
  ) {}

  async fetch(url: string): Promise<Uint8Array> {
    if (!/^https?:\/\//i.test(url)) throw new Error(`unsupported CRL address ${url}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`CRL ${url}: timed out`)), this.timeoutMs);
    try {
      const res = await fetch(url, { signal: controller.signal, redirect: 'error' });
      if (!res.ok) throw new Error(`CRL ${url}: HTTP ${res.status}`);
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > this.maxBytes) {
        controller.abort();
        throw new Error(`CRL ${url} is too large (${declared} bytes)`);
      }
      const body = await this.readCapped(res, url, controller);
      const head = Buffer.from(body.subarray(0, 30)).toString('latin1');
      if (head.startsWith('-----BEGIN')) {
        const b64 = Buffer.from(body)
          .toString('latin1')
          .replace(/-----[^-]+-----/g, '')
          .replace(/\s+/g, '');
        return new Uint8Array(Buffer.from(b64, 'base64'));
      }
      return body;
    } finally {
      clearTimeout(timer);
    }
  }

  private async readCapped(res: Response, url: string, controller: AbortController): Promise<Uint8Array> {
    if (!res.body) return new Uint8Array(0);
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel().catch(() => undefined);
        controller.abort();
        throw new Error(`CRL ${url} is too large (over ${this.maxBytes} bytes)`);
      }
      chunks.push(value);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
}
