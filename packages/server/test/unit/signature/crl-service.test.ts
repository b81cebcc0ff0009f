import type { FastifyBaseLogger } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCertificate, type ParsedCertificate } from '../../../src/domain/signature/certificate.js';
import { checkRevocation, type Chain } from '../../../src/domain/signature/verify.js';
import { HttpCrlFetcher } from '../../../src/integrations/crl/http.js';
import { AppError } from '../../../src/lib/errors.js';
import { generateKeyPair } from '../../../src/lib/pki/algorithms.js';
import { issueCertificate, issueCrl } from '../../../src/lib/pki/issue.js';
import { buildName } from '@openesia/pki';
import { CRL_FAILURE_MEMORY_MS, CrlService } from '../../../src/services/signature/crl.js';

const HOUR = 3600_000;
const TIMEOUT_MS = 400;

/**
 * The CRL service against real HTTP servers on 127.0.0.1: one address that accepts the connection
 * and never answers, one that serves the CA's current CRL (or fails when told to).
 */
describe('CRL addresses, failover and the cache age', () => {
  const started = Date.now();
  let now = started;
  const clock = { now: () => new Date(now) };
  const rootKey = generateKeyPair('ecdsa_p256');
  const rootName = buildName({ commonName: 'УЦ списков отзыва' });
  const root = parseCertificate(
    issueCertificate({
      subject: rootName,
      subjectKey: rootKey.publicKey,
      serialNumber: Buffer.from([1]),
      notBefore: new Date(started - HOUR),
      notAfter: new Date(started + 1000 * HOUR),
      keyUsage: ['keyCertSign', 'cRLSign'],
      ca: true,
      signerKey: rootKey.privateKey,
    }),
  );
  const crlOf = (revoked: Buffer[], nextUpdate: Date | null) =>
    issueCrl({
      issuerName: rootName,
      issuerSpki: rootKey.publicKey.spki,
      signerKey: rootKey.privateKey,
      thisUpdate: new Date(now - 1000),
      nextUpdate,
      crlNumber: 1,
      revoked: revoked.map((serialNumber) => ({ serialNumber, revokedAt: new Date(now - 1000) })),
    });
  let serial = 0x100;
  const leafWith = (crlUrls: string[]): ParsedCertificate => {
    const key = generateKeyPair('ecdsa_p256');
    return parseCertificate(
      issueCertificate({
        subject: buildName({ commonName: 'Подписант' }),
        subjectKey: key.publicKey,
        serialNumber: Buffer.from((serial++).toString(16).padStart(4, '0'), 'hex'),
        notBefore: new Date(started - HOUR),
        notAfter: new Date(started + 1000 * HOUR),
        keyUsage: ['digitalSignature'],
        crlUrls,
        issuer: { name: rootName, spki: rootKey.publicKey.spki },
        signerKey: rootKey.privateKey,
      }),
    );
  };
  const chainOf = (leaf: ParsedCertificate): Chain => ({
    path: [leaf],
    anchor: { id: 'root', cert: root, crlUrls: [] },
  });

  let server: Server;
  let base: string;
  const asked = new Map<string, number>();
  let served: Buffer | null = null;
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.set(req.url!, (asked.get(req.url!) ?? 0) + 1);
      if (req.url!.startsWith('/hang')) return; // accepts and never answers
      if (!served) return res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    now = started;
    asked.clear();
    served = crlOf([], new Date(started + 7 * 24 * HOUR));
  });

  const service = (maxAgeMs = HOUR) =>
    new CrlService({
      fetcher: new HttpCrlFetcher(TIMEOUT_MS),
      clock,
      testCa: { enabled: false, crlUrl: '', currentCrl: () => Promise.reject(new Error('no test CA')) },
      logger: pino({ level: 'silent' }) as unknown as FastifyBaseLogger,
      maxAgeMs,
    });
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const result = await fn();
    return [result, performance.now() - t0];
  };
  const revocationCode = async (sut: CrlService, leaf: ParsedCertificate) => {
    const chain = chainOf(leaf);
    const crls = await sut.lookup(chain);
    try {
      checkRevocation(chain, crls, clock.now());
      return 'not revoked';
    } catch (err) {
      return (err as AppError).code;
    }
  };

  it('never asks the second address when the first serves a current CRL', async () => {
    const sut = service();
    const leaf = leafWith([`${base}/good/1.crl`, `${base}/hang/1.crl`]);
    expect(await revocationCode(sut, leaf)).toBe('not revoked');
    expect(asked.get('/hang/1.crl')).toBeUndefined();
  });

  it('waits for an address that never answers once, then skips it while it is remembered as failed', async () => {
    const sut = service(10_000);
    const leaf = leafWith([`${base}/hang/2.crl`, `${base}/good/2.crl`]);

    const [first, firstMs] = await timed(() => revocationCode(sut, leaf));
    expect(first).toBe('not revoked');
    expect(firstMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

    // Past the cache age, within the memory of the failure: the CRL is fetched again, the dead
    // address is not waited for.
    now += 20_000;
    const [second, secondMs] = await timed(() => revocationCode(sut, leaf));
    expect(second).toBe('not revoked');
    expect(secondMs).toBeLessThan(TIMEOUT_MS / 2);
    expect(asked.get('/hang/2.crl')).toBe(1);
    expect(asked.get('/good/2.crl')).toBe(2);

    // Once the memory has passed, the address is tried again.
    now += CRL_FAILURE_MEMORY_MS;
    await revocationCode(sut, leaf);
    expect(asked.get('/hang/2.crl')).toBe(2);
  });

  it('sees a revocation within the cache age, though the CRL announced its next update days ahead', async () => {
    const sut = service(HOUR);
    const leaf = leafWith([`${base}/good/3.crl`]);
    expect(await revocationCode(sut, leaf)).toBe('not revoked');

    served = crlOf([Buffer.from(leaf.serialNumber, 'hex')], new Date(now + 7 * 24 * HOUR));
    now += HOUR / 2;
    expect(await revocationCode(sut, leaf)).toBe('not revoked');
    now += HOUR / 2 + 1000;
    expect(await revocationCode(sut, leaf)).toBe('signature.certificate_revoked');
  });

  it('keeps a CRL without nextUpdate no longer than the cache age when its address fails', async () => {
    const sut = service(HOUR);
    const leaf = leafWith([`${base}/good/4.crl`]);
    served = crlOf([], null);
    expect(await revocationCode(sut, leaf)).toBe('not revoked');

    served = null;
    now += HOUR + 1000;
    expect(await revocationCode(sut, leaf)).toBe('signature.crl_unavailable');
  });

  it('still uses a copy past the cache age while its nextUpdate holds, when the address fails', async () => {
    const sut = service(HOUR);
    const leaf = leafWith([`${base}/good/5.crl`]);
    expect(await revocationCode(sut, leaf)).toBe('not revoked');

    served = null;
    now += 2 * HOUR;
    expect(await revocationCode(sut, leaf)).toBe('not revoked');
    expect(asked.get('/good/5.crl')).toBe(2);
  });

  it('downloads an address once for sign-ins that arrive together', async () => {
    const sut = service();
    const leaf = leafWith([`${base}/good/6.crl`]);
    const codes = await Promise.all(Array.from({ length: 5 }, () => revocationCode(sut, leaf)));
    expect(codes).toEqual(Array(5).fill('not revoked'));
    expect(asked.get('/good/6.crl')).toBe(1);
  });
});
