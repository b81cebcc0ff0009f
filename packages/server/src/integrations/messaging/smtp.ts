import nodemailer from 'nodemailer';
import { TransientDeliveryError, type MessageSender, type OutgoingMessage } from './port.js';

/** E-mail through any SMTP server (nodemailer); SMTP_URL like smtps://user:pass@mail.example.ru:465. */
export class SmtpMailer implements MessageSender {
  private readonly transport;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject ?? 'OpenESIA',
        text: message.text,
      });
      return { providerId: info.messageId };
    } catch (err) {
      throw new TransientDeliveryError(`SMTP: ${(err as Error).message}`);
    }
  }
}
