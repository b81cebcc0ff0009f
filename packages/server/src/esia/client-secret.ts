import { parseCertificate, type ParsedCertificate } from '../domain/signature/certificate.js';
import { isSignatureValid, parseSignature } from '../domain/signature/cms.js';
import { AppError } from '../lib/errors.js';
import { digest, verifySignature } from '../lib/pki/algorithms.js';
import { EsiaError } from './errors.js';

/**
 * ESIA's client secret: the system proves each request with its GOST R 34.10-2012 key, whose
 * certificate the registry holds (issue 13; reference §2.3).
 *
 * - v1 (/aas/oauth2/ac, /te): a detached CMS SignedData over `scope + timestamp + client_id + state`
 *   (`openssl smime -sign -binary -outform DER -noattr`), base64(url).
 * - v2 (/aas/oauth2/v2/ac, /v3/te): the raw 64-byte signature over `client_id + scope + scope_org +
 *   timestamp + state + redirect_uri` (+ `code` at the token call), in the byte order of
 *   `openssl dgst -md_gost12_256 -sign` (s || r), with `client_certificate_hash`.
 */

/** `client_certificate_hash`: Streebog-256 of the certificate's DER, hex upper-case (not of the PEM). */
export function certificateHash(der: Uint8Array): string {
  return digest('streebog256', der).toString('hex').toUpperCase();
}

/** A secret at most this long (a CMS with its certificate is a few kilobytes). */
const MAX_SECRET_CHARS = 16_384;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The secret's bytes. Clients send standard base64 (kmorpex/esia-gosuslugi), base64url without
 * padding (ilimurzin/esia) or with it (ofstudio/go-api-epgu): all are read; anything else is refused.
 */
export function decodeSecret(value: string): Buffer {
  if (!value || value.length > MAX_SECRET_CHARS || !BASE64.test(value))
    throw new EsiaError('ESIA-007053', 'client_secret encoding');
  const standard = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) throw new EsiaError('ESIA-007053', 'client_secret encoding');
  return Buffer.from(standard, 'base64');
}

/** The system's certificate must be in force when it signs (ESIA-007053: «сертификат не активен»). */
function checkInForce(cert: ParsedCertificate, now: Date): void {
  if (now < cert.notBefore || now > cert.notAfter)
    throw new EsiaError('ESIA-007053', 'certificate not in force');
}

/** v2: the raw signature over `message` with the registered certificate's key. */
export function verifyRawSecret(
  certificateDer: Uint8Array,
  message: string,
  secret: string,
  now: Date,
): void {
  const cert = parseCertificate(certificateDer);
  checkInForce(cert, now);
  const signature = decodeSecret(secret);
  if (!verifySignature(cert.publicKey, Buffer.from(message, 'utf8'), signature))
    throw new EsiaError('ESIA-007053', 'signature');
}

/**
 * v1: the detached CMS over `message`, signed with the registered certificate: a CMS by another
 * certificate is ESIA-007002 (certificate and mnemonic do not match), a bad signature ESIA-007053.
 */
export function verifyCmsSecret(
  certificateDer: Uint8Array,
  message: string,
  secret: string,
  now: Date,
): void {
  const registered = parseCertificate(certificateDer);
  checkInForce(registered, now);
  const der = decodeSecret(secret);
  let valid: boolean;
  try {
    const signed = parseSignature(der);
    if (!signed.signer.der.equals(registered.der)) throw new EsiaError('ESIA-007002', 'CMS signer');
    valid = isSignatureValid(signed, Buffer.from(message, 'utf8'));
  } catch (err) {
    if (err instanceof EsiaError) throw err;
    // Unreadable CMS, an algorithm we do not take: the secret is not one.
    throw new EsiaError('ESIA-007053', 'CMS unreadable');
  }
  if (!valid) throw new EsiaError('ESIA-007053', 'CMS signature');
}

/**
 * A system's certificate as registered (PEM or base64 DER), refused unless it is an X.509
 * certificate on a GOST R 34.10-2012 key: ESIA takes no other client secret (reference §2.3).
 */
export function readSystemCertificate(input: string): { der: Buffer; hash: string } {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(input);
  const body = (pem ? pem[1]! : input).replace(/\s+/g, '');
  if (!body || body.length > 65_536 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body))
    throw new AppError('oidc_client.certificate_invalid');
  const der = Buffer.from(body, 'base64');
  let cert: ParsedCertificate;
  try {
    cert = parseCertificate(der);
  } catch (err) {
    if (err instanceof AppError && err.code === 'signature.unsupported_algorithm')
      throw new AppError('oidc_client.certificate_not_gost');
    throw new AppError('oidc_client.certificate_invalid');
  }
  if (cert.publicKey.algorithm !== 'gost2012_256' && cert.publicKey.algorithm !== 'gost2012_512')
    throw new AppError('oidc_client.certificate_not_gost');
  return { der: cert.der, hash: certificateHash(cert.der) };
}
