import * as asn1js from 'asn1js';
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { type KeyAlgorithm } from './algorithms.js';
import { toArrayBuffer } from './bytes.js';
import { detachedSignedData, signedAttributes } from './cms.js';
import {
  CmsParseError,
  MAX_CERTIFICATES,
  readSignedData,
  readSignedDataByOffsets,
  readSignedDataTree,
} from './cms-read.js';
import { mutate, mutation } from '../test-support/der-mutations.js';
import { DerError } from './der.js';
import { buildName } from './names.js';
import { OID } from './oids.js';
import { fuzzRuns } from '../test-support/environment.js';

/**
 * The offsets reader against the full asn1js/pkijs reader, on valid signatures and on generated
 * mutations of them (test-support/der-mutations.ts). On every input:
 *   - neither throws anything but its typed error (the offsets reader: DerError for "not the DER
 *     profile, ask the full reader", CmsParseError for the certificate cap; the full reader:
 *     CmsParseError), and `readSignedData` only CmsParseError;
 *   - where both accept, they read the same parts; a certificate cap refusal is the full reader's too.
 * That the offsets reader never accepts what the full one refuses is checked with the server's
 * certificate parsing (server test/unit/signature/cms-differential.test.ts): the offsets reader
 * hands certificates on as bytes, unparsed, where asn1js parses everything.
 */

const RUNS = fuzzRuns(150);

/** OpenSSL-made signatures of the server's fixtures (packages/server/test/fixtures/signature). */
const fixtureDir = new URL('../../server/test/fixtures/signature/', import.meta.url);
const openssl = ['person.p7s', 'person-noattr.p7s', 'person512.p7s', 'org.p7s', 'ecdsa.p7s', 'rsa.p7s'].map(
  (name) => [name, new Uint8Array(readFileSync(new URL(name, fixtureDir)))] as const,
);

/** A certificate of the right shape (its signature is not checked by a reader). */
function certificate(serial: number, algorithm: KeyAlgorithm): pkijs.Certificate {
  const name = buildName({ commonName: `Сертификат ${serial}`, snils: '11223344595', country: 'RU' });
  const keyOid =
    algorithm === 'ecdsa_p256'
      ? OID.ecPublicKey
      : algorithm === 'rsa2048'
        ? OID.rsaEncryption
        : OID.gost2012_256;
  const spki = new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: keyOid,
      algorithmParams:
        keyOid === OID.gost2012_256
          ? new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.cryptoProA })] })
          : new asn1js.Null(),
    }),
    subjectPublicKey: new asn1js.BitString({ valueHex: new Uint8Array(66).fill(serial).buffer }),
  });
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ value: serial }),
    signature: new pkijs.AlgorithmIdentifier({ algorithmId: OID.gostSignWithDigest256 }),
    issuer: name,
    subject: name,
    notBefore: new pkijs.Time({ type: 0, value: new Date('2026-01-01T00:00:00Z') }),
    notAfter: new pkijs.Time({ type: 0, value: new Date('2036-01-01T00:00:00Z') }),
    subjectPublicKeyInfo: spki,
  });
  cert.encodeTBS();
  cert.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.gostSignWithDigest256 });
  cert.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(64).fill(7).buffer });
  return pkijs.Certificate.fromBER(cert.toSchema(true).toBER());
}

/** A signature from our builder, optionally with more certificates or a subjectKeyIdentifier sid. */
function built(
  algorithm: KeyAlgorithm,
  options: { attributes?: boolean; extraCertificates?: number; keyIdSid?: boolean } = {},
): Uint8Array {
  const signer = certificate(1, algorithm);
  const attributes =
    options.attributes === false
      ? undefined
      : signedAttributes({
          messageDigest: new Uint8Array(32).fill(9),
          signingTime: new Date('2026-05-06T07:08:09Z'),
        });
  const der = detachedSignedData({
    certificate: signer,
    algorithm,
    signedAttrs: attributes?.attributes,
    signature: new Uint8Array(64).fill(5),
  });
  if (!options.extraCertificates && !options.keyIdSid) return der;
  const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  for (let i = 0; i < (options.extraCertificates ?? 0); i++)
    signedData.certificates!.push(certificate(100 + i, algorithm));
  if (options.keyIdSid)
    signedData.signerInfos[0].sid = new asn1js.Primitive({
      idBlock: { tagClass: 3, tagNumber: 0 },
      valueHex: new Uint8Array(20).fill(3).buffer,
    });
  return new Uint8Array(
    new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) })
      .toSchema()
      .toBER(),
  );
}

const bases: Array<readonly [string, Uint8Array]> = [
  ...openssl,
  ['built GOST', built('gost2012_256')],
  ['built ECDSA without attributes', built('ecdsa_p256', { attributes: false })],
  ['built RSA with two more certificates', built('rsa2048', { extraCertificates: 2 })],
  ['built with a subjectKeyIdentifier', built('gost2012_512', { keyIdSid: true })],
  [
    `built with ${MAX_CERTIFICATES + 1} certificates`,
    built('gost2012_256', { extraCertificates: MAX_CERTIFICATES }),
  ],
];

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
function outcome<T>(read: () => T): Outcome<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, error };
  }
}

function checkAgreement(input: Uint8Array) {
  const fast = outcome(() => readSignedDataByOffsets(input));
  const tree = outcome(() => readSignedDataTree(input));
  const used = outcome(() => readSignedData(input));

  if (!fast.ok) expect(fast.error instanceof DerError || fast.error instanceof CmsParseError).toBe(true);
  if (!tree.ok) expect(tree.error).toBeInstanceOf(CmsParseError);
  if (!used.ok) expect(used.error).toBeInstanceOf(CmsParseError);

  if (fast.ok && tree.ok) expect(fast.value).toEqual(tree.value);
  if (!fast.ok && fast.error instanceof CmsParseError)
    expect(tree.ok ? 'accepted' : (tree.error as CmsParseError).code).toBe(fast.error.code);
  if (used.ok && tree.ok) expect(used.value).toEqual(tree.value);
}

describe('the offsets reader and the full reader of CMS SignedData', () => {
  it.each(bases)('read %s alike', (_name, der) => {
    checkAgreement(der);
  });

  it('accept the valid signatures, the capped one refused by both as too many certificates', () => {
    for (const [name, der] of bases) {
      if (name.includes(`${MAX_CERTIFICATES + 1}`)) {
        expect(() => readSignedDataByOffsets(der)).toThrow(
          expect.objectContaining({ code: 'too_many_certificates' }),
        );
        expect(() => readSignedDataTree(der)).toThrow(
          expect.objectContaining({ code: 'too_many_certificates' }),
        );
      } else expect(readSignedDataByOffsets(der)).toEqual(readSignedDataTree(der));
    }
  });

  it.each(bases)('agree on mutations of %s', (_name, der) => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        checkAgreement(mutations.reduce(mutate, der));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a NULL with contents in the signer’s issuer name (found by the mutations in CI)', () => {
  it('gives the issuer as sent from both readers, not re-encoded by one of them', () => {
    const der = bases.find(([n]) => n === 'built ECDSA without attributes')![1];
    // The СНИЛС attribute (OID 1.2.643.100.3, NumericString) of the last name in the message, the
    // signer identifier's issuer: its tag turned into NULL (0x05), which asn1js reads leniently.
    const snils = [0x2a, 0x85, 0x03, 0x64, 0x03, 0x12];
    let at = -1;
    for (let i = der.length - snils.length; i >= 0 && at < 0; i--)
      if (snils.every((b, k) => der[i + k] === b)) at = i + snils.length - 1;
    expect(at).toBeGreaterThan(0);
    const input = der.slice();
    input[at] = 0x05;
    checkAgreement(input);
  });
});
