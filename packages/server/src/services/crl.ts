import type { FastifyBaseLogger } from 'fastify';
import { parseCrl, type ParsedCrl } from '../domain/signature/crl.js';
import type { CrlLookup } from '../domain/signature/verify.js';
import type { CrlFetcher } from '../integrations/crl/port.js';
import type { Clock } from '../lib/clock.js';
import type { TestCaService } from './test-ca.js';

/** A CRL without nextUpdate is re-fetched after this long. */
const DEFAULT_TTL_MS = 3600_000;

/**
 * CRLs for verification, fetched through the adapter and kept until their nextUpdate (RFC 5280
 * 5.1.2.5), so a busy sign-in page does not ask the CA on every attempt. The test CA's own CRL is
 * read from the test CA directly. Fetching happens before any transaction (PGlite has one
 * connection; a network wait inside a transaction would block everything).
 */
export class CrlService {
  private cache = new Map<string, { crl: ParsedCrl; until: number }>();

  constructor(
    private readonly deps: {
      fetcher: CrlFetcher;
      clock: Clock;
      testCa: TestCaService;
      logger: FastifyBaseLogger;
    },
  ) {}

  async lookup(urls: string[]): Promise<CrlLookup> {
    const found = new Map<string, ParsedCrl>();
    await Promise.all(
      urls.map(async (url) => {
        const crl = await this.get(url);
        if (crl) found.set(url, crl);
      }),
    );
    return (url) => found.get(url);
  }

  private async get(url: string): Promise<ParsedCrl | undefined> {
    const { testCa, clock, fetcher, logger } = this.deps;
    if (testCa.enabled && url === testCa.crlUrl) return (await testCa.currentCrl()).parsed;
    const now = clock.now().getTime();
    const cached = this.cache.get(url);
    if (cached && now < cached.until) return cached.crl;
    try {
      const crl = parseCrl(await fetcher.fetch(url));
      const until = crl.nextUpdate ? crl.nextUpdate.getTime() : now + DEFAULT_TTL_MS;
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(url, { crl, until });
      return crl;
    } catch (err) {
      logger.warn({ err, url }, 'CRL could not be fetched');
      // A stale copy is still better evidence than none for *revoked* status, but not for
      // validity: the domain refuses a CRL past nextUpdate, so returning it stays safe.
      return cached?.crl;
    }
  }
}
