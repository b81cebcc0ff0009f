import { createHash } from 'node:crypto';
import { digest } from '../lib/pki/algorithms.js';
import { EsiaError } from './errors.js';

/**
 * PKCE (RFC 7636) as ESIA takes it: `code_challenge_method=GOST3411` (base64url of the
 * Streebog-256 of the verifier) and, as RFC 7636 defines it, `S256`. A verifier at the token call
 * for a code asked without a challenge is ESIA-007039; a verifier that does not match, ESIA-007040.
 */
const codeChallengeMethods = ['GOST3411', 'S256'] as const;

/** RFC 7636 §4.1-4.2: 43..128 characters of the unreserved set; the challenge is base64url. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43,88}={0,2}$/;

export function checkCodeChallenge(challenge: string | undefined, method: string | undefined) {
  if (challenge === undefined) return { codeChallenge: null, codeChallengeMethod: null };
  if (!CHALLENGE.test(challenge)) throw new EsiaError('ESIA-007003', 'code_challenge');
  const m = method ?? 'GOST3411';
  if (!(codeChallengeMethods as readonly string[]).includes(m))
    throw new EsiaError('ESIA-007003', 'code_challenge_method');
  return { codeChallenge: challenge.replace(/=+$/, ''), codeChallengeMethod: m };
}

export function checkCodeVerifier(
  stored: { codeChallenge: string | null; codeChallengeMethod: string | null },
  verifier: string | undefined,
): void {
  if (!stored.codeChallenge) {
    if (verifier !== undefined) throw new EsiaError('ESIA-007039');
    return;
  }
  if (verifier === undefined) throw new EsiaError('ESIA-007014', 'code_verifier');
  if (!VERIFIER.test(verifier)) throw new EsiaError('ESIA-007040', 'code_verifier format');
  const hashed =
    stored.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier, 'ascii').digest()
      : digest('streebog256', Buffer.from(verifier, 'ascii'));
  if (hashed.toString('base64url') !== stored.codeChallenge) throw new EsiaError('ESIA-007040');
}
