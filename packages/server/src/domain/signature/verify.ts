import { AppError } from '../../lib/errors.js';
import { signatureDigest, verifySignature } from '../../lib/pki/algorithms.js';
import { KeyUsageFlag, type ParsedCertificate } from './certificate.js';
import { isSignatureValid, parseSignature, type ParsedSignature } from './cms.js';
import { isUsableCrl, type ParsedCrl } from './crl.js';

/**
 * Verification of a qualified electronic signature (63-ФЗ ст. 11): the signature is valid when
 * the content is unchanged, the certificate was issued by an accredited CA (a trust-list root),
 * was valid at the time of checking and not revoked, and allows signing. Each rule is one small
 * step with its own error code; the order gives the most useful code when several fail.
 */

/** A root of the trust list («перечень аккредитованных УЦ»), with the CRL addresses it lists. */
export interface TrustAnchor {
  id: string;
  cert: ParsedCertificate;
  crlUrls: string[];
}

export interface Chain {
  /** leaf first; the anchor's certificate is not included */
  path: ParsedCertificate[];
  anchor: TrustAnchor;
}

/** Remembers verified (certificate, issuer) links so a hot path verifies each link once. */
export type LinkCache = Map<string, true>;

/** CRLs by address; undefined when the address could not be fetched. */
export type CrlLookup = (url: string) => ParsedCrl | undefined;

/**
 * The longest path followed: the signer and at most four CAs above it, below the trust-list root.
 * Russian qualified certificates need two (the УЦ, sometimes Минцифры's root above it); a longer
 * path is refused as `signature.chain_too_long`, never searched further.
 */
export const MAX_DEPTH = 5;

function issuedBy(child: ParsedCertificate, issuer: ParsedCertificate, cache?: LinkCache): boolean {
  if (!child.issuerDer.equals(issuer.subjectDer)) return false;
  // SHA-256 fingerprints: a SHA-1 collision must not let one certificate borrow another's verdict.
  const key = `${child.fingerprint}:${issuer.fingerprint}`;
  if (cache?.has(key)) return true;
  try {
    signatureDigest(issuer.publicKey, child.signatureOid);
  } catch {
    return false;
  }
  const ok = verifySignature(issuer.publicKey, child.tbs, child.signature);
  if (ok && cache) {
    // Bounded: an attacker sending fresh certificates must not grow memory without limit.
    if (cache.size > 10_000) cache.clear();
    cache.set(key, true);
  }
  return ok;
}

/**
 * Whether `candidate` may have issued `child`, judged without cryptography: the names match
 * (RFC 5280 7.1) and, when both key identifiers are present, they match too (RFC 5280 4.2.1.1:
 * a re-keyed CA keeps its name, and the key identifier tells which key signed).
 */
function mayHaveIssued(child: ParsedCertificate, candidate: ParsedCertificate): boolean {
  if (!child.issuerDer.equals(candidate.subjectDer)) return false;
  if (child.authorityKeyId && candidate.subjectKeyId && !child.authorityKeyId.equals(candidate.subjectKeyId))
    return false;
  return true;
}

/**
 * RFC 5280 6.1: a path from the certificate to a trusted root, through the CAs the signer sent.
 *
 * The cost is bounded for anonymous requests: a CA certificate (sent or anchor) whose signature
 * did not verify a link is not tried again in this build, so each costs at most one failed
 * verification, and the signature carries at most MAX_CERTIFICATES of them (cms.ts). Same-name
 * CAs whose key identifier differs are skipped without verifying anything.
 */
export function buildChain(
  leaf: ParsedCertificate,
  intermediates: ParsedCertificate[],
  anchors: TrustAnchor[],
  cache?: LinkCache,
): Chain {
  const path = [leaf];
  const failed = new Set<ParsedCertificate>();
  const verifies = (child: ParsedCertificate, candidate: ParsedCertificate): boolean => {
    if (failed.has(candidate) || !mayHaveIssued(child, candidate)) return false;
    if (issuedBy(child, candidate, cache)) return true;
    failed.add(candidate);
    return false;
  };
  let current = leaf;
  for (;;) {
    const anchor = anchors.find((a) => verifies(current, a.cert));
    if (anchor) return { path, anchor };
    const candidates = intermediates.filter(
      (c) => !path.includes(c) && !failed.has(c) && c.isCa && mayHaveIssued(current, c),
    );
    if (!candidates.length) throw new AppError('signature.untrusted_issuer');
    if (path.length >= MAX_DEPTH) throw new AppError('signature.chain_too_long');
    const next = candidates.find((c) => verifies(current, c));
    if (!next) throw new AppError('signature.untrusted_issuer');
    path.push(next);
    current = next;
  }
}

/** RFC 5280 6.1.3 (a)(2): every certificate of the path is within its validity period now. */
export function checkValidity(chain: Chain, now: Date): void {
  for (const cert of [...chain.path, chain.anchor.cert]) {
    if (now.getTime() < cert.notBefore.getTime()) throw new AppError('signature.certificate_not_yet_valid');
    if (now.getTime() > cert.notAfter.getTime()) throw new AppError('signature.certificate_expired');
  }
}

/**
 * RFC 5280 4.2.1.3 and 4.2.1.9: the signer's key must be for signatures (digitalSignature or
 * nonRepudiation — a qualified certificate always carries keyUsage, Приказ ФСБ № 795 п. 21),
 * and every CA above it must be a CA allowed to sign certificates. The signer itself must not be
 * a CA (basicConstraints cA = TRUE): a CA's key certifies others, it does not sign as a person
 * (63-ФЗ ст. 14: the qualified certificate is issued to its owner, not to the CA).
 */
export function checkKeyUsage(chain: Chain): void {
  const leaf = chain.path[0];
  if (
    leaf.isCa ||
    leaf.keyUsage === null ||
    !(leaf.keyUsage & (KeyUsageFlag.digitalSignature | KeyUsageFlag.nonRepudiation))
  ) {
    throw new AppError('signature.wrong_key_usage');
  }
  for (const ca of [...chain.path.slice(1), chain.anchor.cert]) {
    if (!ca.isCa || (ca.keyUsage !== null && !(ca.keyUsage & KeyUsageFlag.keyCertSign)))
      throw new AppError('signature.wrong_key_usage');
  }
}

/**
 * RFC 5280 4.2: a certificate with a critical extension we do not process is refused, for the
 * signer and for every CA the signer sent (the trust-list root was vetted when it was added).
 */
export function checkCriticalExtensions(chain: Chain): void {
  if (chain.path.some((cert) => cert.unknownCriticalExtensions.length > 0))
    throw new AppError('signature.unknown_critical_extension');
}

/** The CRL addresses for one certificate: its own distribution points, then the trust list's. */
export function crlUrlsFor(chain: Chain, index: number): string[] {
  const cert = chain.path[index];
  const issuerIsAnchor = index === chain.path.length - 1;
  return [...new Set([...cert.crlUrls, ...(issuerIsAnchor ? chain.anchor.crlUrls : [])])];
}

/**
 * RFC 5280 6.3: each certificate below the root is checked against a current CRL signed by its
 * issuer. Without one we cannot say the certificate stands, so we refuse (fail closed).
 */
export function checkRevocation(chain: Chain, crls: CrlLookup, now: Date, cache?: LinkCache): void {
  chain.path.forEach((cert, i) => {
    const issuer = chain.path[i + 1] ?? chain.anchor.cert;
    const crl = crlUrlsFor(chain, i)
      .map((url) => crls(url))
      .find((c): c is ParsedCrl => !!c && isUsableCrl(c, issuer, now, cache));
    if (!crl) throw new AppError('signature.crl_unavailable');
    const revokedAt = crl.revoked.get(cert.serialNumber);
    if (revokedAt && revokedAt.getTime() <= now.getTime())
      throw new AppError('signature.certificate_revoked');
  });
}

export interface VerifiedSignature {
  signature: ParsedSignature;
  signer: ParsedCertificate;
  chain: Chain;
}

/** Parse and the two steps that need no CRL: content integrity and the path to a trusted root. */
export function verifyContentAndPath(
  signature: Uint8Array | ParsedSignature,
  content: Uint8Array,
  anchors: TrustAnchor[],
  cache?: LinkCache,
): { signature: ParsedSignature; chain: Chain } {
  const parsed = signature instanceof Uint8Array ? parseSignature(signature) : signature;
  if (!isSignatureValid(parsed, content)) throw new AppError('signature.invalid');
  const chain = buildChain(parsed.signer, parsed.certificates, anchors, cache);
  return { signature: parsed, chain };
}

/**
 * The steps after the path is known, in the documented order: validity, key usage, critical
 * extensions, revocation. The one place they run, for the domain's whole verification and for the
 * service, which fetches the CRLs between the path and this step.
 */
export function verifyParsed(input: {
  signature: ParsedSignature;
  chain: Chain;
  crls: CrlLookup;
  now: Date;
  cache?: LinkCache;
}): VerifiedSignature {
  const { signature, chain, now } = input;
  checkValidity(chain, now);
  checkKeyUsage(chain);
  checkCriticalExtensions(chain);
  checkRevocation(chain, input.crls, now, input.cache);
  return { signature, signer: signature.signer, chain };
}

/** The whole verification; the caller fetches the CRLs of `crlUrlsFor` beforehand. */
export function verifyDetachedSignature(input: {
  signature: Uint8Array | ParsedSignature;
  content: Uint8Array;
  anchors: TrustAnchor[];
  crls: CrlLookup;
  now: Date;
  cache?: LinkCache;
}): VerifiedSignature {
  const { signature, chain } = verifyContentAndPath(
    input.signature,
    input.content,
    input.anchors,
    input.cache,
  );
  return verifyParsed({ signature, chain, crls: input.crls, now: input.now, cache: input.cache });
}
