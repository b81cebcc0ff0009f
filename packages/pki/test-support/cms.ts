import * as asn1js from 'asn1js';

/**
 * The CMS `der` with the `extra` certificates added to its SignedData certificates [0]; with
 * `indefinite`, the outer ContentInfo in BER's indefinite-length form.
 */
export function withExtraCertificates(
  der: Uint8Array,
  extra: Uint8Array[],
  options: { indefinite?: boolean } = {},
): Buffer {
  const contentInfo = asn1js.fromBER(new Uint8Array(der)).result as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock
    .value[0] as asn1js.Sequence;
  const certificates = signedData.valueBlock.value.find(
    (f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0,
  ) as asn1js.Constructed;
  for (const certificate of extra)
    certificates.valueBlock.value.push(asn1js.fromBER(new Uint8Array(certificate)).result);
  if (options.indefinite) {
    contentInfo.lenBlock.isIndefiniteForm = true;
    contentInfo.valueBlock.isIndefiniteForm = true;
  }
  return Buffer.from(contentInfo.toBER());
}
