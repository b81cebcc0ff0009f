import * as fc from 'fast-check';
import { readTlv } from '../src/der.js';

/**
 * Generated damage to DER, for differential tests of parsers: byte flips, truncations, deleted and
 * inserted bytes, and lengths changed or rewritten in BER's non-minimal long form. Apply a list of
 * them with `mutations.reduce(mutate, der)`.
 */

/** The header offsets of every TLV, walking into constructed ones. */
function headers(buf: Uint8Array): number[] {
  const out: number[] = [];
  const walk = (from: number, to: number) => {
    let at = from;
    while (at < to) {
      const tlv = readTlv(buf, at, to);
      out.push(at);
      if (tlv.tag & 0x20) walk(tlv.valueStart, tlv.end);
      at = tlv.end;
    }
  };
  walk(0, buf.length);
  return out;
}

/** A length in DER's short or long form, or in BER's non-minimal long form. */
function encodeLength(length: number, longForm: boolean): number[] {
  if (length < 0x80 && !longForm) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  if (longForm && bytes.length === 0) bytes.push(0);
  return [0x80 | bytes.length, ...bytes];
}

export type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'length'; which: number; delta: number; longForm: boolean };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('length' as const),
    which: fc.nat(),
    delta: fc.integer({ min: -3, max: 3 }),
    longForm: fc.boolean(),
  }),
);

export function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const bytes = Array.from(input);
  if (bytes.length === 0) return input;
  const at = 'at' in m ? m.at % bytes.length : 0;
  switch (m.kind) {
    case 'flip':
      bytes[at] ^= m.xor;
      return Uint8Array.from(bytes);
    case 'truncate':
      return input.subarray(0, at);
    case 'delete':
      bytes.splice(at, m.count);
      return Uint8Array.from(bytes);
    case 'insert':
      bytes.splice(at, 0, ...m.bytes);
      return Uint8Array.from(bytes);
    case 'length': {
      let offsets: number[];
      try {
        offsets = headers(input);
      } catch {
        return input; // an earlier mutation broke the walk: nothing to change by structure
      }
      const start = offsets[m.which % offsets.length];
      const tlv = readTlv(input, start);
      const headerLength = tlv.valueStart - start;
      const length = Math.max(0, tlv.end - tlv.valueStart + m.delta);
      bytes.splice(start + 1, headerLength - 1, ...encodeLength(length, m.longForm));
      return Uint8Array.from(bytes);
    }
  }
}
