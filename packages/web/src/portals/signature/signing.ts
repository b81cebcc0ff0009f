import {
  accountSummarySchema,
  signatureChallengeSchema,
  type AccountSummary,
  type SignatureChallenge,
  type SignaturePurpose,
} from '@openesia/contracts';
import { api } from '../../api/client';
import { fromBase64 } from '../../signature/bytes';
import { signerOf, type SignerCertificate } from '../../signature';

export function requestChallenge(purpose: SignaturePurpose): Promise<SignatureChallenge> {
  return api.post('/signature/challenges', { purpose }, signatureChallengeSchema);
}

/** Signs the server's bytes exactly as sent (base64-decoded `dataToSign`), never re-encoded text. */
export async function signChallenge(
  challenge: SignatureChallenge,
  certificate: SignerCertificate,
  pin: string,
): Promise<string> {
  return signerOf(certificate).sign({
    data: fromBase64(challenge.dataToSign),
    handle: certificate.handle,
    pin,
  });
}

export function submitLogin(challengeId: string, signature: string): Promise<AccountSummary> {
  return api.post('/signature/login', { challengeId, signature }, accountSummarySchema);
}

export function submitConfirmation(challengeId: string, signature: string): Promise<AccountSummary> {
  return api.post('/me/confirmation/signature', { challengeId, signature }, accountSummarySchema);
}

/** A challenge lives 5 minutes; take a fresh one when less than 30 s are left. */
export function isStale(challenge: SignatureChallenge, now = new Date()): boolean {
  return new Date(challenge.expiresAt).getTime() - now.getTime() < 30_000;
}
