import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors.js';
import { signatureDigest, verifySignature, type DigestName } from '../../lib/pki/algorithms.js';
import { readTlv, oidOf, type Tlv } from '@openesia/pki';
import { verifyGostDigest } from '../../lib/pki/prehashed.js';
import { KeyUsageFlag, serialBytes, type ParsedCertificate } from './certificate.js';

/**
 * The serials of a CRL's revokedCertificates, kept as offsets into the CRL's own bytes with an
 * open-addressing hash table over them: about 14 bytes per entry instead of an object, a string
 * and a Date each, so a CRL of 100,000 entries costs about 2 MB next to its DER. The revocation
 * date is read only for a serial that is found.
 */
export class RevokedSerials {
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly der: Buffer,
    private readonly serialStart: Uint32Array,
    private readonly serialLength: Uint16Array,
    private readonly dateStart: Uint32Array,
    readonly size: number,
  ) {
    let slots = 16;
    while (slots < size * 2) slots *= 2;
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    for (let i = 0; i < size; i++) {
      let slot = this.hash(serialStart[i], serialLength[i]) & this.mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & this.mask;
      this.table[slot] = i;
    }
  }

  /** The revocation date of the certificate with this serial (upper-case hex, as serialHex writes). */
  get(serialHexValue: string): Date | undefined {
    const wanted = serialBytes(serialHexValue);
    const index = this.indexOf(wanted);
    return index === -1 ? undefined : readTime(this.der, readTlv(this.der, this.dateStart[index]));
  }

  has(serialHexValue: string): boolean {
    return this.indexOf(serialBytes(serialHexValue)) !== -1;
  }

  private indexOf(wanted: Buffer): number {
    const probe = wanted;
    let slot = fnv1a(probe, 0, probe.length) & this.mask;
    for (;;) {
      const index = this.table[slot];
      if (index === -1) return -1;
      const start = this.serialStart[index];
      const length = this.serialLength[index];
      if (length === probe.length && this.der.compare(probe, 0, length, start, start + length) === 0)
        return index;
      slot = (slot + 1) & this.mask;
    }
  }

  private hash(start: number, length: number): number {
    return fnv1a(this.der, start, start + length);
  }
}

function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** A certificate revocation list (RFC 5280 section 5). */
export interface ParsedCrl {
  der: Buffer;
  /** hex SHA-256 of the DER */
  fingerprint: string;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** the revoked serials and their revocation dates */
  revoked: RevokedSerials;
  tbs: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
  /**
   * The digest of `tbs`, when the service computed it off the event loop (Streebog of a large
   * GOST CRL takes most of a second in pure JS); the signature check then uses it.
   */
  tbsDigest?: { name: DigestName; value: Uint8Array };
}

const notDer = (why: string) =>
  new AppError('signature.crl_unavailable', { message: `CRL is not DER: ${why}` });

function expect(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw notDer(what);
  return tlv;
}

const isTime = (tlv: Tlv | undefined) => tlv?.tag === 0x17 || tlv?.tag === 0x18;

/**
 * UTCTime and GeneralizedTime as RFC 5280 4.1.2.5 fixes them: YYMMDDHHMMSSZ (years 1950-2049) and
 * YYYYMMDDHHMMSSZ. Anything else is refused, so no entry can carry a date that reads as "never".
 */
function readTime(buf: Buffer, tlv: Tlv): Date {
  const text = buf.toString('latin1', tlv.valueStart, tlv.end);
  const match =
    tlv.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) throw notDer('time');
  let year = Number(match[1]);
  if (tlv.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    throw notDer('time');
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** Byte check of a time during the scan (the Date is built only for a serial that is looked up). */
function checkTimeShape(buf: Buffer, tlv: Tlv): void {
  const digits = tlv.tag === 0x17 ? 12 : 14;
  if (tlv.end - tlv.valueStart !== digits + 1 || buf[tlv.end - 1] !== 0x5a) throw notDer('time');
  for (let i = tlv.valueStart; i < tlv.end - 1; i++) if (buf[i] < 0x30 || buf[i] > 0x39) throw notDer('time');
}

/** Entries read between two yields of the scan: a few milliseconds of work. */
const ENTRIES_PER_SLICE = 20_000;

/**
 * RFC 5280 5.1 read by offsets, as the CMS fast path does (der.ts): the revoked serials are
 * located, not decoded into a tree — asn1js's generic parser took 11-13 s and 1.3 GB for a CRL of
 * 100,000 entries, and refused one of more than about 1,250 at its default node limit. The
 * generator yields every ENTRIES_PER_SLICE entries so a caller can give the event loop its turn.
 */
function* scanCrl(input: Uint8Array): Generator<void, ParsedCrl> {
  const der = Buffer.from(input);
  let list: Tlv, tbs: Tlv, outerAlgorithm: Tlv, signatureValue: Tlv;
  try {
    list = expect(readTlv(der, 0), 0x30, 'CertificateList');
    if (list.end !== der.length) throw notDer('trailing bytes');
    tbs = expect(readTlv(der, list.valueStart, list.end), 0x30, 'tbsCertList');
    outerAlgorithm = expect(readTlv(der, tbs.end, list.end), 0x30, 'signatureAlgorithm');
    signatureValue = expect(readTlv(der, outerAlgorithm.end, list.end), 0x03, 'signatureValue');
    if (signatureValue.end !== list.end) throw notDer('CertificateList');
    if (signatureValue.end - signatureValue.valueStart < 2 || der[signatureValue.valueStart] !== 0)
      throw notDer('signatureValue');

    const next = (at: number) => (at < tbs.end ? readTlv(der, at, tbs.end) : undefined);
    let field = next(tbs.valueStart);
    if (field?.tag === 0x02) field = next(field.end); // version v2
    const innerAlgorithm = expect(field, 0x30, 'signature');
    // RFC 5280 5.1.1.2: the algorithm inside the signed part must be the one outside it.
    if (
      der.compare(der, innerAlgorithm.start, innerAlgorithm.end, outerAlgorithm.start, outerAlgorithm.end) !==
      0
    )
      throw notDer('signature algorithms differ');
    const issuer = expect(next(innerAlgorithm.end), 0x30, 'issuer');
    const thisUpdateTlv = next(issuer.end);
    if (!thisUpdateTlv || !isTime(thisUpdateTlv)) throw notDer('thisUpdate');
    const thisUpdate = readTime(der, thisUpdateTlv);
    field = next(thisUpdateTlv.end);
    let nextUpdate: Date | null = null;
    if (field && isTime(field)) {
      nextUpdate = readTime(der, field);
      field = next(field.end);
    }

    let count = 0;
    let capacity = 1024;
    let serialStart = new Uint32Array(capacity);
    let serialLength = new Uint16Array(capacity);
    let dateStart = new Uint32Array(capacity);
    if (field?.tag === 0x30) {
      const entries = field;
      let at = entries.valueStart;
      while (at < entries.end) {
        const entry = expect(readTlv(der, at, entries.end), 0x30, 'revokedCertificate');
        const serial = expect(readTlv(der, entry.valueStart, entry.end), 0x02, 'userCertificate');
        const date = readTlv(der, serial.end, entry.end);
        if (!isTime(date)) throw notDer('revocationDate');
        checkTimeShape(der, date);
        if (date.end !== entry.end) {
          const extensions = expect(readTlv(der, date.end, entry.end), 0x30, 'crlEntryExtensions');
          if (extensions.end !== entry.end) throw notDer('revokedCertificate');
        }
        // The integer's octets without leading zero octets, as serialHex compares them.
        let start = serial.valueStart;
        while (start < serial.end - 1 && der[start] === 0) start++;
        if (serial.end === serial.valueStart || serial.end - start > 0xffff) throw notDer('userCertificate');
        if (count === capacity) {
          capacity *= 2;
          serialStart = grow(serialStart, capacity);
          serialLength = grow(serialLength, capacity);
          dateStart = grow(dateStart, capacity);
        }
        serialStart[count] = start;
        serialLength[count] = serial.end - start;
        dateStart[count] = date.start;
        count++;
        at = entry.end;
        if (count % ENTRIES_PER_SLICE === 0) yield;
      }
      field = next(entries.end);
    }
    if (field?.tag === 0xa0) field = next(field.end); // crlExtensions
    if (field) throw notDer('tbsCertList');

    const revoked = new RevokedSerials(der, serialStart, serialLength, dateStart, count);
    return {
      der,
      fingerprint: createHash('sha256').update(der).digest('hex'),
      issuerDer: Buffer.from(der.subarray(issuer.start, issuer.end)),
      thisUpdate,
      nextUpdate,
      revoked,
      tbs: der.subarray(tbs.start, tbs.end),
      signatureOid: oidOf(
        der,
        expect(readTlv(der, outerAlgorithm.valueStart, outerAlgorithm.end), 0x06, 'oid'),
      ),
      signature: der.subarray(signatureValue.valueStart + 1, signatureValue.end),
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notDer((err as Error).message);
  }
}

function grow<T extends Uint32Array | Uint16Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Reads a CRL in one go; for a CRL of any size from the network, use parseCrlYielding. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  const scan = scanCrl(der);
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
  }
}

/** Reads a CRL, awaiting `yieldToLoop` between slices of entries so other requests are served. */
export async function parseCrlYielding(
  der: Uint8Array,
  yieldToLoop: () => Promise<void>,
): Promise<ParsedCrl> {
  const scan = scanCrl(der);
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
    await yieldToLoop();
  }
}

/**
 * A CRL can speak for a certificate when its issuer issued it, signed it with a key allowed to
 * sign CRLs and it is current: RFC 5280 6.3.3 (a) nextUpdate not passed, (f) the CRL issuer's key
 * has cRLSign when it states its usage (4.2.1.3) and the signature verifies.
 */
export function isUsableCrl(
  crl: ParsedCrl,
  issuer: ParsedCertificate,
  now: Date,
  verified?: Map<string, true>,
): boolean {
  if (!crl.issuerDer.equals(issuer.subjectDer)) return false;
  if (issuer.keyUsage !== null && !(issuer.keyUsage & KeyUsageFlag.cRLSign)) return false;
  if (crl.thisUpdate.getTime() > now.getTime()) return false;
  if (crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime()) return false;
  let digestName: DigestName;
  try {
    digestName = signatureDigest(issuer.publicKey, crl.signatureOid);
  } catch {
    return false;
  }
  // The signature of a CRL does not change while it is cached: check it once per (CRL, issuer).
  const key = `crl:${crl.fingerprint}:${issuer.fingerprint}`;
  if (verified?.has(key)) return true;
  const ok =
    crl.tbsDigest?.name === digestName
      ? verifyGostDigest(issuer.publicKey, crl.tbsDigest.value, crl.signature)
      : verifySignature(issuer.publicKey, crl.tbs, crl.signature);
  if (ok && verified) {
    if (verified.size > 10_000) verified.clear();
    verified.set(key, true);
  }
  return ok;
}
