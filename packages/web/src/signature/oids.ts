/**
 * Object identifiers used when reading certificates and building CMS.
 * Sources: RFC 9215 / RFC 7836 (TC26 GOST), RFC 5652 (CMS), RFC 5480 / 5758 (ECDSA), RFC 8017 (RSA),
 * Приказ ФСБ России № 795 от 27.12.2011 (attributes of a qualified certificate: СНИЛС, ИНН, ОГРН).
 */
export const oid = {
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  gostSignWithStreebog256: '1.2.643.7.1.1.3.2',
  gostSignWithStreebog512: '1.2.643.7.1.1.3.3',
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha256: '2.16.840.1.101.3.4.2.1',
  // CMS (RFC 5652)
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // PKCS#12 bags (RFC 7292)
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  // Name attributes (RFC 5280, X.520) and Russian ones (Приказ ФСБ № 795)
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  locality: '2.5.4.7',
  region: '2.5.4.8',
  email: '1.2.840.113549.1.9.1',
  snils: '1.2.643.100.3',
  ogrn: '1.2.643.100.1',
  ogrnip: '1.2.643.100.5',
  innPerson: '1.2.643.3.131.1.1',
  innOrganization: '1.2.643.100.4',
  keyUsage: '2.5.29.15',
} as const;
