import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import type { MessageSender, OutgoingMessage } from '../integrations/messaging/port.js';
import { PermanentDeliveryError } from '../integrations/messaging/port.js';
import { defineJob, handleJob, type JobQueue } from '../jobs/queue.js';
import type { FieldCipher } from '../lib/crypto.js';

/**
 * The job payload keeps the message text encrypted: codes and personal data must not sit in
 * plaintext in the queue table.
 */
export const sendMessageJob = defineJob({
  name: 'notification.send',
  payload: z.object({ channel: z.enum(['sms', 'email']), to: z.string(), subject: z.string().optional(), sealedText: z.string() }),
  retryLimit: 6,
  retryDelaySeconds: 1,
  retryBackoff: true,
  expireInSeconds: 60,
});

const SEAL_CONTEXT = 'notification.text';

export class NotificationService {
  constructor(
    private readonly queue: JobQueue,
    private readonly cipher: FieldCipher,
  ) {}

  /** Queues the message inside the caller's transaction: sent if and only if the change commits. */
  async enqueue(tx: DbOrTx, message: OutgoingMessage): Promise<void> {
    const sealedText = this.cipher.encrypt(message.text, SEAL_CONTEXT).toString('base64');
    await this.queue.enqueue(tx, sendMessageJob, { channel: message.channel, to: message.to, subject: message.subject, sealedText });
  }

  /** The job's handler: delivers through the SMS gateway or the mail server. */
  handler(senders: { sms: MessageSender; email: MessageSender }, log: (msg: string, extra?: object) => void) {
    return handleJob(sendMessageJob, async (payload) => {
      const text = this.cipher.decrypt(Buffer.from(payload.sealedText, 'base64'), SEAL_CONTEXT);
      try {
        await senders[payload.channel].send({ channel: payload.channel, to: payload.to, subject: payload.subject, text });
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
