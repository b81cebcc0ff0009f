import { AppError } from '../../lib/errors.js';

/**
 * The scan of a hand-signed application (seed 003, «Подготовка заявки», steps 1-2: signed by the
 * head, stamped with the seal, scanned; seed 001, step 3: a colour scan). It is kept with the
 * version and shown to the operators, so its type is decided by what the bytes are, never by the
 * file's name or the type the browser declared: a renamed file of another kind is refused.
 */

/** 10 MiB: a colour A4 page at 300 dpi is 1-3 MB as JPEG or PDF; ru.ts names this limit. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export type ScanType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** How far from the end a format's closing marker may stand (padding, trailing metadata). */
const TAIL = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** Whether `marker` occurs within the last `TAIL` bytes. */
function endsNear(bytes: Uint8Array, marker: readonly number[]): boolean {
  const from = Math.max(0, bytes.length - TAIL);
  for (let i = bytes.length - marker.length; i >= from; i--) {
    if (startsWith(bytes, marker, i)) return true;
  }
  return false;
}

/**
 * ISO 32000-1, 7.5.2 and 7.5.5: a header `%PDF-1.n` (or `%PDF-2.n`) on the first line, and the
 * last line `%%EOF`; readers look for it in the last 1024 bytes (ISO 32000-2, annex E). A file cut
 * off in transfer lacks it.
 */
function isPdf(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ascii('%PDF-'))) return false;
  const major = bytes[5];
  if (major !== 0x31 && major !== 0x32) return false; // '1' or '2'
  if (bytes[6] !== 0x2e) return false; // '.'
  return endsNear(bytes, ascii('%%EOF'));
}

/**
 * ITU-T T.81, B.1.1.3: a JPEG opens with SOI (FF D8) followed by another marker, and closes with
 * EOI (FF D9). Inside the entropy-coded data FF is stuffed (FF 00), so EOI near the end means the
 * image was not cut off.
 */
function isJpeg(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes.length >= 4 && endsNear(bytes, [0xff, 0xd9]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk whole: zero length, its type, its fixed CRC (PNG, ISO/IEC 15948, 11.2.5). */
const PNG_IEND = [0, 0, 0, 0, ...ascii('IEND'), 0xae, 0x42, 0x60, 0x82];

/**
 * ISO/IEC 15948, 5.2 and 11.2.2: the signature, then IHDR first (length 13) with a width and a
 * height above zero; and the file ends with IEND, which a truncated PNG lacks.
 */
function isPng(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, PNG_SIGNATURE)) return false;
  if (!startsWith(bytes, [0, 0, 0, 13, ...ascii('IHDR')], 8)) return false;
  if (bytes.length < 8 + 8 + 13 + 4 + PNG_IEND.length) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(16) === 0 || view.getUint32(20) === 0) return false;
  return startsWith(bytes, PNG_IEND, bytes.length - PNG_IEND.length);
}

/** The type of a scan by its content, or null when it is none of the three or is cut off. */
export function scanTypeOf(bytes: Uint8Array): ScanType | null {
  if (isPdf(bytes)) return 'application/pdf';
  if (isJpeg(bytes)) return 'image/jpeg';
  if (isPng(bytes)) return 'image/png';
  return null;
}

/** Refuses a scan that is empty, over the limit, or not a whole PDF, JPEG or PNG; else its type. */
export function assertScan(bytes: Uint8Array): ScanType {
  if (bytes.length === 0) throw new AppError('application.scan_empty');
  if (bytes.length > MAX_SCAN_BYTES) throw new AppError('application.scan_too_large');
  const type = scanTypeOf(bytes);
  if (!type) throw new AppError('application.scan_type');
  return type;
}
