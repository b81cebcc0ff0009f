import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/crypto.js';
import { insertOutboxMessage } from '../../repositories/simulators/outbox.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';
import {
  PermanentDeliveryError,
  TransientDeliveryError,
  type MessageSender,
  type OutgoingMessage,
} from './port.js';

/**
 * The SMS gateway and mail server of development and tests: messages land in the outbox table
 * (readable at /dev/outbox), after a short delay, and now and then the "gateway" is busy.
 * Numbers +7 900 000-00-00 .. +7 900 000-00-09 are "unreachable subscribers" (permanent refusal).
 */
export class SimulatedMessageSender implements MessageSender {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SimulationSettings,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    await simulatedDelay(this.settings, 200, 1200);
    if (randomTransientFailure(this.settings)) throw new TransientDeliveryError('simulated gateway busy');
    if (message.channel === 'sms' && /^\+790000000\d$/.test(message.to))
      throw new PermanentDeliveryError('simulated unreachable subscriber');
    const id = newId();
    await insertOutboxMessage(this.db, {
      id,
      channel: message.channel,
      recipient: message.to,
      subject: message.subject ?? null,
      body: message.text,
      createdAt: this.clock.now(),
    });
    return { providerId: id };
  }
}
