/**
 * Object identifiers of the Russian PKI and of the international algorithms we accept.
 * GOST: ТК 26 «Криптографическая защита информации», RFC 9215 (GOST R 34.10-2012 in X.509),
 * RFC 7836; subject attributes: Приказ ФСБ России № 795 (2011) «Об утверждении требований к форме
 * квалифицированного сертификата ключа проверки электронной подписи»; CMS: RFC 5652; PKCS#12:
 * RFC 7292. One table for the server and the browser.
 */
export const OID = {
  // GOST R 34.10-2012 public keys and signatures (RFC 9215 section 3)
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  gostSignWithDigest256: '1.2.643.7.1.1.3.2',
  gostSignWithDigest512: '1.2.643.7.1.1.3.3',
  // GOST R 34.11-2012 «Стрибог»
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  // curves (parameter sets): every one is in gost-params.ts
  cryptoProA: '1.2.643.2.2.35.1',
  cryptoProB: '1.2.643.2.2.35.2',
  cryptoProC: '1.2.643.2.2.35.3',
  cryptoProXchA: '1.2.643.2.2.36.0',
  cryptoProXchB: '1.2.643.2.2.36.1',
  tc26_256A: '1.2.643.7.1.2.1.1.1',
  tc26_256B: '1.2.643.7.1.2.1.1.2',
  tc26_256C: '1.2.643.7.1.2.1.1.3',
  tc26_256D: '1.2.643.7.1.2.1.1.4',
  tc26_512A: '1.2.643.7.1.2.1.2.1',
  tc26_512B: '1.2.643.7.1.2.1.2.2',
  tc26_512C: '1.2.643.7.1.2.1.2.3',
  // international
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
  // CMS (RFC 5652)
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // PKCS#12 (RFC 7292) and password-based encryption (RFC 8018)
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
  encryptedData: '1.2.840.113549.1.7.6',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha1: '1.2.840.113549.2.7',
  hmacWithSha256: '1.2.840.113549.2.9',
  hmacWithSha384: '1.2.840.113549.2.10',
  hmacWithSha512: '1.2.840.113549.2.11',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  // X.500 attributes (RFC 5280 appendix A)
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  state: '2.5.4.8',
  street: '2.5.4.9',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  givenName: '2.5.4.42',
  emailAddress: '1.2.840.113549.1.9.1',
  // Приказ ФСБ № 795: identifiers of the owner
  ogrn: '1.2.643.100.1',
  snils: '1.2.643.100.3',
  innLe: '1.2.643.100.4',
  ogrnip: '1.2.643.100.5',
  inn: '1.2.643.3.131.1.1',
  subjectSignTool: '1.2.643.100.111',
  issuerSignTool: '1.2.643.100.112',
  // extensions
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  certificatePolicies: '2.5.29.32',
} as const;

/** Digest OID of each GOST key size (RFC 9215 section 4). */
export const gostDigestOf = { 256: OID.streebog256, 512: OID.streebog512 } as const;
