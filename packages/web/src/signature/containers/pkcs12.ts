import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, toHex } from '@openesia/pki';
import { parseCertificate } from '../certificate';
import { SignatureError } from '../errors';
import { importPkcs8, type SigningKey } from '../keys';
import { OID } from '@openesia/pki';

/**
 * PKCS#12 (RFC 7292) key containers: the test CA's format (contracts/signature.ts) and what
 * `openssl pkcs12 -export` and most CAs hand out. Decryption goes through pkijs and WebCrypto, so
 * PBES2 (PBKDF2 + AES) files open; the legacy PKCS#12 PBE (3DES, RC2) and GOST 28147 PBE do not,
 * and are reported as an unsupported container, not as a wrong PIN.
 */

const pinBytes = (pin: string) => toArrayBuffer(new TextEncoder().encode(pin));

interface Bag {
  localKeyId?: string;
  bag: pkijs.SafeBag;
}

export function isPkcs12(bytes: Uint8Array): boolean {
  try {
    const pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
    return pfx.version === 3;
  } catch {
    return false;
  }
}

function parse(bytes: Uint8Array): pkijs.PFX {
  try {
    return pkijs.PFX.fromBER(toArrayBuffer(bytes));
  } catch (cause) {
    throw new SignatureError('signature.container_unreadable', { cause });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Decryption failed: a wrong PIN, unless the scheme itself is one WebCrypto does not have. */
function decryptionError(cause: unknown): SignatureError {
  if (cause instanceof SignatureError) return cause;
  const text = message(cause);
  if (
    /Unknown|Unsupported|not supported|algorithm/i.test(text) &&
    !/OperationError/.test(String((cause as Error)?.name))
  ) {
    return new SignatureError('signature.container_unsupported', { cause });
  }
  return new SignatureError('signature.wrong_pin', { cause });
}

/** Checks the MAC (a wrong PIN fails here first) and lists the bags, decrypting the safes as needed. */
async function readBags(
  bytes: Uint8Array,
  pin: string | undefined,
): Promise<{ bags: Bag[]; lockedSafes: number }> {
  const pfx = parse(bytes);
  if (pfx.authSafe.contentType !== OID.data) throw new SignatureError('signature.container_unsupported');
  const password = pinBytes(pin ?? '');
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: pin !== undefined && Boolean(pfx.macData) });
  } catch (cause) {
    if (/Integrity/.test(message(cause))) throw new SignatureError('signature.wrong_pin', { cause });
    if (/Unsupported hashing algorithm|Unknown/.test(message(cause)))
      throw new SignatureError('signature.container_unsupported', { cause });
    throw new SignatureError('signature.container_unreadable', { cause });
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw new SignatureError('signature.container_unreadable');
  const bags: Bag[] = [];
  let lockedSafes = 0;
  for (const content of authenticatedSafe.safeContents) {
    let safe: pkijs.SafeContents;
    if (content.contentType === OID.data) {
      safe = pkijs.SafeContents.fromBER((content.content as asn1js.OctetString).getValue());
    } else if (content.contentType === '1.2.840.113549.1.7.6') {
      if (pin === undefined) {
        lockedSafes++;
        continue;
      }
      try {
        const decrypted = await new pkijs.EncryptedData({ schema: content.content }).decrypt({ password });
        safe = pkijs.SafeContents.fromBER(decrypted);
      } catch (cause) {
        throw decryptionError(cause);
      }
    } else {
      throw new SignatureError('signature.container_unsupported');
    }
    for (const bag of safe.safeBags) {
      const idAttribute = bag.bagAttributes?.find((a) => a.type === OID.localKeyId);
      const idValue = idAttribute?.values[0] as asn1js.OctetString | undefined;
      bags.push({ bag, localKeyId: idValue ? toHex(idValue.valueBlock.valueHexView) : undefined });
    }
  }
  return { bags, lockedSafes };
}

function certificatesOf(bags: Bag[]): { der: Uint8Array; localKeyId?: string }[] {
  return bags
    .filter((b) => b.bag.bagId === OID.certBag)
    .map((b) => ({ bag: b.bag.bagValue as pkijs.CertBag, localKeyId: b.localKeyId }))
    .filter(({ bag }) => bag.certId === OID.x509Certificate)
    .map(({ bag, localKeyId }) => ({
      der: new Uint8Array((bag.certValue as asn1js.OctetString).getValue()),
      localKeyId,
    }));
}

/**
 * The certificates of a PKCS#12 file. Without a PIN only the unencrypted part is read; `needsPin`
 * says the file keeps its certificates encrypted too (OpenSSL's default), so the PIN is needed to list them.
 */
export async function readPkcs12Certificates(
  bytes: Uint8Array,
  pin?: string,
): Promise<{ certificates: Uint8Array[]; needsPin: boolean }> {
  const { bags, lockedSafes } = await readBags(bytes, pin);
  const certificates = certificatesOf(bags).map((c) => c.der);
  const hasKey = bags.some((b) => b.bag.bagId === OID.shroudedKeyBag || b.bag.bagId === OID.keyBag);
  return {
    certificates,
    needsPin: pin === undefined && lockedSafes > 0 && (certificates.length === 0 || !hasKey),
  };
}

/** Opens the private key that belongs to `certificateDer`. A wrong PIN is `signature.wrong_pin`. */
export async function openPkcs12Key(
  bytes: Uint8Array,
  pin: string,
  certificateDer: Uint8Array,
): Promise<SigningKey> {
  const { bags } = await readBags(bytes, pin);
  const certificate = parseCertificate(certificateDer);
  const keyBags = bags.filter((b) => b.bag.bagId === OID.shroudedKeyBag || b.bag.bagId === OID.keyBag);
  if (keyBags.length === 0) throw new SignatureError('signature.key_not_found');
  for (const { bag } of keyBags) {
    let info: pkijs.PrivateKeyInfo;
    if (bag.bagId === OID.shroudedKeyBag) {
      const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
      try {
        // parseInternalValues is public at runtime, protected only in pkijs' typings
        await (
          shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }
        ).parseInternalValues({ password: pinBytes(pin) });
      } catch (cause) {
        throw decryptionError(cause);
      }
      info = shrouded.parsedValue as pkijs.PrivateKeyInfo;
    } else {
      info = bag.bagValue as pkijs.PrivateKeyInfo;
    }
    const key = await importPkcs8(new Uint8Array(info.toSchema().toBER()));
    if (await key.matches(certificate)) return key;
    key.dispose();
  }
  throw new SignatureError('signature.key_mismatch');
}
