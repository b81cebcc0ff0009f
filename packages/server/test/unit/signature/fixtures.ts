import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCertificate } from '../../../src/domain/signature/certificate.js';
import { parseCrl } from '../../../src/domain/signature/crl.js';
import type { TrustAnchor } from '../../../src/domain/signature/verify.js';

/** The OpenSSL-made fixtures of test/fixtures/signature (see make-fixtures.sh). */
export const fixturesDir = fileURLToPath(new URL('../../fixtures/signature/', import.meta.url));
export const fixture = (name: string): Buffer => readFileSync(`${fixturesDir}${name}`);

/** Inside every fixture's validity and before the CRL's nextUpdate. */
export const FIXTURE_NOW = new Date('2030-01-01T00:00:00Z');
export const FIXTURE_CRL_URL = 'http://fixtures.openesia.test/root.crl';

export function fixtureAnchor(): TrustAnchor {
  return { id: 'fixture-root', cert: parseCertificate(fixture('root.der')), crlUrls: [] };
}

export function fixtureCrls() {
  const crl = parseCrl(fixture('root.crl'));
  return (url: string) => (url === FIXTURE_CRL_URL ? crl : undefined);
}
