/**
 * A minimal reader of DER TLVs (X.690 8.1, 10.1), for the hot path of signature verification: it
 * walks the outer layers of a CMS SignedData by offsets, without building a tree, so certificates
 * already known (parsed once, by their SHA-256) are not decoded again on every signature. Anything
 * it does not read strictly — an indefinite length (BER), an end-of-contents, a multi-byte tag, a length that runs past
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
  // End-of-contents (tag 0) closes an indefinite length only, which DER never uses (X.690 8.1.5, 10.1).
  if (tag === 0x00) throw new DerError('end-of-contents');
  let length = buf[offset + 1];
  let valueStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite length');
    if (count > 4 || valueStart + count > limit) throw new DerError('length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[valueStart + i];
    // X.690 10.1: the fewest octets — no leading zero octet, and the long form only from 128.
    if (buf[valueStart] === 0 || length < 0x80) throw new DerError('length not minimal');
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

/**
 * Checks that everything inside `tlv` is DER-shaped at any depth, so that what a reader then takes
 * as opaque bytes (a certificate, a name, an attribute it does not read) is as well-formed as a
 * full parser (asn1js) would find it:
 *   - every constructed TLV is filled exactly by its children, with minimal lengths and no
 *     end-of-contents (readTlv); only SEQUENCE and SET and non-universal tags are constructed
 *     (X.690 10.2: DER never splits a string);
 *   - the primitives a full parser rejects are refused here too: an OBJECT IDENTIFIER cut short or
 *     padded, a BIT STRING without its unused-bits octet or with more than 7, a time not in DER's
 *     form, a BMPString or UniversalString of a length that is no whole number of characters.
 * Iterative, so hostile nesting cannot exhaust the stack.
 */
export function checkStrictDer(buf: Uint8Array, tlv: Tlv): void {
  const pending: Tlv[] = [tlv];
  while (pending.length) {
    const next = pending.pop()!;
    const length = next.end - next.valueStart;
    if (next.tag & 0x20) {
      if ((next.tag & 0xc0) === 0 && next.tag !== 0x30 && next.tag !== 0x31)
        throw new DerError('constructed primitive type');
      pending.push(...children(buf, next));
      continue;
    }
    // SEQUENCE and SET are constructed by definition (X.690 8.9.1, 8.11.1): a primitive one is no DER.
    if (next.tag === 0x10 || next.tag === 0x11) throw new DerError('primitive constructed type');
    switch (next.tag) {
      case 0x06:
        oidOf(buf, next);
        break;
      case 0x0d: // RELATIVE-OID: arcs as in an OID, the last one closed
        if (length === 0 || buf[next.end - 1] & 0x80) throw new DerError('relative OID truncated');
        break;
      case 0x03:
        if (length === 0 || buf[next.valueStart] > 7 || (length === 1 && buf[next.valueStart] !== 0))
          throw new DerError('BIT STRING unused bits');
        break;
      case 0x17:
      case 0x18:
        timeOf(buf, next);
        break;
      case 0x1e:
        if (length % 2) throw new DerError('BMPString length');
        break;
      case 0x1c:
        if (length % 4) throw new DerError('UniversalString length');
        break;
    }
  }
}

export const valueOf = (buf: Uint8Array, tlv: Tlv): Uint8Array => buf.subarray(tlv.valueStart, tlv.end);
export const bytesOf = (buf: Uint8Array, tlv: Tlv): Uint8Array => buf.subarray(tlv.start, tlv.end);

/**
 * Dotted form of an OBJECT IDENTIFIER's content octets (X.690 8.19). Arcs are summed as numbers
 * while they stay exact (below 2^46 before the next shift); only a longer arc (UUID arcs under
 * 2.25) takes the BigInt path, which cost most of a verification's parsing when it ran for every arc.
 */
export function oidOf(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== 0x06 || tlv.end === tlv.valueStart) throw new DerError('not an OID');
  let dotted = '';
  let value = 0;
  let start = tlv.valueStart;
  for (let i = tlv.valueStart; i < tlv.end; i++) {
    const byte = buf[i];
    if (i === start && byte === 0x80) throw new DerError('OID padding');
    if (value >= 2 ** 46) return oidOfBig(buf, tlv);
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (start === tlv.valueStart) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        dotted = `${first}.${value - first * 40}`;
      } else dotted += `.${value}`;
      value = 0;
      start = i + 1;
    } else if (i === tlv.end - 1) throw new DerError('OID truncated');
  }
  return dotted;
}

function oidOfBig(buf: Uint8Array, tlv: Tlv): string {
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

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d*[1-9]))?Z$/;

/**
 * A UTCTime (tag 0x17) or GeneralizedTime (0x18) in the only forms DER allows (X.690 11.7, 11.8:
 * seconds present, "Z", no trailing zeros in the fraction); UTCTime's two-digit year is read as
 * RFC 5280 4.1.2.5.1 says (50 and above: 19YY). Anything else is a DerError.
 */
export function timeOf(buf: Uint8Array, tlv: Tlv): Date {
  const text = String.fromCharCode(...buf.subarray(tlv.valueStart, tlv.end));
  const match =
    tlv.tag === 0x17 ? UTC_TIME.exec(text) : tlv.tag === 0x18 ? GENERALIZED_TIME.exec(text) : null;
  if (!match) throw new DerError('not a DER time');
  const n = match.slice(1, 7).map(Number);
  const year = tlv.tag === 0x17 ? (n[0] >= 50 ? 1900 : 2000) + n[0] : n[0];
  const ms = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(year, n[1] - 1, n[2], n[3], n[4], n[5], ms));
  // Date.UTC rolls 31 February over into March: a field out of range is not a time.
  if (
    date.getUTCMonth() !== n[1] - 1 ||
    date.getUTCDate() !== n[2] ||
    date.getUTCHours() !== n[3] ||
    date.getUTCMinutes() !== n[4] ||
    date.getUTCSeconds() !== n[5]
  )
    throw new DerError('time out of range');
  if (year < 100) date.setUTCFullYear(year);
  return date;
}
