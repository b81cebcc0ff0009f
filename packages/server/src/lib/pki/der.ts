/**
 * A minimal reader of DER TLVs (X.690 8.1, 10.1), for the hot path of signature verification: it
 * walks the outer layers of a CMS SignedData by offsets, without building a tree, so certificates
 * already known (parsed once, by their SHA-256) are not decoded again on every signature. Anything
 * it does not read strictly — an indefinite length (BER), a multi-byte tag, a length that runs past
 * its parent — is refused with `DerError`, and the caller falls back to the full asn1js parser.
 */
export class DerError extends Error {}

export interface Tlv {
  tag: number;
  /** offset of the tag byte */
  start: number;
  /** offset of the first content byte */
  valueStart: number;
  /** offset just past the content */
  end: number;
}

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tag');
  let length = buf[offset + 1];
  let valueStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite length');
    if (count > 4 || valueStart + count > limit) throw new DerError('length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[valueStart + i];
    valueStart += count;
  }
  const end = valueStart + length;
  if (end > limit) throw new DerError('length past parent');
  return { tag, start: offset, valueStart, end };
}

/** The TLVs inside a constructed one; they must fill it exactly. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let at = parent.valueStart;
  while (at < parent.end) {
    const child = readTlv(buf, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

export const valueOf = (buf: Uint8Array, tlv: Tlv): Uint8Array => buf.subarray(tlv.valueStart, tlv.end);
export const bytesOf = (buf: Uint8Array, tlv: Tlv): Uint8Array => buf.subarray(tlv.start, tlv.end);

/** Dotted form of an OBJECT IDENTIFIER's content octets (X.690 8.19). */
export function oidOf(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== 0x06 || tlv.end === tlv.valueStart) throw new DerError('not an OID');
  const arcs: bigint[] = [];
  let value = 0n;
  for (let i = tlv.valueStart; i < tlv.end; i++) {
    const byte = buf[i];
    if (value === 0n && byte === 0x80) throw new DerError('OID padding');
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    } else if (i === tlv.end - 1) throw new DerError('OID truncated');
  }
  const first = arcs[0] < 40n ? 0n : arcs[0] < 80n ? 1n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}
