import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import { parseCertificate } from '../../../src/domain/signature/certificate.js';
import { parseCrl } from '../../../src/domain/signature/crl.js';
import { verifyDetachedSignature } from '../../../src/domain/signature/verify.js';
import { FIXTURE_NOW, fixture, fixtureAnchor, fixtureCrls } from './fixtures.js';

function verify(
  signatureFile: string,
  contentFile = 'content.txt',
  overrides: { now?: Date; crls?: (url: string) => any } = {},
) {
  return verifyDetachedSignature({
    signature: fixture(signatureFile),
    content: fixture(contentFile),
    anchors: [fixtureAnchor()],
    crls: overrides.crls ?? fixtureCrls(),
    now: overrides.now ?? FIXTURE_NOW,
  });
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no error';
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
