import { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import type { MessageSender, OutgoingMessage } from '../../integrations/messaging/port.js';
import { PermanentDeliveryError } from '../../integrations/messaging/port.js';
import { defineJob, handleJob, type JobQueue } from '../../jobs/queue.js';
import type { FieldCipher } from '../../lib/crypto.js';
import { listContacts } from '../../repositories/citizen/accounts.js';

/**
 * The job payload keeps the recipient and the text sealed together (AES-256-GCM): a phone number
 * or an e-mail address is personal data (152-ФЗ, ст. 3), and codes must not sit in plaintext in
 * the queue table either. Only the channel and the subject stay readable.
 */
export const sendMessageJob = defineJob({
  name: 'notification.send',
  payload: z.union([
    z.object({
      channel: z.enum(['sms', 'email']),
      subject: z.string().optional(),
      sealed: z.string(),
    }),
    // Jobs queued before the recipient was sealed (the text alone was): still delivered after an
    // upgrade, never produced any more.
    z.object({
      channel: z.enum(['sms', 'email']),
      to: z.string(),
      subject: z.string().optional(),
      sealedText: z.string(),
    }),
  ]),
  retryLimit: 6,
  retryDelaySeconds: 1,
  retryBackoff: true,
  expireInSeconds: 60,
  // A code lives 5 minutes: a queue of recovery requests must not outlast it (issue 7 §8, 2 a
  // second before). Sending is waiting on a gateway (0.2-1.2 s for the simulated one), and a
  // batch ends with its slowest message, so 4 workers x 50 at a time per process: 1,000 messages
  // in about 2 s with no gateway delay and about 7 s with the realistic one
  // (bench/notifications.ts).
  batchSize: 50,
  workers: 4,
});

const SEAL_CONTEXT = 'notification.message';
const LEGACY_TEXT_CONTEXT = 'notification.text';

export class NotificationService {
  constructor(
    private readonly queue: JobQueue,
    private readonly cipher: FieldCipher,
  ) {}

  /** Queues the message inside the caller's transaction: sent if and only if the change commits. */
  async enqueue(tx: DbOrTx, message: OutgoingMessage): Promise<void> {
    const sealed = this.cipher
      .encryptJson({ to: message.to, text: message.text }, SEAL_CONTEXT)
      .toString('base64');
    await this.queue.enqueue(tx, sendMessageJob, {
      channel: message.channel,
      subject: message.subject,
      sealed,
    });
  }

  /**
   * A notice to the account's first verified phone, else its verified e-mail (seed 000: «на Ваш
   * мобильный телефон или на адрес электронной почты будет выслано уведомление»). Nothing is sent
   * when the account has no verified contact.
   */
  async notifyAccount(
    tx: DbOrTx,
    accountId: string,
    message: { subject: string; text: string },
  ): Promise<void> {
    const contacts = (await listContacts(tx, accountId)).filter((c) => c.verifiedAt !== null);
    const to = contacts.find((c) => c.type === 'phone') ?? contacts.find((c) => c.type === 'email');
    if (!to) return;
    await this.enqueue(tx, {
      channel: to.type === 'phone' ? 'sms' : 'email',
      to: to.value,
      subject: to.type === 'email' ? message.subject : undefined,
      text: message.text,
    });
  }

  /** The job's handler: delivers through the SMS gateway or the mail server. */
  handler(senders: { sms: MessageSender; email: MessageSender }, log: (msg: string, extra?: object) => void) {
    return handleJob(sendMessageJob, async (payload) => {
      const { to, text } =
        'sealed' in payload
          ? this.cipher.decryptJson<{ to: string; text: string }>(
              Buffer.from(payload.sealed, 'base64'),
              SEAL_CONTEXT,
            )
          : {
              to: payload.to,
              text: this.cipher.decrypt(Buffer.from(payload.sealedText, 'base64'), LEGACY_TEXT_CONTEXT),
            };
      try {
        await senders[payload.channel].send({ channel: payload.channel, to, subject: payload.subject, text });
      } catch (err) {
        // A refused number or address will not get better with retries: record and stop.
        if (err instanceof PermanentDeliveryError) {
          log('message permanently refused', { channel: payload.channel, reason: err.message });
          return;
        }
        throw err;
      }
    });
  }
}
