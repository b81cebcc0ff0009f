import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/crypto.js';
import { insertOutboxMessage } from '../../repositories/simulators/outbox.js';
import {
  findPostItemByReference,
  findPostItemByTrackingNumber,
  insertPostItem,
  markPostItemDelivered,
} from '../../repositories/simulators/post-items.js';
import { RegistryUnavailableError } from '../registry-http.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';
import type { LetterRequest, RussianPost, TrackingAnswer } from './port.js';

/** Index of the sending office: Москва, Главпочтамт (a real index, for realistic numbers). */
const SENDER_INDEX = '101000';

/**
 * A 14-digit domestic tracking number (РПО): sending office index (6), month (2), serial (5) and a
 * check digit (odd positions weigh 3, even 1; the check makes the sum a multiple of 10).
 */
export function trackingNumberFor(serial: number, at: Date): string {
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  const body = `${SENDER_INDEX}${month}${String(serial % 100000).padStart(5, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/**
 * The post of development and demo. It accepts the letter at once, keeps it "in transit" for
 * SIMULATOR_POST_DELIVERY_SECONDS × delay factor (tens of seconds in the demo, none in tests),
 * and on the first tracking request after that it delivers: the letter's text appears in the
 * outbox as channel 'post', where a demo user reads the code at /dev/outbox.
 */
export class SimulatedRussianPost implements RussianPost {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SimulationSettings & { deliverySeconds: number },
  ) {}

  async sendLetter(letter: LetterRequest): Promise<{ trackingNumber: string }> {
    await simulatedDelay(this.settings, 300, 1500);
    if (randomTransientFailure(this.settings))
      throw new RegistryUnavailableError('russian_post', 'simulated random failure');
    const now = this.clock.now();
    const a = letter.address;
    const recipient = `${letter.recipientName}, ${a.postalCode}, ${a.region}, ${a.city}, ${a.street}, д. ${a.house}${a.apartment ? `, кв. ${a.apartment}` : ''}`;
    const deliverAt = new Date(
      now.getTime() + this.settings.deliverySeconds * this.settings.delayFactor * 1000,
    );
    // The reference is the idempotency key: a retried send returns the item already accepted.
    for (let attempt = 0; attempt < 20; attempt++) {
      const existing = await findPostItemByReference(this.db, letter.reference);
      if (existing) return { trackingNumber: existing.trackingNumber };
      const trackingNumber = trackingNumberFor(randomInt(100000), now);
      const inserted = await insertPostItem(this.db, {
        reference: letter.reference,
        trackingNumber,
        recipient,
        body: letter.text,
        acceptedAt: now,
        deliverAt,
      });
      if (inserted) return { trackingNumber };
    }
    throw new RegistryUnavailableError('russian_post', 'no free tracking number');
  }

  async track(trackingNumber: string): Promise<TrackingAnswer> {
    await simulatedDelay(this.settings, 100, 600);
    if (randomTransientFailure(this.settings))
      throw new RegistryUnavailableError('russian_post', 'simulated random failure');
    const item = await findPostItemByTrackingNumber(this.db, trackingNumber);
    if (!item) throw new RegistryUnavailableError('russian_post', 'unknown tracking number');
    if (item.deliveredAt) return { status: 'delivered', at: item.deliveredAt };
    const now = this.clock.now();
    if (now < item.deliverAt) {
      const transitStarts = new Date(
        item.acceptedAt.getTime() + (item.deliverAt.getTime() - item.acceptedAt.getTime()) / 4,
      );
      return now < transitStarts
        ? { status: 'accepted', at: item.acceptedAt }
        : { status: 'in_transit', at: transitStarts };
    }
    await this.db.transaction(async (tx) => {
      if (await markPostItemDelivered(tx, trackingNumber, now)) {
        await insertOutboxMessage(tx, {
          id: newId(),
          channel: 'post',
          recipient: item.recipient,
          subject: `Заказное письмо № ${trackingNumber}`,
          body: item.body,
          createdAt: now,
        });
      }
    });
    return { status: 'delivered', at: now };
  }
}
