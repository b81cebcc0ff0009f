import { describe, expect, it } from 'vitest';
import { parseSignature, parseSignatureTree, readByOffsets } from '../../../src/domain/signature/cms.js';
import { fixture } from './fixtures.js';

const signatures = [
  'person.p7s',
  'person-noattr.p7s',
  'person512.p7s',
  'org.p7s',
  'ecdsa.p7s',
  'rsa.p7s',
  'revoked.p7s',
  'untrusted.p7s',
  'ca-signer.p7s',
  'critical-ext.p7s',
];

/** The same signature with the outer SEQUENCE in BER's indefinite-length form. */
function indefiniteOuter(der: Buffer): Buffer {
  const headerLength = der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2;
  return Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(headerLength), Buffer.from([0, 0])]);
}

describe('reading a CMS signature by offsets', () => {
  it.each(signatures)('reads %s exactly as the full asn1js/pkijs reading does', (file) => {
    const sut = readByOffsets(fixture(file));
    expect(sut).toEqual(parseSignatureTree(fixture(file)));
  });

  it('leaves BER (indefinite lengths) to the full reading, which accepts it', () => {
    const ber = indefiniteOuter(fixture('person.p7s'));
    expect(() => readByOffsets(ber)).toThrow();

    const sut = parseSignature(ber);

    expect(sut.signature).toEqual(parseSignatureTree(fixture('person.p7s')).signature);
  });

  it.each([
    ['a certificate', 'person.der'],
    ['a text file', 'foreign-text.bin'],
  ])('leaves %s to the full reading, which refuses it as malformed', (_what, file) => {
    expect(() => readByOffsets(fixture(file))).toThrow();
    expect(() => parseSignature(fixture(file))).toThrow(
      expect.objectContaining({ code: 'signature.malformed' }),
    );
  });
});
