import type { AccountSummary } from '@openesia/contracts';

// Its own module so that the lazy form and its wrapper share it without importing each other.
export interface ConfirmBySignatureProps {
  /** called with the confirmed account after the server accepted the signature */
  onConfirmed?(account: AccountSummary): void;
}
