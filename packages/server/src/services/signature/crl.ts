import type { FastifyBaseLogger } from 'fastify';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isUsableCrl, parseCrlYielding, type ParsedCrl } from '../../domain/signature/crl.js';
import { crlUrlsFor, type Chain, type CrlLookup, type LinkCache } from '../../domain/signature/verify.js';
import type { CrlFetcher } from '../../integrations/crl/port.js';
import type { Clock } from '../../lib/clock.js';
import { OID } from '@openesia/pki';
import { digestOffLoop } from '../../lib/pki/prehashed.js';
import type { TestCaService } from './test-ca.js';

/** How long an address that failed is skipped before it is asked again. */
export const CRL_FAILURE_MEMORY_MS = 30_000;

interface CachedCrl {
  crl: ParsedCrl;
  /** served without asking the CA again until then: nextUpdate, but never past the age cap */
  freshUntil: number;
}

/**
 * CRLs for verification, fetched through the adapter and kept until their nextUpdate (RFC 5280
 * 5.1.2.5) or the configured age cap, whichever comes first — so a revocation shows within the cap
 * even when a CA announces its next CRL days ahead, and a CRL without nextUpdate is not kept
 * forever. The test CA's own CRL is read from the test CA directly. Fetching happens before any
 * transaction (PGlite has one connection; a network wait inside a transaction would block
 * everything).
 *
 * Both caches live in this process on purpose. A CRL is the CA's signed, public data: each process
 * may hold its own copy, and the age cap bounds how far two processes can disagree. The memory of
 * failed addresses is only a hint to skip a dead mirror for CRL_FAILURE_MEMORY_MS; a process that
 * lacks it asks once more and waits one timeout, nothing is decided by it, so it is not worth a
 * database round trip on every sign-in.
 */
/**
 * A downloaded CRL parsed without holding the event loop: serials read by offsets with pauses, and
 * the Streebog digest of a GOST CRL's TBS computed in a worker thread (prehashed.ts); SHA-256 is
 * fast in place. The signature itself is checked by isUsableCrl against the issuer.
 */
export async function loadCrl(der: Uint8Array): Promise<ParsedCrl> {
  const crl = await parseCrlYielding(der, () => yieldToLoop());
  const digestName =
    crl.signatureOid === OID.gostSignWithDigest256
      ? 'streebog256'
      : crl.signatureOid === OID.gostSignWithDigest512
        ? 'streebog512'
        : null;
  return digestName
    ? { ...crl, tbsDigest: { name: digestName, value: await digestOffLoop(digestName, crl.tbs) } }
    : crl;
}

export class CrlService {
  private readonly cache = new Map<string, CachedCrl>();
  private readonly failedUntil = new Map<string, number>();
  /** one download per address at a time, however many sign-ins wait for it */
  private readonly inFlight = new Map<string, Promise<ParsedCrl>>();

  constructor(
    private readonly deps: {
      fetcher: CrlFetcher;
      clock: Clock;
      testCa: Pick<TestCaService, 'enabled' | 'crlUrl' | 'currentCrl'>;
      logger: FastifyBaseLogger;
      /** CRL_CACHE_MAX_AGE_SECONDS */
      maxAgeMs: number;
      failureMemoryMs?: number;
    },
  ) {}

  /**
   * For each certificate of the chain below the root, the CRL of the first of its addresses that
   * can speak for it (its issuer's, signed, current): copies already cached are tried before any
   * download, then the addresses in their order, skipping those that failed recently, and the
   * search stops at the first usable CRL. The domain's checkRevocation decides on what is found.
   */
  async lookup(chain: Chain, cache: LinkCache = new Map()): Promise<CrlLookup> {
    const found = new Map<string, ParsedCrl>();
    await Promise.all(
      chain.path.map(async (_, index) => {
        const issuer = chain.path[index + 1] ?? chain.anchor.cert;
        const urls = crlUrlsFor(chain, index);
        const usable = (crl: ParsedCrl | undefined): crl is ParsedCrl =>
          !!crl && isUsableCrl(crl, issuer, this.deps.clock.now(), cache);
        for (const url of urls) {
          const cached = this.fresh(url);
          if (usable(cached)) return void found.set(url, cached);
        }
        for (const url of urls) {
          const crl = await this.get(url);
          if (usable(crl)) return void found.set(url, crl);
        }
      }),
    );
    return (url) => found.get(url);
  }

  private fresh(url: string): ParsedCrl | undefined {
    const cached = this.cache.get(url);
    return cached && this.deps.clock.now().getTime() < cached.freshUntil ? cached.crl : undefined;
  }

  private async get(url: string): Promise<ParsedCrl | undefined> {
    const { testCa, clock, logger } = this.deps;
    if (testCa.enabled && url === testCa.crlUrl) return (await testCa.currentCrl()).parsed;
    const fresh = this.fresh(url);
    if (fresh) return fresh;
    const now = clock.now().getTime();
    if ((this.failedUntil.get(url) ?? 0) > now) return this.stale(url);
    try {
      return await this.download(url);
    } catch (err) {
      if (this.failedUntil.size > 1000) this.failedUntil.clear();
      this.failedUntil.set(url, now + (this.deps.failureMemoryMs ?? CRL_FAILURE_MEMORY_MS));
      logger.warn({ err, url }, 'CRL could not be fetched');
      return this.stale(url);
    }
  }

  /**
   * A copy past the age cap is still evidence while its own nextUpdate has not passed (the CA
   * vouches for it until then), so a CA that is briefly down does not stop sign-ins. Without a
   * nextUpdate it is not: the cap is then its only lifetime.
   */
  private stale(url: string): ParsedCrl | undefined {
    const crl = this.cache.get(url)?.crl;
    return crl?.nextUpdate && this.deps.clock.now().getTime() <= crl.nextUpdate.getTime() ? crl : undefined;
  }

  private download(url: string): Promise<ParsedCrl> {
    let pending = this.inFlight.get(url);
    if (!pending) {
      pending = this.fetchAndParse(url).finally(() => this.inFlight.delete(url));
      this.inFlight.set(url, pending);
    }
    return pending;
  }

  private async fetchAndParse(url: string): Promise<ParsedCrl> {
    const { fetcher, clock, maxAgeMs } = this.deps;
    const crl = await loadCrl(await fetcher.fetch(url));
    const fetchedAt = clock.now().getTime();
    const freshUntil = Math.min(crl.nextUpdate?.getTime() ?? Infinity, fetchedAt + maxAgeMs);
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(url, { crl, freshUntil });
    this.failedUntil.delete(url);
    return crl;
  }
}
