import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../src/integrations/messaging/port.js';
import { notificationJobs } from '../../../src/jobs/notifications.js';
import type { JobPort } from '../../../src/jobs/ports.js';
import { sendMessageJob } from '../../../src/jobs/specs.js';
import { FieldCipher } from '../../../src/lib/crypto.js';
import { NotificationService } from '../../../src/services/platform/notifications.js';

const cipher = new FieldCipher(randomBytes(32));
const meta = { jobId: 'j1', attempt: 1, retryLimit: 6 };

function fakeQueue(queued: unknown[]): JobPort {
  return {
    enqueue: async (_tx, _job, payload) => void queued.push(payload),
    hasWaiting: async () => false,
  };
}

function recordingSenders(sent: OutgoingMessage[]) {
  const sender = { send: async (m: OutgoingMessage) => (sent.push(m), { providerId: 'p' }) };
  return { sms: sender, email: sender };
}

describe('notification jobs', () => {
  it('queue the recipient sealed with the text, and deliver both', async () => {
    const queued: unknown[] = [];
    const sut = new NotificationService({ queue: fakeQueue(queued), cipher });
    await sut.enqueue({} as never, { channel: 'sms', to: '+79123456789', text: 'Код: 123456' });
    expect(JSON.stringify(queued)).not.toContain('79123456789');
    expect(JSON.stringify(queued)).not.toContain('123456');
    const sent: OutgoingMessage[] = [];
    await notificationJobs(sut, recordingSenders(sent), () => undefined)[0].handler(
      sendMessageJob.payload.parse(queued[0]),
      meta,
    );
    expect(sent).toEqual([{ channel: 'sms', to: '+79123456789', subject: undefined, text: 'Код: 123456' }]);
  });

  it('still deliver a job queued in the older shape, with only the text sealed', async () => {
    const sut = new NotificationService({ queue: fakeQueue([]), cipher });
    const legacy = {
      channel: 'email',
      to: 'ivan@example.ru',
      subject: 'Тема',
      sealedText: cipher.encrypt('Текст', 'notification.text').toString('base64'),
    };
    const sent: OutgoingMessage[] = [];
    await notificationJobs(sut, recordingSenders(sent), () => undefined)[0].handler(
      sendMessageJob.payload.parse(legacy),
      meta,
    );
    expect(sent).toEqual([{ channel: 'email', to: 'ivan@example.ru', subject: 'Тема', text: 'Текст' }]);
  });
});
