import { createHash } from 'node:crypto';
import type { SignedPurpose } from '@openesia/contracts';

/**
 * Binding what is signed to what it is for. A challenge's bytes are the text the person reads,
 * then one line naming the purpose's kind and the SHA-256 of its payload:
 *
 *   Назначение подписи: confirm; данные: sha256:<64 hex>
 *
 * The CMS signature covers those bytes (RFC 5652 5.4: the message digest is over the whole
 * content), so verification that finds the line of the purpose it expects knows the signer signed
 * for that purpose and that payload; a login signature never confirms an account, and a
 * signature over one application's digest never passes for another's.
 */

/** The payload as canonical JSON: the purpose's fields but `kind`, keys sorted (RFC 8785 for flat strings). */
function canonicalPayload(purpose: SignedPurpose): string {
  const entries = Object.entries(purpose)
    .filter(([key]) => key !== 'kind')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

export function purposeDigest(purpose: SignedPurpose): string {
  return createHash('sha256').update(canonicalPayload(purpose), 'utf8').digest('hex');
}

export function purposeLine(purpose: SignedPurpose): string {
  return `Назначение подписи: ${purpose.kind}; данные: sha256:${purposeDigest(purpose)}`;
}

/** The text to sign: what the person reads, then the purpose's line. */
export function bindToPurpose(text: string, purpose: SignedPurpose): string {
  return `${text}\n${purposeLine(purpose)}`;
}

/** True when `signed` (the exact bytes the signature covers) ends with the line of `purpose`. */
export function isBoundTo(signed: Uint8Array, purpose: SignedPurpose): boolean {
  const text = Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength).toString('utf8');
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return lastLine === purposeLine(purpose);
}
