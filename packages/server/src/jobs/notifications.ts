import type { MessageSender } from '../integrations/messaging/port.js';
import type { NotificationService } from '../services/platform/notifications.js';
import { handleJob, type JobDefinition } from './queue.js';
import { sendMessageJob } from './specs.js';

/** Messages (SMS, e-mail) queued by any use-case, delivered through the gateway or the mail server. */
export function notificationJobs(
  service: NotificationService,
  senders: { sms: MessageSender; email: MessageSender },
  log: (msg: string, extra?: object) => void,
): JobDefinition<any>[] {
  return [handleJob(sendMessageJob, (payload) => service.deliver(payload, senders, log))];
}
