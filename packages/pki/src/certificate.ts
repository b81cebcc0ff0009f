import * as asn1js from 'asn1js';
import { toArrayBuffer } from './bytes.js';

/**
 * Pieces of certificate reading (RFC 5280 section 4) that the server's verification and the
 * browser's signer share. Each side builds its own view of a certificate on them.
 */

/** Key usage bits as flags: bit n of RFC 5280 4.2.1.3 is 1 << n (digitalSignature = 1, keyCertSign = 32). */
export const KeyUsageFlag = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
} as const;

export function keyUsageFlags(bits: asn1js.BitString): number {
  const bytes = bits.valueBlock.valueHexView;
  let flags = 0;
  for (let i = 0; i < Math.min(bytes.length * 8, 9); i++)
    if ((bytes[i >> 3] >> (7 - (i & 7))) & 1) flags |= 1 << i;
  return flags;
}

/**
 * The public point of a GOST key: RFC 9215 section 4.3, the BIT STRING holds an OCTET STRING with
 * x || y, little-endian, of 64 (256-bit key) or 128 (512-bit key) bytes. Null when it does not.
 */
export function gostPublicPoint(subjectPublicKey: asn1js.BitString, size: 256 | 512): Uint8Array | null {
  const inner = asn1js.fromBER(toArrayBuffer(subjectPublicKey.valueBlock.valueHexView));
  if (inner.offset === -1 || !(inner.result instanceof asn1js.OctetString)) return null;
  const raw = new Uint8Array(inner.result.valueBlock.valueHexView);
  return raw.length === size / 4 ? raw : null;
}
