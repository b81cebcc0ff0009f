import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './bytes';
import { parseCertificate } from './certificate';
import type { SigningKey } from './keys';
import { oid } from './oids';

function algorithmId(algorithmOid: string, nullParams: boolean): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier(
    nullParams
      ? { algorithmId: algorithmOid, algorithmParams: new asn1js.Null() }
      : { algorithmId: algorithmOid },
  );
}

/**
 * CMS SignedData (RFC 5652 §5), detached: the content is not embedded, the server holds the exact
 * bytes it sent. Signed attributes carry contentType, signingTime and messageDigest (§5.3, §11); the
 * signer's certificate travels in `certificates` so the server can verify without a directory.
 * Returns the DER of the ContentInfo.
 */
export async function buildDetachedSignedData(input: {
  data: Uint8Array;
  certificateDer: Uint8Array;
  key: SigningKey;
  signingTime: Date;
}): Promise<Uint8Array> {
  const certificate = parseCertificate(input.certificateDer);
  const { key } = input;
  const messageDigest = await key.digest(input.data);

  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: oid.contentType,
        values: [new asn1js.ObjectIdentifier({ value: oid.data })],
      }),
      new pkijs.Attribute({
        type: oid.signingTime,
        values: [new asn1js.UTCTime({ valueDate: input.signingTime })],
      }),
      new pkijs.Attribute({
        type: oid.messageDigest,
        values: [new asn1js.OctetString({ valueHex: toArrayBuffer(messageDigest) })],
      }),
    ],
  });
  // The signature covers the DER of the attributes as a SET OF (tag 0x31), not as [0] IMPLICIT (§5.4).
  const attrsForSigning = new Uint8Array(signedAttrs.toSchema().toBER());
  attrsForSigning[0] = 0x31;
  const signature = await key.sign(attrsForSigning);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: algorithmId(key.digestOid, key.algorithmParamsNull),
    signedAttrs,
    signatureAlgorithm: algorithmId(key.signatureOid, key.algorithmParamsNull),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithmId(key.digestOid, key.algorithmParamsNull)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: oid.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
