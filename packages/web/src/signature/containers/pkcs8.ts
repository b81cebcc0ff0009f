import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '@openesia/pki';
import { parseCertificate } from '../certificate';
import { SignatureError } from '../errors';
import { importPkcs8, type SigningKey } from '../keys';
import { OID } from '@openesia/pki';
import { isSupportedPasswordEncryption } from './encryption';

/**
 * Keys kept as EncryptedPrivateKeyInfo (RFC 5208 §6, PBES2 of RFC 8018): what `openssl pkcs8 -topk8`
 * writes, and how this browser keeps a loaded key+certificate pair — never in the clear.
 */

/** PBKDF2 iterations when the browser encrypts a key itself (OWASP 2023 for PBKDF2-HMAC-SHA256). */
export const PBKDF2_ITERATIONS = 600_000;

/** An EncryptedPrivateKeyInfo (RFC 5208 §6) by its structure, whatever scheme encrypts it. */
export function isEncryptedPkcs8(bytes: Uint8Array): boolean {
  try {
    pkijs.PKCS8ShroudedKeyBag.fromBER(toArrayBuffer(bytes));
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this browser can decrypt the EncryptedPrivateKeyInfo: PBES2 with PBKDF2 and AES-CBC
 * (encryption.ts). Asked before the PIN, so an unsupported key is refused at once.
 */
export function canDecryptPkcs8(encrypted: Uint8Array): boolean {
  try {
    return isSupportedPasswordEncryption(
      pkijs.PKCS8ShroudedKeyBag.fromBER(toArrayBuffer(encrypted)).encryptionAlgorithm,
    );
  } catch {
    return false;
  }
}

export function isPlainPkcs8(bytes: Uint8Array): boolean {
  try {
    pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(bytes));
    return true;
  } catch {
    return false;
  }
}

export async function encryptPkcs8(
  plain: Uint8Array,
  pin: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<Uint8Array> {
  const bag = new pkijs.PKCS8ShroudedKeyBag({
    parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(plain)),
  });
  await bag.makeInternalValues({
    password: toArrayBuffer(new TextEncoder().encode(pin)),
    // pkijs draws the IV itself; its typings still ask for one
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256, iv: new Uint8Array(16) },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  });
  return new Uint8Array(bag.toSchema().toBER());
}

export async function decryptPkcs8(encrypted: Uint8Array, pin: string): Promise<Uint8Array> {
  let bag: pkijs.PKCS8ShroudedKeyBag;
  try {
    bag = pkijs.PKCS8ShroudedKeyBag.fromBER(toArrayBuffer(encrypted));
  } catch (cause) {
    throw new SignatureError('signature.container_unreadable', { cause });
  }
  if (!isSupportedPasswordEncryption(bag.encryptionAlgorithm))
    throw new SignatureError('signature.container_unsupported');
  try {
    await (
      bag as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }
    ).parseInternalValues({ password: toArrayBuffer(new TextEncoder().encode(pin)) });
  } catch (cause) {
    // The scheme is one we run (checked above): AES-CBC with a wrong key fails on padding, or
    // yields bytes that are not a PrivateKeyInfo. Either way, another PIN.
    throw new SignatureError('signature.wrong_pin', { cause });
  }
  return new Uint8Array((bag.parsedValue as pkijs.PrivateKeyInfo).toSchema().toBER());
}

export async function openEncryptedPkcs8Key(
  encrypted: Uint8Array,
  pin: string,
  certificateDer: Uint8Array,
): Promise<SigningKey> {
  const plain = await decryptPkcs8(encrypted, pin);
  const key = await importPkcs8(plain);
  plain.fill(0);
  if (!(await key.matches(parseCertificate(certificateDer)))) {
    key.dispose();
    throw new SignatureError('signature.key_mismatch');
  }
  return key;
}

/** RFC 8017 RSAPrivateKey ("BEGIN RSA PRIVATE KEY") as PKCS#8. */
export function pkcs8FromPkcs1(der: Uint8Array): Uint8Array {
  const info = new pkijs.PrivateKeyInfo({
    version: 0,
    privateKeyAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    privateKey: new asn1js.OctetString({ valueHex: toArrayBuffer(der) }),
  });
  return new Uint8Array(info.toSchema().toBER());
}

/** RFC 5915 ECPrivateKey ("BEGIN EC PRIVATE KEY") as PKCS#8; the curve comes from its parameters. */
export function pkcs8FromSec1(der: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  const sequence = parsed.result as asn1js.Sequence;
  const params = sequence.valueBlock?.value?.find(
    (v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0,
  ) as asn1js.Constructed | undefined;
  const curve = params?.valueBlock.value[0] as asn1js.ObjectIdentifier | undefined;
  if (parsed.offset === -1 || !curve) throw new SignatureError('signature.container_unreadable');
  const info = new pkijs.PrivateKeyInfo({
    version: 0,
    privateKeyAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.ecPublicKey,
      algorithmParams: new asn1js.ObjectIdentifier({ value: curve.valueBlock.toString() }),
    }),
    privateKey: new asn1js.OctetString({ valueHex: toArrayBuffer(der) }),
  });
  return new Uint8Array(info.toSchema().toBER());
}
