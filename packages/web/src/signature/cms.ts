import { detachedSignedData, signedAttributes } from '@openesia/pki';
import { parseCertificate } from './certificate';
import type { SigningKey } from './keys';

/**
 * CMS SignedData (RFC 5652 §5), detached: the content is not embedded, the server holds the exact
 * bytes it sent. Signed attributes carry contentType, signingTime and messageDigest (§5.3, §11),
 * sorted as DER requires; the signer's certificate travels in `certificates` so the server can
 * verify without a directory. The structure is @openesia/pki's builder, the server's too; only the
 * signature is computed here. Returns the DER of the ContentInfo.
 */
export async function buildDetachedSignedData(input: {
  data: Uint8Array;
  certificateDer: Uint8Array;
  key: SigningKey;
  signingTime: Date;
}): Promise<Uint8Array> {
  const certificate = parseCertificate(input.certificateDer);
  const { key } = input;
  const { attributes, toSign } = signedAttributes({
    messageDigest: await key.digest(input.data),
    signingTime: input.signingTime,
  });
  return detachedSignedData({
    certificate,
    algorithm: key.algorithm,
    signedAttrs: attributes,
    signature: await key.sign(toSign),
  });
}
