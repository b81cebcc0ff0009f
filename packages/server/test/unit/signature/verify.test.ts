import { codeOf } from '../../support/errors.js';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../../src/domain/signature/certificate.js';
import { createHash } from 'node:crypto';
import { parseSignature } from '../../../src/domain/signature/cms.js';
import { isUsableCrl, parseCrl } from '../../../src/domain/signature/crl.js';
import {
  buildChain,
  verifyContentAndPath,
  verifyDetachedSignature,
} from '../../../src/domain/signature/verify.js';
import { isGostSignatureInRange, verifySignature } from '../../../src/lib/pki/algorithms.js';
import { gostParamSetByOid } from '@openesia/pki';
import { FIXTURE_NOW, fixture, fixtureAnchor, fixtureCrls } from './fixtures.js';

function verify(
  signatureFile: string | Buffer,
  contentFile = 'content.txt',
  overrides: { now?: Date; crls?: (url: string) => any } = {},
) {
  return verifyDetachedSignature({
    signature: typeof signatureFile === 'string' ? fixture(signatureFile) : signatureFile,
    content: fixture(contentFile),
    anchors: [fixtureAnchor()],
    crls: overrides.crls ?? fixtureCrls(),
    now: overrides.now ?? FIXTURE_NOW,
  });
}

describe('certificate parsing', () => {
  it('reads the person attributes of a Russian qualified certificate made by OpenSSL', () => {
    const sut = parseCertificate(fixture('person.der'));
    expect(sut.publicKey.algorithm).toBe('gost2012_256');
    expect(sut.subject).toMatchObject({
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: 'Иванович',
      snils: '11223344595',
      inn: '500100732259',
      commonName: 'Иванов Иван Иванович',
    });
    expect(sut.crlUrls).toEqual(['http://fixtures.openesia.test/root.crl']);
    expect(sut.notAfter.toISOString()).toBe('2045-01-01T00:00:00.000Z');
  });

  it('reads the organisation attributes: ОГРН, ИНН ЮЛ, O and title', () => {
    const sut = parseCertificate(fixture('org.der'));
    expect(sut.subject).toMatchObject({
      ogrn: '1027700132195',
      innLe: '7707083893',
      organization: 'ООО «Ромашка»',
      title: 'Генеральный директор',
      firstName: 'Пётр',
    });
  });

  it('knows each key algorithm: GOST 256 and 512, ECDSA P-256, RSA', () => {
    expect(
      ['person512.der', 'ecdsa.der', 'rsa.der'].map((f) => parseCertificate(fixture(f)).publicKey.algorithm),
    ).toEqual(['gost2012_512', 'ecdsa_p256', 'rsa2048']);
  });

  it('refuses a file that is not a certificate as malformed', () => {
    expect(codeOf(() => parseCertificate(fixture('foreign-text.bin')))).toBe('signature.malformed');
  });
});

describe('detached CMS verification against the fixture trust list', () => {
  it.each(['person.p7s', 'person-noattr.p7s', 'person512.p7s', 'org.p7s', 'ecdsa.p7s', 'rsa.p7s'])(
    'accepts %s signed by OpenSSL',
    (file) => {
      const sut = verify(file);
      expect(sut.chain.anchor.id).toBe('fixture-root');
    },
  );

  it.each([
    ['tampered content', 'person.p7s', 'content-tampered.txt', 'signature.invalid'],
    ['an expired certificate', 'expired.p7s', 'content.txt', 'signature.certificate_expired'],
    [
      'a certificate not yet valid',
      'not-yet-valid.p7s',
      'content.txt',
      'signature.certificate_not_yet_valid',
    ],
    ['a revoked certificate', 'revoked.p7s', 'content.txt', 'signature.certificate_revoked'],
    ['a certificate of an untrusted CA', 'untrusted.p7s', 'content.txt', 'signature.untrusted_issuer'],
    ['a key for encryption only', 'wrong-key-usage.p7s', 'content.txt', 'signature.wrong_key_usage'],
    ['a certificate instead of a signature', 'foreign-certificate.bin', 'content.txt', 'signature.malformed'],
    ['a text file instead of a signature', 'foreign-text.bin', 'content.txt', 'signature.malformed'],
  ])('refuses %s', (_what, file, content, code) => {
    expect(codeOf(() => verify(file, content))).toBe(code);
  });

  it('refuses when the CRL cannot be had, rather than assume the certificate stands', () => {
    expect(codeOf(() => verify('person.p7s', 'content.txt', { crls: () => undefined }))).toBe(
      'signature.crl_unavailable',
    );
  });

  it('refuses a CRL past its nextUpdate as unavailable', () => {
    const nextUpdate = parseCrl(fixture('root.crl')).nextUpdate!;
    expect(
      codeOf(() => verify('person.p7s', 'content.txt', { now: new Date(nextUpdate.getTime() + 1000) })),
    ).toBe('signature.crl_unavailable');
  });
});

describe('signer checks of RFC 5280', () => {
  const extAnchor = () => ({ id: 'ext-root', cert: parseCertificate(fixture('ext-root.der')), crlUrls: [] });
  const verifyUnder = (file: string) =>
    verifyDetachedSignature({
      signature: fixture(file),
      content: fixture('content.txt'),
      anchors: [extAnchor()],
      crls: () => undefined,
      now: FIXTURE_NOW,
    });

  it('refuses a CA certificate (cA = TRUE) used as the signer, though it chains and allows signing', () => {
    const sut = parseSignature(fixture('ca-signer.p7s'));
    expect(sut.signer.isCa).toBe(true);
    expect(verifyContentAndPath(sut, fixture('content.txt'), [extAnchor()]).chain.anchor.id).toBe('ext-root');

    expect(codeOf(() => verifyUnder('ca-signer.p7s'))).toBe('signature.wrong_key_usage');
  });

  it('refuses a signer certificate with a critical extension it does not process', () => {
    expect(parseCertificate(fixture('critical-ext.der')).unknownCriticalExtensions).toEqual([
      '1.3.6.1.4.1.99999.1',
    ]);
    expect(codeOf(() => verifyUnder('critical-ext.p7s'))).toBe('signature.unknown_critical_extension');
  });

  it('knows the critical extensions of an ordinary qualified certificate', () => {
    expect(parseCertificate(fixture('person.der')).unknownCriticalExtensions).toEqual([]);
  });

  it('remembers verified certificate links and CRL signatures by SHA-256 fingerprints, not SHA-1', () => {
    const cache = new Map<string, true>();
    verifyDetachedSignature({
      signature: fixture('person.p7s'),
      content: fixture('content.txt'),
      anchors: [fixtureAnchor()],
      crls: fixtureCrls(),
      now: FIXTURE_NOW,
      cache,
    });
    const person = parseCertificate(fixture('person.der'));
    const root = parseCertificate(fixture('root.der'));
    expect(person.fingerprint).toBe(createHash('sha256').update(fixture('person.der')).digest('hex'));
    expect([...cache.keys()].sort()).toEqual(
      [
        `${person.fingerprint}:${root.fingerprint}`,
        `crl:${parseCrl(fixture('root.crl')).fingerprint}:${root.fingerprint}`,
      ].sort(),
    );
  });
});

describe('GOST signature values out of range (ГОСТ Р 34.10-2012 §6.2: 0 < r, s < q)', () => {
  const personKey = () => parseCertificate(fixture('person.der')).publicKey;
  const Q_A = Buffer.from('FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893', 'hex');
  const one = Buffer.concat([Buffer.alloc(31), Buffer.from([1])]);

  it('says false, not throw, for an all-zero signature', () => {
    expect(verifySignature(personKey(), fixture('content.txt'), new Uint8Array(64))).toBe(false);
  });

  it('says false for r = q and for s = q', () => {
    // The value is s || r (big-endian halves).
    expect(verifySignature(personKey(), fixture('content.txt'), Buffer.concat([one, Q_A]))).toBe(false);
    expect(verifySignature(personKey(), fixture('content.txt'), Buffer.concat([Q_A, one]))).toBe(false);
    expect(
      isGostSignatureInRange(gostParamSetByOid('1.2.643.2.2.35.1')!.curve, Buffer.concat([one, one])),
    ).toBe(true);
  });

  it('refuses a CMS whose signature value is all zeros as invalid', () => {
    const der = Buffer.from(fixture('person.p7s'));
    const value = Buffer.from(parseSignature(der).signature);
    der.fill(0, der.indexOf(value), der.indexOf(value) + value.length);
    expect(codeOf(() => verify(der))).toBe('signature.invalid');
  });

  it('refuses a certificate link and a CRL whose signatures are all zeros, without throwing', () => {
    const certDer = Buffer.from(fixture('person.der'));
    const certSig = Buffer.from(parseCertificate(certDer).signature);
    certDer.fill(0, certDer.indexOf(certSig), certDer.indexOf(certSig) + certSig.length);
    const zeroed = parseCertificate(certDer);
    expect(codeOf(() => buildChain(zeroed, [], [fixtureAnchor()]))).toBe('signature.untrusted_issuer');

    const crlDer = Buffer.from(fixture('root.crl'));
    const crlSig = Buffer.from(parseCrl(crlDer).signature);
    crlDer.fill(0, crlDer.indexOf(crlSig), crlDer.indexOf(crlSig) + crlSig.length);
    expect(isUsableCrl(parseCrl(crlDer), fixtureAnchor().cert, FIXTURE_NOW)).toBe(false);
  });
});
