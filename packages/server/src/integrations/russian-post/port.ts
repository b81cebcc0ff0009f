import type { PostalAddress } from '@openesia/contracts';

/**
 * Почта России: a registered letter («регистрируемое почтовое отправление») carrying the
 * confirmation code (seed 000, section 1, step 3, way 2; ESIA «Условия использования»).
 */
export interface LetterRequest {
  /** our letter id: the post deduplicates by it, so a retried send never posts two letters */
  reference: string;
  recipientName: string;
  address: PostalAddress;
  text: string;
}

/** Tracking statuses of a registered item, reduced to what the confirmation needs. */
export type TrackingStatus = 'accepted' | 'in_transit' | 'delivered' | 'returned';

export interface TrackingAnswer {
  status: TrackingStatus;
  /** when the item reached its latest status */
  at: Date;
}

/** Throws RegistryUnavailableError (registry-http.ts) when the post cannot answer now. */
export interface RussianPost {
  sendLetter(letter: LetterRequest): Promise<{ trackingNumber: string }>;
  track(trackingNumber: string): Promise<TrackingAnswer>;
}
