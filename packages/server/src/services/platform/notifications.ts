import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import type { MessageSender, OutgoingMessage } from '../../integrations/messaging/port.js';
import { PermanentDeliveryError } from '../../integrations/messaging/port.js';
import type { JobPort } from '../../jobs/ports.js';
import { sendMessageJob } from '../../jobs/specs.js';
import type { FieldCipher } from '../../lib/crypto.js';
import { listContacts } from '../../repositories/citizen/accounts.js';

const SEAL_CONTEXT = 'notification.message';
const LEGACY_TEXT_CONTEXT = 'notification.text';

export class NotificationService {
  private readonly queue: JobPort;
  private readonly cipher: FieldCipher;

  constructor(deps: { queue: JobPort; cipher: FieldCipher }) {
    this.queue = deps.queue;
    this.cipher = deps.cipher;
  }

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

  /** Runs a `notification.send` job (jobs/notifications.ts): delivers through the SMS gateway or the mail server. */
  async deliver(
    payload: z.output<typeof sendMessageJob.payload>,
    senders: { sms: MessageSender; email: MessageSender },
    log: (msg: string, extra?: object) => void,
  ): Promise<void> {
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
  }
}
