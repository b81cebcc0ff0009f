import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, toHex } from '@openesia/pki';
import { parseCertificate } from '../certificate';
import { SignatureError } from '../errors';
import { importPkcs8, type SigningKey } from '../keys';
import { OID } from '@openesia/pki';
import { isSupportedMacDigest, isSupportedPasswordEncryption, verifiesMac } from './encryption';

/**
 * PKCS#12 (RFC 7292) key containers: the test CA's format (contracts/signature.ts) and what
 * `openssl pkcs12 -export` and most CAs hand out. Decryption goes through pkijs and WebCrypto, so
 * PBES2 (PBKDF2 + AES) files open; the legacy PKCS#12 PBE (3DES, RC2), GOST 28147 PBE and GOST MACs
 * do not, and are reported as an unsupported container, not as a wrong PIN — told apart by the
 * algorithms the file names (encryption.ts), never by the text of an error.
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

const unsupported = () => new SignatureError('signature.container_unsupported');
const unreadable = (cause?: unknown) => new SignatureError('signature.container_unreadable', { cause });
const wrongPin = (cause?: unknown) => new SignatureError('signature.wrong_pin', { cause });

/**
 * Lists the bags, decrypting the safes as needed. Each refusal is decided by structure (see
 * encryption.ts), in this order: a file that does not parse is unreadable; a MAC or encryption this
 * browser cannot compute is unsupported, whatever the PIN; then the MAC is checked with the PIN
 * (a MAC that does not verify is a wrong PIN), and a safe that then fails to decrypt is a wrong PIN
 * too. Without a PIN only the unencrypted safes are read.
 */
async function readBags(
  bytes: Uint8Array,
  pin: string | undefined,
): Promise<{ bags: Bag[]; lockedSafes: number }> {
  const pfx = parse(bytes);
  // Public-key integrity and privacy modes (RFC 7292 §3.1) need the recipient's key, not a PIN.
  if (pfx.authSafe.contentType !== OID.data) throw unsupported();
  const password = pinBytes(pin ?? '');
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: false });
  } catch (cause) {
    throw unreadable(cause);
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw unreadable();
  const encrypted = new Map<pkijs.ContentInfo, pkijs.EncryptedData>();
  for (const content of authenticatedSafe.safeContents) {
    if (content.contentType === OID.data) continue;
    if (content.contentType !== OID.encryptedData) throw unsupported();
    try {
      encrypted.set(content, new pkijs.EncryptedData({ schema: content.content }));
    } catch (cause) {
      throw unreadable(cause);
    }
  }

  let macVerified = false;
  if (pin !== undefined) {
    if (pfx.macData && !isSupportedMacDigest(pfx.macData)) throw unsupported();
    for (const data of encrypted.values())
      if (!isSupportedPasswordEncryption(data.encryptedContentInfo.contentEncryptionAlgorithm))
        throw unsupported();
    if (pfx.macData) {
      let verified: boolean;
      try {
        verified = await verifiesMac(pfx, password);
      } catch (cause) {
        throw unreadable(cause);
      }
      if (!verified) throw wrongPin();
      macVerified = true;
    }
  }

  const bags: Bag[] = [];
  let lockedSafes = 0;
  for (const content of authenticatedSafe.safeContents) {
    let safe: pkijs.SafeContents;
    const data = encrypted.get(content);
    if (!data) {
      try {
        safe = pkijs.SafeContents.fromBER((content.content as asn1js.OctetString).getValue());
      } catch (cause) {
        throw unreadable(cause);
      }
    } else if (pin === undefined) {
      lockedSafes++;
      continue;
    } else {
      let decrypted: ArrayBuffer;
      try {
        decrypted = await data.decrypt({ password });
      } catch (cause) {
        // A supported scheme that fails (AES-CBC padding) was given another key: another PIN.
        throw wrongPin(cause);
      }
      try {
        safe = pkijs.SafeContents.fromBER(decrypted);
      } catch (cause) {
        // Bytes that decrypted but are no SafeContents: a wrong key whose padding happened to
        // look right, unless the MAC has already proven the PIN.
        throw macVerified ? unreadable(cause) : wrongPin(cause);
      }
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
      if (!isSupportedPasswordEncryption(shrouded.encryptionAlgorithm)) throw unsupported();
      try {
        // parseInternalValues is public at runtime, protected only in pkijs' typings
        await (
          shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }
        ).parseInternalValues({ password: pinBytes(pin) });
      } catch (cause) {
        // The scheme is one we run: failing to decrypt, or decrypting to no PrivateKeyInfo, is another PIN.
        throw wrongPin(cause);
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
