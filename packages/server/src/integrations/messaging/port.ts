/** A message to a person: an SMS to a mobile phone or an e-mail. */
export interface OutgoingMessage {
  channel: 'sms' | 'email';
  /** E.164 phone (+79991234567) or e-mail address */
  to: string;
  subject?: string;
  text: string;
}

export class TransientDeliveryError extends Error {}
export class PermanentDeliveryError extends Error {}

/** The SMS gateway and the mail server, one port each; a failure throws for the job to retry. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<{ providerId: string }>;
}
