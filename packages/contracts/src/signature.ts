import { z } from 'zod';
import { isValidInn, isValidOgrn, isValidOgrnip } from './identifiers.js';
import { optionalPersonName, personName, snils, text } from './fields.js';

/**
 * Qualified electronic signature (УКЭП, 63-ФЗ «Об электронной подписи»): the contract between the
 * browser (key containers, PIN, signing in the page) and the server (verification, sign-in,
 * confirmation, the test CA). See docs/SIGNATURES.md.
 *
 * SIGNING FORMAT, everywhere: CMS (RFC 5652) SignedData, DETACHED (no eContent), DER, base64,
 * computed over the EXACT bytes the server sent (base64-decoded `dataToSign`), with the signer
 * certificate included in `certificates` — the form ESIA uses for client_secret.
 *   - signerInfo.sid: issuerAndSerialNumber
 *   - signed attributes are allowed (contentType, messageDigest, signingTime) and also their
 *     absence (`openssl cms -sign -noattr`); both are verified.
 *   - digest by key algorithm (@openesia/pki `digestFor` and `cmsAlgorithms`, server and browser alike):
 *       GOST R 34.10-2012 256 -> Streebog-256 (1.2.643.7.1.1.2.2), signature OID 1.2.643.7.1.1.1.1
 *         (or 1.2.643.7.1.1.3.2);
 *       GOST R 34.10-2012 512 -> Streebog-512 (1.2.643.7.1.1.2.3), signature OID 1.2.643.7.1.1.1.2
 *         (or 1.2.643.7.1.1.3.3);
 *       ECDSA P-256 -> SHA-256, ecdsa-with-SHA256; RSA -> SHA-256, rsaEncryption or
 *         sha256WithRSAEncryption (PKCS#1 v1.5).
 *   - GOST signature value: 64 (256) or 128 (512) bytes as OpenSSL's gost engine writes them
 *     (s || r, big-endian halves), which node-gost-crypto produces and verifies as-is.
 */

export const signatureAlgorithms = ['gost2012_256', 'gost2012_512', 'ecdsa_p256', 'rsa2048'] as const;
export const signatureAlgorithmSchema = z.enum(signatureAlgorithms);
export type SignatureAlgorithm = z.infer<typeof signatureAlgorithmSchema>;

/** Base64 (standard alphabet, padding optional), as carried in JSON. */
export const base64Schema = text({ error: 'required' })
  .min(1, { error: 'required' })
  .max(2_000_000, { error: 'too_long' })
  .regex(/^[A-Za-z0-9+/\s]+={0,2}$/, { error: 'signature.malformed' });

// ---- Challenges: what the person signs ----

export const signaturePurposes = ['login', 'confirm'] as const;
export const signaturePurposeSchema = z.enum(signaturePurposes);
export type SignaturePurpose = z.infer<typeof signaturePurposeSchema>;

/**
 * What a signature is for, with what it signs. The challenge's bytes end with a line naming the
 * kind and the SHA-256 of this payload (server domain/signature/purpose.ts), and verification
 * checks that line against the purpose it expects: a signature made for one purpose, or for
 * another payload of the same purpose, never passes for another.
 */
const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const signedPurposeSchema = z.discriminatedUnion('kind', [
  /** «Войти с помощью электронной подписи»: nothing but the challenge */
  z.object({ kind: z.literal('login') }),
  /** confirming this account (seed 000, step 3) */
  z.object({ kind: z.literal('confirm'), accountId: z.uuid() }),
  /** registering an organization: its ОГРН and ИНН, and the digest of the data it registers with */
  z.object({
    kind: z.literal('organization.register'),
    ogrn: z.string().regex(/^\d{13}$/),
    inn: z.string().regex(/^\d{10}$/),
    dataDigest: sha256HexSchema,
  }),
  /** signing an application: which one, and the digest of its content */
  z.object({ kind: z.literal('application.sign'), applicationId: z.uuid(), digest: sha256HexSchema }),
  /** an operator's decision on an application */
  z.object({ kind: z.literal('operator.decision'), decisionId: z.uuid(), digest: sha256HexSchema }),
  /** entering АРМ «Центр обслуживания» with an employee's service certificate */
  z.object({ kind: z.literal('workstation.login') }),
]);
export type SignedPurpose = z.infer<typeof signedPurposeSchema>;
export type SignedPurposeKind = SignedPurpose['kind'];
export const signedPurposeKinds = [
  'login',
  'confirm',
  'organization.register',
  'application.sign',
  'operator.decision',
  'workstation.login',
] as const satisfies readonly SignedPurposeKind[];

/** POST /api/signature/challenges ('confirm' needs a session; 'login' does not). */
export const signatureChallengeRequestSchema = z.object({ purpose: signaturePurposeSchema });
export type SignatureChallengeRequest = z.infer<typeof signatureChallengeRequestSchema>;

export const signatureChallengeSchema = z
  .object({
    challengeId: z.string(),
    /** base64 of the UTF-8 bytes to sign, exactly; single use; lives 5 minutes */
    dataToSign: z.string(),
    /** the same bytes decoded as UTF-8, to show the person what they sign */
    text: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'SignatureChallenge' });
export type SignatureChallenge = z.infer<typeof signatureChallengeSchema>;

/**
 * POST /api/signature/login -> AccountSummary (citizen.ts), session with authMethod 'signature'.
 * POST /api/me/confirmation/signature -> AccountSummary (level 'confirmed', confirmationMethod 'signature').
 */
export const signedChallengeSchema = z.object({
  challengeId: text({ error: 'required' }).min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  /** base64 DER CMS SignedData, detached, signer certificate included */
  signature: base64Schema,
});
export type SignedChallenge = z.infer<typeof signedChallengeSchema>;

// ---- Certificate description (what a verified certificate says about its owner) ----

export const certificateSubjectSchema = z
  .object({
    commonName: z.string().nullable(),
    lastName: z.string().nullable(),
    /** givenName of Russian certificates: «Имя Отчество» */
    firstName: z.string().nullable(),
    middleName: z.string().nullable(),
    snils: z.string().nullable(),
    inn: z.string().nullable(),
    innLe: z.string().nullable(),
    ogrn: z.string().nullable(),
    ogrnip: z.string().nullable(),
    organization: z.string().nullable(),
    title: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'CertificateSubject' });
export type CertificateSubject = z.infer<typeof certificateSubjectSchema>;

export const certificateInfoSchema = z
  .object({
    serialNumber: z.string(),
    algorithm: signatureAlgorithmSchema,
    subject: certificateSubjectSchema,
    issuerName: z.string(),
    notBefore: z.string(),
    notAfter: z.string(),
    /** hex SHA-1 of the DER certificate, the «отпечаток» the trust list and CryptoPro show */
    thumbprint: z.string(),
  })
  .meta({ id: 'CertificateInfo' });
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

// ---- Test CA («Тестовый УЦ», demo mode only; otherwise `test_ca.disabled`) ----

export const pinSchema = text({ error: 'required' })
  .min(1, { error: 'required' })
  .min(6, { error: 'pin.too_short' })
  .max(64, { error: 'too_long' });

const optionalDigits = (check: (v: string) => boolean, code: string) =>
  text()
    .trim()
    .refine((v) => v === '' || check(v), { error: code })
    .optional()
    .transform((v) => (v ? v : undefined));

export const testCaSubjectSchema = z.object({
  lastName: personName,
  firstName: personName,
  middleName: optionalPersonName,
  snils: snils.optional(),
  inn: optionalDigits((v) => /^\d{12}$/.test(v) && isValidInn(v), 'inn.checksum'),
  innLe: optionalDigits((v) => /^\d{10}$/.test(v) && isValidInn(v), 'inn.checksum'),
  ogrn: optionalDigits(isValidOgrn, 'ogrn.checksum'),
  ogrnip: optionalDigits(isValidOgrnip, 'ogrnip.checksum'),
  organization: text().trim().max(250, { error: 'too_long' }).optional(),
  title: text().trim().max(120, { error: 'too_long' }).optional(),
  email: text().trim().max(254, { error: 'too_long' }).optional(),
});
export type TestCaSubject = z.input<typeof testCaSubjectSchema>;

/**
 * What the test CA's operator may issue (the CLI on the server, test support code): any subject.
 * Not an HTTP request: through the API a person gets a certificate only for their own checked data.
 */
export const testCaIssueRequestSchema = z.object({
  algorithm: signatureAlgorithmSchema,
  pin: pinSchema,
  subject: testCaSubjectSchema,
  /** default 365; 1..1825 */
  validDays: z.number().int().min(1).max(1825).optional(),
  /** ISO date-time; lets a demo issue a not-yet-valid certificate. Default: now. */
  notBefore: z.iso.datetime({ offset: true }).optional(),
});
export type TestCaIssueRequest = z.input<typeof testCaIssueRequestSchema>;

/**
 * POST /api/test-ca/my-certificate (signed in): the subject is the account's checked ФИО and СНИЛС
 * (personal data that passed the registry checks); otherwise `test_ca.no_checked_data`.
 */
export const testCaMyCertificateRequestSchema = z.object({
  algorithm: signatureAlgorithmSchema,
  pin: pinSchema,
  validDays: z.number().int().min(1).max(1825).optional(),
});
export type TestCaMyCertificateRequest = z.input<typeof testCaMyCertificateRequestSchema>;

/**
 * The key container, PKCS#12 (RFC 7292) as `openssl pkcs12 -export` of OpenSSL 3 writes it:
 *   - one PKCS8ShroudedKeyBag: PBES2 (PBKDF2 hmacWithSHA256, 2048 iterations, AES-256-CBC), password = PIN
 *     (UTF-8, as OpenSSL does for PBES2); inside, PrivateKeyInfo (RFC 5208):
 *       GOST: algorithm 1.2.643.7.1.1.1.1 / .1.2 with parameters SEQUENCE { paramSet OID, digest OID }
 *             (256: id-GostR3410-2001-CryptoPro-A-ParamSet 1.2.643.2.2.35.1 + Streebog-256;
 *              512: id-tc26-gost-3410-12-512-paramSetA 1.2.643.7.1.2.1.2.1 + Streebog-512),
 *             privateKey = OCTET STRING of the raw key, 32 / 64 bytes LITTLE-endian, exactly as
 *             `openssl genpkey -algorithm gost2012_256 -pkeyopt paramset:A` writes it (gost engine 3.0.1);
 *             readers should also accept the nested forms OCTET STRING { OCTET STRING } and INTEGER;
 *       ECDSA: RFC 5915 ECPrivateKey, curve P-256; RSA: RFC 8017 RSAPrivateKey.
 *   - one CertBag with the certificate (unencrypted SafeContents), both bags with the same localKeyId
 *     (SHA-1 of the certificate) and friendlyName = subject CN.
 *   - MAC: HMAC-SHA256 with the PKCS#12 KDF (RFC 7292 B.2, password BMPString), 2048 iterations.
 *     A wrong PIN fails the MAC check: the browser reports `signature.wrong_pin`.
 * `openssl pkcs12 -in file.p12 -nodes` (with the gost engine for GOST keys) reads it.
 */
export const keyContainerFormats = ['pkcs12'] as const;
export const keyContainerFormatSchema = z.enum(keyContainerFormats);

export const testCaIssuedSchema = z
  .object({
    serialNumber: z.string(),
    /** base64 DER X.509 certificate */
    certificate: z.string(),
    /** base64 container (see keyContainerFormats) */
    container: z.string(),
    containerFormat: keyContainerFormatSchema,
    info: certificateInfoSchema,
    /**
     * Issued by the operator (CLI), not to an account: the one proof that lets the holder revoke it
     * (shown once, kept only as a keyed hash). Null when issued to a signed-in account, which
     * revokes it by session.
     */
    revocationToken: z.string().nullable(),
  })
  .meta({ id: 'TestCaIssued' });
export type TestCaIssued = z.infer<typeof testCaIssuedSchema>;

/**
 * POST /api/test-ca/certificates/:serial/revoke — by the account that had it issued, or with the
 * revocation token of an operator's issue; anyone else gets `test_ca.not_yours`.
 */
export const testCaRevokeRequestSchema = z.object({
  reason: z
    .enum(['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'])
    .optional(),
  revocationToken: text().max(200, { error: 'too_long' }).optional(),
});
export const testCaRevokedSchema = z.object({ serialNumber: z.string(), revokedAt: z.string() });
// GET /api/test-ca/crl -> application/pkix-crl (DER); GET /api/test-ca/root -> application/pkix-cert (DER)

// ---- Trust list («перечень аккредитованных удостоверяющих центров»), federal operator only ----

export const trustedRootStatuses = ['active', 'suspended', 'revoked'] as const;

export const trustedRootSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    ogrn: z.string().nullable(),
    registryNumber: z.string().nullable(),
    status: z.enum(trustedRootStatuses),
    subjectName: z.string(),
    serialNumber: z.string(),
    thumbprint: z.string(),
    algorithm: z.string(),
    notBefore: z.string(),
    notAfter: z.string(),
    crlUrls: z.array(z.string()),
    source: z.enum(['upload', 'xml', 'test_ca']),
    addedAt: z.string(),
    /** set when the operator excluded the root («Исключить из перечня»; status becomes 'revoked') */
    excludedAt: z.string().nullable().optional(),
  })
  .meta({ id: 'TrustedRoot' });
export type TrustedRoot = z.infer<typeof trustedRootSchema>;

/** GET /api/registry/trust-list */
export const trustListSchema = z.object({ roots: z.array(trustedRootSchema) });

/** POST /api/registry/trust-list  (certificate: base64 DER, or PEM text) */
export const trustedRootAddSchema = z.object({
  certificate: text({ error: 'required' }).min(1, { error: 'required' }).max(200_000, { error: 'too_long' }),
  name: text().trim().max(250, { error: 'too_long' }).optional(),
  ogrn: optionalDigits(isValidOgrn, 'ogrn.checksum'),
  crlUrls: z
    .array(text().trim().url({ error: 'url.invalid' }))
    .max(10)
    .optional(),
});
export type TrustedRootAdd = z.input<typeof trustedRootAddSchema>;

/** POST /api/registry/trust-list/import  (the TSL XML text) -> counts */
export const trustListImportSchema = z.object({
  xml: text({ error: 'required' }).min(1, { error: 'required' }).max(20_000_000, { error: 'too_long' }),
});
export const trustListImportedSchema = z.object({ added: z.number().int(), skipped: z.number().int() });
// DELETE /api/registry/trust-list/:id -> 204
