import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes, fromBase64, reversed, toArrayBuffer, wipe } from '@openesia/pki';
import { keyAlgorithmOf, publicKeyBits, type KeyAlgorithm } from './certificate';
import { SignatureError } from './errors';
import { gostCurveByOid, gostPublicKey, gostSign, streebog, type GostKeySize } from './gost';
import { OID } from '@openesia/pki';

/**
 * A private key ready to sign CMS, whatever its algorithm. Digest and signature algorithms follow the
 * agreed profile: Streebog-256/512 with GOST R 34.10-2012 256/512, SHA-256 with ECDSA P-256 and RSA.
 */
export interface SigningKey {
  /** names the digest and the CMS algorithm identifiers too (@openesia/pki cmsAlgorithms) */
  algorithm: KeyAlgorithm;
  digest(data: Uint8Array): Promise<Uint8Array>;
  /** the SignerInfo.signature value over `data` (the DER of the signed attributes) */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** whether this key is the private half of the certificate's public key */
  matches(certificate: pkijs.Certificate): Promise<boolean>;
  dispose(): void;
}

const sha256 = async (data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));

/** GOST private keys come as raw little-endian bytes, as OCTET STRING or as INTEGER (RFC 9215 §4.3). */
function gostPrivateScalar(privateKey: Uint8Array, size: GostKeySize): Uint8Array {
  const length = size / 8;
  if (privateKey.length === length) return Uint8Array.from(privateKey);
  const parsed = asn1js.fromBER(toArrayBuffer(privateKey));
  if (parsed.offset === -1) throw new SignatureError('signature.container_unreadable');
  if (parsed.result instanceof asn1js.OctetString) {
    const inner = parsed.result.valueBlock.valueHexView;
    if (inner.length === length) return Uint8Array.from(inner);
  }
  if (parsed.result instanceof asn1js.Integer) {
    const bigEndian = parsed.result.valueBlock.valueHexView;
    const trimmed =
      bigEndian.length > length && bigEndian[0] === 0
        ? bigEndian.subarray(bigEndian.length - length)
        : bigEndian;
    if (trimmed.length <= length) {
      const padded = new Uint8Array(length);
      padded.set(trimmed, length - trimmed.length);
      return reversed(padded);
    }
  }
  throw new SignatureError('signature.container_unreadable');
}

function gostKey(size: GostKeySize, curveFromKey: string | undefined, scalar: Uint8Array): SigningKey {
  let curve = curveFromKey;
  return {
    algorithm: size === 256 ? 'gost2012_256' : 'gost2012_512',
    digest: (data) => streebog(size, data),
    sign: async (data) => {
      if (!curve) throw new SignatureError('signature.algorithm_unsupported');
      return gostSign(size, curve, scalar, data);
    },
    matches: async (certificate) => {
      const info = keyAlgorithmOf(certificate);
      if (info.algorithm !== (size === 256 ? 'gost2012_256' : 'gost2012_512') || !info.gostCurve)
        return false;
      if (curve && curve !== info.gostCurve) return false;
      // The certificate's key is an OCTET STRING of x||y, little-endian (RFC 9215 §4.2).
      const wrapped = asn1js.fromBER(toArrayBuffer(publicKeyBits(certificate)));
      if (!(wrapped.result instanceof asn1js.OctetString)) return false;
      const expected = wrapped.result.valueBlock.valueHexView;
      const actual = await gostPublicKey(size, info.gostCurve, scalar);
      if (!equalBytes(actual, expected)) return false;
      curve = info.gostCurve;
      return true;
    },
    dispose: () => wipe(scalar),
  };
}

function base64url(text: string): Uint8Array {
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
}

function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

async function webCryptoKey(algorithm: 'ecdsa_p256' | 'rsa2048', pkcs8: Uint8Array): Promise<SigningKey> {
  const importAlgorithm =
    algorithm === 'ecdsa_p256'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  let key: CryptoKey;
  try {
    // Extractable only to compare its public half (JWK) with the certificate; it never leaves memory.
    key = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), importAlgorithm, true, ['sign']);
  } catch (cause) {
    throw new SignatureError('signature.container_unreadable', { cause });
  }
  return {
    algorithm,
    digest: sha256,
    sign: async (data) => {
      if (algorithm === 'ecdsa_p256') {
        const raw = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data as BufferSource);
        // WebCrypto gives r||s; CMS wants ECDSA-Sig-Value (RFC 5753 §2.1.1)
        return new Uint8Array(pkijs.createCMSECDSASignature(raw));
      }
      return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data as BufferSource));
    },
    matches: async (certificate) => {
      if (keyAlgorithmOf(certificate).algorithm !== algorithm) return false;
      const jwk = await crypto.subtle.exportKey('jwk', key);
      const bits = publicKeyBits(certificate);
      if (algorithm === 'ecdsa_p256') {
        const point = new Uint8Array([4, ...base64url(jwk.x!), ...base64url(jwk.y!)]);
        return equalBytes(point, bits);
      }
      const rsa = pkijs.RSAPublicKey.fromBER(toArrayBuffer(bits));
      return equalBytes(
        stripLeadingZeros(rsa.modulus.valueBlock.valueHexView),
        stripLeadingZeros(base64url(jwk.n!)),
      );
    },
    dispose: () => undefined,
  };
}

/** Reads an unencrypted PKCS#8 PrivateKeyInfo (RFC 5208) into a signing key. */
export async function importPkcs8(der: Uint8Array): Promise<SigningKey> {
  let info: pkijs.PrivateKeyInfo;
  try {
    info = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw new SignatureError('signature.container_unreadable', { cause });
  }
  const algorithmOid = info.privateKeyAlgorithm.algorithmId;
  if (algorithmOid === OID.gost2012_256 || algorithmOid === OID.gost2012_512) {
    const size: GostKeySize = algorithmOid === OID.gost2012_256 ? 256 : 512;
    const params = info.privateKeyAlgorithm.algorithmParams as asn1js.Sequence | undefined;
    const paramSet = (
      params?.valueBlock?.value?.[0] as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    return gostKey(
      size,
      paramSet ? gostCurveByOid[paramSet] : undefined,
      gostPrivateScalar(info.privateKey.valueBlock.valueHexView, size),
    );
  }
  if (algorithmOid === OID.ecPublicKey) {
    const curve = (
      info.privateKeyAlgorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    if (curve !== OID.prime256v1) throw new SignatureError('signature.algorithm_unsupported');
    return webCryptoKey('ecdsa_p256', der);
  }
  if (algorithmOid === OID.rsaEncryption) return webCryptoKey('rsa2048', der);
  throw new SignatureError('signature.algorithm_unsupported');
}
