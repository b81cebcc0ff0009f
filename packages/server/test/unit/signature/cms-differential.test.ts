import { CmsParseError, DerError, buildName } from '@openesia/pki';
import { mutate, mutation, fuzzRuns } from '@openesia/pki/test-support';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignature, parseSignatureTree, readByOffsets } from '../../../src/domain/signature/cms.js';
import { generateKeyPair } from '../../../src/lib/pki/algorithms.js';
import { AppError } from '../../../src/lib/errors.js';
import { issueCertificate, signDetached } from '../../../src/lib/pki/issue.js';
import { fixture } from './fixtures.js';

/**
 * The offset-reading CMS parser against the full asn1js/pkijs one, with the certificates parsed as
 * the server parses them, on valid signatures and on generated mutations of them (byte flips,
 * truncations, deleted and inserted bytes, lengths changed or in BER's long form). On every input:
 *   - the full reader and `parseSignature` throw nothing but AppError with a signature.* code;
 *     the offsets reader nothing but that or DerError ("not the DER profile: ask the full reader");
 *   - what the offsets reader accepts, the full reader accepts too, and reads the same;
 *   - `parseSignature` (offsets, else full) agrees with the full reader on accept or refuse, on the
 *     refusal's code and on every field read.
 * The offsets reader alone may refuse what the full one accepts (BER): that is its fallback.
 */

const RUNS = fuzzRuns(100);
const CODES = ['signature.malformed', 'signature.unsupported_algorithm', 'signature.too_many_certificates'];

function ours(algorithm: 'gost2012_256' | 'ecdsa_p256' | 'rsa2048', signedAttributes: boolean): Buffer {
  const pair = generateKeyPair(algorithm);
  const certificate = issueCertificate({
    subject: buildName({ lastName: 'Сидоров', givenName: 'Олег Павлович', snils: '11223344595' }),
    subjectKey: pair.publicKey,
    serialNumber: Buffer.from([0x42]),
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    signerKey: pair.privateKey,
  });
  return signDetached(Buffer.from('Подписываемые данные'), certificate, pair.privateKey, {
    signedAttributes,
    signingTime: new Date('2026-06-01T12:00:00Z'),
  });
}

const bases: Array<readonly [string, Uint8Array]> = [
  ...['person.p7s', 'person-noattr.p7s', 'person512.p7s', 'org.p7s', 'ecdsa.p7s', 'rsa.p7s'].map(
    (name) => [name, new Uint8Array(fixture(name))] as const,
  ),
  ['our GOST signature', ours('gost2012_256', true)],
  ['our ECDSA signature without signed attributes', ours('ecdsa_p256', false)],
  ['our RSA signature', ours('rsa2048', true)],
];

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
function outcome<T>(read: () => T): Outcome<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, error };
  }
}
const isTyped = (error: unknown) => error instanceof AppError && CODES.includes(error.code);
const verdictOf = (o: Outcome<unknown>) => (o.ok ? 'accepted' : (o.error as AppError).code);

function checkAgreement(input: Uint8Array) {
  const fast = outcome(() => readByOffsets(input));
  const tree = outcome(() => parseSignatureTree(input));
  const used = outcome(() => parseSignature(input));

  if (!fast.ok) expect(fast.error instanceof DerError || isTyped(fast.error), String(fast.error)).toBe(true);
  if (!tree.ok) expect(isTyped(tree.error), String(tree.error)).toBe(true);
  if (!used.ok) expect(isTyped(used.error), String(used.error)).toBe(true);
  // The pki reader's own error never leaks past the server's reading.
  for (const o of [fast, tree, used]) if (!o.ok) expect(o.error).not.toBeInstanceOf(CmsParseError);

  if (fast.ok) {
    expect(verdictOf(tree)).toBe('accepted');
    if (tree.ok) expect(fast.value).toEqual(tree.value);
  } else if ((fast.error as AppError).code === 'signature.too_many_certificates') {
    expect(verdictOf(tree)).toBe('signature.too_many_certificates');
  }
  expect(verdictOf(used)).toBe(verdictOf(tree));
  if (used.ok && tree.ok) expect(used.value).toEqual(tree.value);
}

describe('the offset-reading CMS parser and the full one', () => {
  it.each(bases)('read %s alike, and accept it', (_name, der) => {
    checkAgreement(der);
    expect(readByOffsets(der)).toEqual(parseSignatureTree(der));
  });

  it("agree when the tag of an algorithm identifier's OID is changed (found by the generated mutations)", () => {
    // person.p7s byte 1188: the OID tag (06) of an SMIMECapabilities entry, flipped to 10, which no DER has.
    const der = bases.find(([name]) => name === 'person.p7s')![1];
    const mutated = Uint8Array.from(der);
    expect(mutated[1188]).toBe(0x06);
    mutated[1188] ^= 22;
    checkAgreement(mutated);
    expect(() => readByOffsets(mutated)).toThrow();
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
