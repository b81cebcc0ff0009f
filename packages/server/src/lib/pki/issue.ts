import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import {
  OID,
  detachedSignedData,
  digestFor,
  signatureOidFor,
  signedAttributes,
  toArrayBuffer,
} from '@openesia/pki';
import { digest, signData, type PrivateKey, type PublicKey } from './algorithms.js';

/**
 * Making certificates, CRLs and CMS signatures: what the test CA and the fixtures need.
 * Structures come from pkijs and asn1js; only the signature is computed by us, because
 * pkijs's engine knows no GOST (RFC 5280 for certificates and CRLs, RFC 5652 for CMS).
 */

export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

function algorithmIdentifier(oid: string, withNull = false): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: oid,
    ...(withNull ? { algorithmParams: new asn1js.Null() } : {}),
  });
}

/** sha256WithRSAEncryption carries NULL parameters (RFC 4055); GOST and ECDSA carry none. */
function signatureAlgorithmOf(key: PrivateKey): pkijs.AlgorithmIdentifier {
  return algorithmIdentifier(signatureOidFor[key.algorithm], key.algorithm === 'rsa2048');
}

/** RFC 5280 4.2.1.3: bit 0 digitalSignature … bit 6 cRLSign. */
export const KEY_USAGE_BITS: Record<KeyUsage, number> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

function keyUsageExtension(usages: KeyUsage[]): pkijs.Extension {
  let byte = 0;
  for (const u of usages) byte |= 0x80 >> KEY_USAGE_BITS[u];
  // DER (X.690 11.2.2): trailing zero bits are dropped and counted as unused.
  let unusedBits = 0;
  while (unusedBits < 7 && !(byte & (1 << unusedBits))) unusedBits++;
  return new pkijs.Extension({
    extnID: OID.keyUsage,
    critical: true,
    extnValue: new asn1js.BitString({ valueHex: Uint8Array.of(byte).buffer, unusedBits }).toBER(),
  });
}

function authorityKeyIdExtension(spki: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.authorityKeyIdentifier,
    critical: false,
    extnValue: new pkijs.AuthorityKeyIdentifier({
      keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(keyIdentifier(spki)) }),
    })
      .toSchema()
      .toBER(),
  });
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime after. */
function time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(spki: Uint8Array): Buffer {
  const info = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spki));
  return createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest();
}

export interface CertificateRequest {
  subject: pkijs.RelativeDistinguishedNames;
  subjectKey: PublicKey;
  /** positive, at most 20 octets (RFC 5280 4.1.2.2) */
  serialNumber: Buffer;
  notBefore: Date;
  notAfter: Date;
  keyUsage: KeyUsage[];
  ca?: boolean;
  crlUrls?: string[];
  /** issuer; omitted for a self-signed certificate (then `signerKey` is the subject's own key) */
  issuer?: { name: pkijs.RelativeDistinguishedNames; spki: Uint8Array };
  signerKey: PrivateKey;
}

export function issueCertificate(req: CertificateRequest): Buffer {
  const extensions: pkijs.Extension[] = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: !!req.ca }).toSchema().toBER(),
    }),
    keyUsageExtension(req.keyUsage),
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({
        valueHex: toArrayBuffer(keyIdentifier(req.subjectKey.spki)),
      }).toBER(),
    }),
    authorityKeyIdExtension(req.issuer?.spki ?? req.subjectKey.spki),
  ];
  if (req.crlUrls?.length) {
    const points = new pkijs.CRLDistributionPoints({
      distributionPoints: req.crlUrls.map(
        (url) =>
          new pkijs.DistributionPoint({
            distributionPoint: [new pkijs.GeneralName({ type: 6, value: url })],
          }),
      ),
    });
    extensions.push(
      new pkijs.Extension({
        extnID: OID.crlDistributionPoints,
        critical: false,
        extnValue: points.toSchema().toBER(),
      }),
    );
  }
  const serial =
    req.serialNumber[0] & 0x80 ? Buffer.concat([Buffer.from([0]), req.serialNumber]) : req.serialNumber;
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(serial) }),
    signature: signatureAlgorithmOf(req.signerKey),
    issuer: req.issuer?.name ?? req.subject,
    subject: req.subject,
    notBefore: time(req.notBefore),
    notAfter: time(req.notAfter),
    subjectPublicKeyInfo: pkijs.PublicKeyInfo.fromBER(toArrayBuffer(req.subjectKey.spki)),
    extensions,
  });
  const tbs = cert.encodeTBS().toBER();
  cert.signatureAlgorithm = signatureAlgorithmOf(req.signerKey);
  cert.signatureValue = new asn1js.BitString({ valueHex: signData(req.signerKey, new Uint8Array(tbs)) });
  return Buffer.from(cert.toSchema(true).toBER());
}

export interface RevokedEntry {
  serialNumber: Buffer;
  revokedAt: Date;
  /** RFC 5280 5.3.1 CRLReason code */
  reasonCode?: number;
}

export interface CrlRequest {
  issuerName: pkijs.RelativeDistinguishedNames;
  issuerSpki: Uint8Array;
  signerKey: PrivateKey;
  thisUpdate: Date;
  /** null only to make a CRL without nextUpdate, as some CAs publish (RFC 5280 5.1.2.5 asks for one) */
  nextUpdate: Date | null;
  crlNumber: number;
  revoked: RevokedEntry[];
}

export function issueCrl(req: CrlRequest): Buffer {
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: signatureAlgorithmOf(req.signerKey),
    issuer: req.issuerName,
    thisUpdate: time(req.thisUpdate),
    ...(req.nextUpdate ? { nextUpdate: time(req.nextUpdate) } : {}),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        authorityKeyIdExtension(req.issuerSpki),
        new pkijs.Extension({
          extnID: OID.crlNumber,
          critical: false,
          extnValue: new asn1js.Integer({ value: req.crlNumber }).toBER(),
        }),
      ],
    }),
  });
  if (req.revoked.length) {
    crl.revokedCertificates = req.revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({
            valueHex: toArrayBuffer(
              r.serialNumber[0] & 0x80 ? Buffer.concat([Buffer.from([0]), r.serialNumber]) : r.serialNumber,
            ),
          }),
          revocationDate: time(r.revokedAt),
          ...(r.reasonCode !== undefined
            ? {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: OID.crlReason,
                      critical: false,
                      extnValue: new asn1js.Enumerated({ value: r.reasonCode }).toBER(),
                    }),
                  ],
                }),
              }
            : {}),
        }),
    );
  }
  // encodeTBS is protected on the CRL class in the typings, public at run time (pkijs 4).
  const tbs = (crl as unknown as { encodeTBS(): { toBER(): ArrayBuffer } }).encodeTBS().toBER();
  crl.signatureAlgorithm = signatureAlgorithmOf(req.signerKey);
  crl.signatureValue = new asn1js.BitString({ valueHex: signData(req.signerKey, new Uint8Array(tbs)) });
  return Buffer.from(crl.toSchema(true).toBER());
}

/**
 * CMS SignedData, detached (RFC 5652 5.2: eContent absent), with the signer certificate and the
 * signed attributes contentType, signingTime and messageDigest — what CryptoPro and OpenSSL write
 * by default. With `signedAttributes: false` the signature covers the content directly, as
 * `openssl cms -sign -noattr` and ESIA's client_secret do.
 */
export function signDetached(
  content: Uint8Array,
  certificateDer: Uint8Array,
  key: PrivateKey,
  options: { signingTime?: Date; signedAttributes?: boolean } = {},
): Buffer {
  let toSign: Uint8Array = content;
  let attributes: pkijs.SignedAndUnsignedAttributes | undefined;
  if (options.signedAttributes !== false) {
    // One builder for the server and the browser (@openesia/pki cms.ts): attributes sorted as DER asks.
    const built = signedAttributes({
      messageDigest: digest(digestFor[key.algorithm], content),
      signingTime: options.signingTime ?? new Date(),
    });
    attributes = built.attributes;
    toSign = built.toSign;
  }
  return Buffer.from(
    detachedSignedData({
      certificate: certificateDer,
      algorithm: key.algorithm,
      signedAttrs: attributes,
      signature: signData(key, toSign),
    }),
  );
}
