import { fromBase64 } from '@openesia/pki';
import { describeCertificate, parseCertificate, type CertificateInfo } from '../certificate';
import { SignatureError } from '../errors';
import { importPkcs8 } from '../keys';
import {
  canDecryptPkcs8,
  decryptPkcs8,
  encryptPkcs8,
  isEncryptedPkcs8,
  isPlainPkcs8,
  pkcs8FromPkcs1,
  pkcs8FromSec1,
} from './pkcs8';
import { isPkcs12, readPkcs12Certificates } from './pkcs12';

/**
 * Turns the files a person picked into a key container the browser can keep: a PKCS#12 file
 * (.p12/.pfx, the test CA's format too), or a private key and certificate (PEM or DER, one file
 * or two). The key is kept only encrypted: PKCS#12 as it is, a key pair as EncryptedPrivateKeyInfo —
 * an unencrypted key first gets a PIN chosen by the person.
 */

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export type ContainerKind = 'pkcs12' | 'pkcs8';

export interface ContainerDraft {
  kind: ContainerKind;
  /** the PKCS#12 file, or the EncryptedPrivateKeyInfo DER */
  data: Uint8Array;
  certificates: Uint8Array[];
  label: string;
  /** readable descriptions of `certificates`, in the same order */
  infos: CertificateInfo[];
}

export type ContainerReading =
  /** the file is encrypted: ask for its PIN (or password) and read again */
  | { status: 'needs_pin' }
  /** the key is not encrypted: ask for a new PIN (twice) to protect it in this browser */
  | { status: 'needs_new_pin' }
  | { status: 'ready'; draft: ContainerDraft };

interface Pieces {
  certificates: Uint8Array[];
  plainKeys: Uint8Array[];
  encryptedKeys: Uint8Array[];
}

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function looksLikeText(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes('-----BEGIN ');
}

function collect(file: PickedFile, pieces: Pieces): boolean {
  if (looksLikeText(file.bytes)) {
    const text = new TextDecoder().decode(file.bytes);
    let found = false;
    for (const [, label, body] of text.matchAll(pemBlock)) {
      let der: Uint8Array;
      try {
        der = fromBase64(body.replace(/^[A-Za-z-]+:.*$/gm, ''));
      } catch {
        continue;
      }
      if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE') pieces.certificates.push(der);
      else if (label === 'PRIVATE KEY') pieces.plainKeys.push(der);
      else if (label === 'ENCRYPTED PRIVATE KEY') pieces.encryptedKeys.push(der);
      else if (label === 'RSA PRIVATE KEY') pieces.plainKeys.push(pkcs8FromPkcs1(der));
      else if (label === 'EC PRIVATE KEY') pieces.plainKeys.push(pkcs8FromSec1(der));
      else continue;
      found = true;
    }
    return found;
  }
  const bytes = file.bytes;
  if (isEncryptedPkcs8(bytes)) pieces.encryptedKeys.push(bytes);
  else if (isPlainPkcs8(bytes)) pieces.plainKeys.push(bytes);
  else {
    try {
      parseCertificate(bytes);
      pieces.certificates.push(bytes);
    } catch {
      return false;
    }
  }
  return true;
}

function labelOf(files: PickedFile[], infos: CertificateInfo[]): string {
  return infos[0]?.subject.fullName ?? files[0]?.name ?? 'Ключ';
}

async function describeAll(certificates: Uint8Array[]): Promise<CertificateInfo[]> {
  return Promise.all(certificates.map((c) => describeCertificate(c)));
}

export async function readContainer(
  files: PickedFile[],
  secrets: { pin?: string; newPin?: string } = {},
): Promise<ContainerReading> {
  if (files.length === 0) throw new SignatureError('signature.container_unreadable');

  const pkcs12 = files.find((f) => !looksLikeText(f.bytes) && isPkcs12(f.bytes));
  if (pkcs12) {
    const { certificates, needsPin } = await readPkcs12Certificates(pkcs12.bytes, secrets.pin);
    if (needsPin) return { status: 'needs_pin' };
    if (certificates.length === 0) throw new SignatureError('signature.no_certificates');
    const infos = await describeAll(certificates);
    return {
      status: 'ready',
      draft: { kind: 'pkcs12', data: pkcs12.bytes, certificates, infos, label: labelOf(files, infos) },
    };
  }

  const pieces: Pieces = { certificates: [], plainKeys: [], encryptedKeys: [] };
  for (const file of files) {
    if (!collect(file, pieces)) throw new SignatureError('signature.container_unreadable');
  }
  if (pieces.plainKeys.length + pieces.encryptedKeys.length === 0)
    throw new SignatureError('signature.key_not_found');
  if (pieces.certificates.length === 0) throw new SignatureError('signature.no_certificates');

  let plain: Uint8Array;
  let encrypted: Uint8Array | undefined;
  if (pieces.encryptedKeys.length > 0) {
    // A scheme this browser cannot decrypt is refused before a PIN is asked for.
    if (!isEncryptedPkcs8(pieces.encryptedKeys[0]))
      throw new SignatureError('signature.container_unreadable');
    if (!canDecryptPkcs8(pieces.encryptedKeys[0]))
      throw new SignatureError('signature.container_unsupported');
    if (secrets.pin === undefined) return { status: 'needs_pin' };
    encrypted = pieces.encryptedKeys[0];
    plain = await decryptPkcs8(encrypted, secrets.pin);
  } else {
    if (secrets.newPin === undefined) return { status: 'needs_new_pin' };
    plain = pieces.plainKeys[0];
  }
  const key = await importPkcs8(plain);
  try {
    let certificate: Uint8Array | undefined;
    for (const candidate of pieces.certificates) {
      if (await key.matches(parseCertificate(candidate))) {
        certificate = candidate;
        break;
      }
    }
    if (!certificate) throw new SignatureError('signature.key_mismatch');
    const data = encrypted ?? (await encryptPkcs8(plain, secrets.newPin!));
    const infos = await describeAll([certificate]);
    return {
      status: 'ready',
      draft: { kind: 'pkcs8', data, certificates: [certificate], infos, label: labelOf(files, infos) },
    };
  } finally {
    key.dispose();
  }
}
