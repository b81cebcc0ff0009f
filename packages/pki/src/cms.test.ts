import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { signedAttributes, sortedByEncoding } from './cms.js';
import { toArrayBuffer } from './bytes.js';
import { OID } from './oids.js';

const children = (der: Uint8Array) =>
  (asn1js.fromBER(toArrayBuffer(der)).result as asn1js.Set).valueBlock.value.map(
    (v) => new Uint8Array(v.toBER()),
  );
const compare = (a: Uint8Array, b: Uint8Array) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
};

describe('the CMS builder', () => {
  it('signs the signed attributes as a DER SET OF, sorted by their encodings (X.690 11.6)', () => {
    // Streebog-256/SHA-256 and Streebog-512 digests.
    for (const digestLength of [32, 64]) {
      const sut = signedAttributes({
        messageDigest: new Uint8Array(digestLength).fill(0xab),
        signingTime: new Date('2026-01-02T03:04:05Z'),
      });
      const elements = children(sut.toSign);
      expect(sut.toSign[0]).toBe(0x31);
      expect(elements).toHaveLength(3);
      for (let i = 1; i < elements.length; i++) expect(compare(elements[i - 1], elements[i])).toBeLessThan(0);
      // The [0] IMPLICIT field carries the same bytes under its own tag (RFC 5652 5.4).
      const field = new Uint8Array(sut.attributes.toSchema().toBER());
      expect(field[0]).toBe(0xa0);
      expect(field.subarray(1)).toEqual(sut.toSign.subarray(1));
    }
  });

  it('sorts attributes whatever order they come in', () => {
    const make = (type: string, value: asn1js.BaseBlock) => new pkijs.Attribute({ type, values: [value] });
    const a = make(OID.messageDigest, new asn1js.OctetString({ valueHex: new Uint8Array(40).buffer }));
    const b = make(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data }));
    const c = make(OID.signingTime, new asn1js.UTCTime({ valueDate: new Date(0) }));
    const once = sortedByEncoding([a, b, c]);
    expect(sortedByEncoding([c, b, a])).toEqual(once);
    expect(sortedByEncoding([b, a, c])).toEqual(once);
  });
});
