import { codeOf } from '../../support/errors.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCertificate, type ParsedCertificate } from '../../../src/domain/signature/certificate.js';
import { MAX_CERTIFICATES, parseSignature } from '../../../src/domain/signature/cms.js';
import { buildChain, MAX_DEPTH, type TrustAnchor } from '../../../src/domain/signature/verify.js';
import * as algorithms from '../../../src/lib/pki/algorithms.js';
import { generateKeyPair, type KeyPair } from '../../../src/lib/pki/algorithms.js';
import { issueCertificate } from '../../../src/lib/pki/issue.js';
import { buildName } from '@openesia/pki';
import { withExtraCertificates } from '@openesia/pki/test-support';
import { FIXTURE_NOW, fixture, fixtureAnchor, fixtureCrls } from './fixtures.js';
import { verifyDetachedSignature } from '../../../src/domain/signature/verify.js';

vi.mock('../../../src/lib/pki/algorithms.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/lib/pki/algorithms.js')>();
  return { ...actual, verifySignature: vi.fn(actual.verifySignature) };
});
const verifySignature = vi.mocked(algorithms.verifySignature);

let serial = 1;

function chainCertificate(
  subject: string,
  key: KeyPair,
  issuer: { name: string; key: KeyPair } | null,
  ca = true,
): ParsedCertificate {
  return parseCertificate(
    issueCertificate({
      subject: buildName({ commonName: subject }),
      subjectKey: key.publicKey,
      serialNumber: Buffer.from([serial++]),
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
      keyUsage: ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature'],
      ca,
      issuer: issuer
        ? { name: buildName({ commonName: issuer.name }), spki: issuer.key.publicKey.spki }
        : undefined,
      signerKey: (issuer ?? { key }).key.privateKey,
    }),
  );
}

const keys = () => generateKeyPair('ecdsa_p256');

describe('the number of certificates in one signature', () => {
  beforeEach(() => {
    verifySignature.mockClear();
  });

  it(`still verifies a signature carrying ${MAX_CERTIFICATES} certificates`, () => {
    const padding = Array.from({ length: MAX_CERTIFICATES - 1 }, () => fixture('root.der'));
    const der = withExtraCertificates(fixture('person.p7s'), padding);
    expect(parseSignature(der).certificates.length + 1).toBe(MAX_CERTIFICATES);

    const sut = verifyDetachedSignature({
      signature: der,
      content: fixture('content.txt'),
      anchors: [fixtureAnchor()],
      crls: fixtureCrls(),
      now: FIXTURE_NOW,
    });

    expect(sut.signer.subject.snils).toBe('11223344595');
  });

  it(`refuses a signature carrying more than ${MAX_CERTIFICATES} certificates before verifying anything`, () => {
    const padding = Array.from({ length: MAX_CERTIFICATES }, () => fixture('root.der'));

    const code = codeOf(() =>
      verifyDetachedSignature({
        signature: withExtraCertificates(fixture('person.p7s'), padding),
        content: fixture('content.txt'),
        anchors: [fixtureAnchor()],
        crls: fixtureCrls(),
        now: FIXTURE_NOW,
      }),
    );

    expect(code).toBe('signature.too_many_certificates');
    expect(verifySignature).not.toHaveBeenCalled();
  });

  it('refuses too many certificates in BER as well (the full reading)', () => {
    const padding = Array.from({ length: 50 }, () => fixture('root.der'));

    expect(
      codeOf(() =>
        parseSignature(withExtraCertificates(fixture('person.p7s'), padding, { indefinite: true })),
      ),
    ).toBe('signature.too_many_certificates');
  });
});

describe('building the path to a trust-list root', () => {
  beforeEach(() => {
    verifySignature.mockClear();
  });

  it(`follows a path of ${MAX_DEPTH} certificates below the root`, () => {
    const rootKey = keys();
    const root = chainCertificate('Root', rootKey, null);
    const anchor: TrustAnchor = { id: 'root', cert: root, crlUrls: [] };
    let above = { name: 'Root', key: rootKey };
    const cas: ParsedCertificate[] = [];
    for (let i = 1; i < MAX_DEPTH; i++) {
      const key = keys();
      cas.push(chainCertificate(`CA ${i}`, key, above));
      above = { name: `CA ${i}`, key };
    }
    const leaf = chainCertificate('Signer', keys(), above, false);

    const sut = buildChain(leaf, cas, [anchor]);

    expect(sut.path).toHaveLength(MAX_DEPTH);
  });

  it('refuses a longer path as chain_too_long', () => {
    const rootKey = keys();
    const root = chainCertificate('Root', rootKey, null);
    let above = { name: 'Root', key: rootKey };
    const cas: ParsedCertificate[] = [];
    for (let i = 1; i <= MAX_DEPTH; i++) {
      const key = keys();
      cas.push(chainCertificate(`CA ${i}`, key, above));
      above = { name: `CA ${i}`, key };
    }
    const leaf = chainCertificate('Signer', keys(), above, false);

    expect(codeOf(() => buildChain(leaf, cas, [{ id: 'root', cert: root, crlUrls: [] }]))).toBe(
      'signature.chain_too_long',
    );
  });

  it('tries each fake CA of a matching name at most once, however the path is arranged', () => {
    // A re-keyed CA that keeps its name «X» at every level (self-issued links, RFC 5280 6.1), so a
    // fake named «X» matches at every depth of the path.
    const rootKey = keys();
    const root = chainCertificate('X', rootKey, null);
    let above = { name: 'X', key: rootKey };
    const cas: ParsedCertificate[] = [];
    for (let i = 0; i < 3; i++) {
      const key = keys();
      cas.push(chainCertificate('X', key, above));
      above = { name: 'X', key };
    }
    const leaf = chainCertificate('Signer', keys(), above, false);
    // Fakes named «X» without a key identifier, so none is ruled out for free.
    const fakes = Array.from({ length: MAX_CERTIFICATES - 1 - cas.length }, () => ({
      ...chainCertificate('X', keys(), { name: 'X', key: keys() }),
      subjectKeyId: null,
    }));

    const sut = buildChain(leaf, [...fakes, ...cas], [{ id: 'root', cert: root, crlUrls: [] }]);

    expect(sut.path).toEqual([leaf, ...cas.reverse()]);
    // each fake once, then one verification per link of the path (three CAs and the root)
    expect(verifySignature).toHaveBeenCalledTimes(fakes.length + 4);
  });

  it('skips a same-name CA whose key identifier differs without verifying it', () => {
    const rootKey = keys();
    const root = chainCertificate('Root', rootKey, null);
    const caKey = keys();
    const ca = chainCertificate('CA', caKey, { name: 'Root', key: rootKey });
    const rekeyed = chainCertificate('CA', keys(), { name: 'Root', key: rootKey });
    const leaf = chainCertificate('Signer', keys(), { name: 'CA', key: caKey }, false);

    buildChain(leaf, [rekeyed, ca], [{ id: 'root', cert: root, crlUrls: [] }]);

    expect(verifySignature).toHaveBeenCalledTimes(2);
  });

  it('refuses a signer whose only CAs are fakes as untrusted_issuer', () => {
    const root = chainCertificate('Root', keys(), null);
    const fake = chainCertificate('CA', keys(), { name: 'Root', key: keys() });
    const leaf = chainCertificate('Signer', keys(), { name: 'CA', key: keys() }, false);

    expect(codeOf(() => buildChain(leaf, [fake], [{ id: 'root', cert: root, crlUrls: [] }]))).toBe(
      'signature.untrusted_issuer',
    );
  });
});
