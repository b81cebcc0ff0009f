import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { AppError } from '../../lib/errors.js';
import { signatureDigest, verifySignature } from '../../lib/pki/algorithms.js';
import { toArrayBuffer } from '../../lib/pki/bytes.js';
import { serialHex, type ParsedCertificate } from './certificate.js';

/** A certificate revocation list (RFC 5280 section 5). */
export interface ParsedCrl {
  der: Buffer;
  /** hex SHA-256 of the DER */
  fingerprint: string;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** serial (upper-case hex) -> revocation date */
  revoked: Map<string, Date>;
  tbs: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
}

export function parseCrl(der: Uint8Array): ParsedCrl {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
  } catch {
    throw new AppError('signature.crl_unavailable', { message: 'CRL is not DER' });
  }
  const revoked = new Map<string, Date>();
  for (const entry of crl.revokedCertificates ?? []) {
    revoked.set(
      serialHex(new Uint8Array(entry.userCertificate.valueBlock.valueHexView)),
      entry.revocationDate.value,
    );
  }
  return {
    der: Buffer.from(der),
    fingerprint: createHash('sha256').update(der).digest('hex'),
    issuerDer: Buffer.from(crl.issuer.toSchema().toBER()),
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value ?? null,
    revoked,
    tbs: new Uint8Array(crl.tbsView),
    signatureOid: crl.signatureAlgorithm.algorithmId,
    signature: new Uint8Array(crl.signatureValue.valueBlock.valueHexView),
  };
}

/**
 * A CRL can speak for a certificate when its issuer issued it, signed it and it is current:
 * RFC 5280 6.3.3 (a) nextUpdate not passed, (f) the CRL issuer's signature verifies.
 */
export function isUsableCrl(
  crl: ParsedCrl,
  issuer: ParsedCertificate,
  now: Date,
  verified?: Map<string, true>,
): boolean {
  if (!crl.issuerDer.equals(issuer.subjectDer)) return false;
  if (crl.thisUpdate.getTime() > now.getTime()) return false;
  if (crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime()) return false;
  try {
    signatureDigest(issuer.publicKey, crl.signatureOid);
  } catch {
    return false;
  }
  // The signature of a CRL does not change while it is cached: check it once per (CRL, issuer).
  const key = `crl:${crl.fingerprint}:${issuer.fingerprint}`;
  if (verified?.has(key)) return true;
  const ok = verifySignature(issuer.publicKey, crl.tbs, crl.signature);
  if (ok && verified) {
    if (verified.size > 10_000) verified.clear();
    verified.set(key, true);
  }
  return ok;
}
