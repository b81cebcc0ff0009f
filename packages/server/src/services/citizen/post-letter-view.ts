import type { PostLetter } from '@openesia/contracts';
import { attemptsLeft, effectiveLetterState } from '../../domain/citizen/post-letter.js';
import type { PostLetterRow } from '../../repositories/citizen/post-letters.js';

/** A letter as its addressee sees it: the address summary only (the full address stays encrypted). */
export function toPostLetterView(row: PostLetterRow, now: Date): PostLetter {
  return {
    id: row.id,
    state: effectiveLetterState(row, now),
    trackingNumber: row.trackingNumber,
    address: row.addressSummary,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    attemptsLeft: attemptsLeft(row),
  };
}
