import { count, like } from 'drizzle-orm';
import { simulatorOutbox } from '../../src/db/schema/index.js';
import type { System } from '../../src/system.js';

/**
 * Queues `total` SMS to distinct numbers starting with `prefix` (as many services would,
 * `perTransaction` to a transaction, 100 by default) and waits until the simulated gateway has delivered them all. Returns the time
 * from the first enqueue to the last delivery, of the enqueueing alone and from the last enqueue to
 * the last delivery (`drainMs`), and the delivered rows per recipient.
 */
export async function drainMessages(
  system: System,
  total: number,
  options: { prefix: string; timeoutMs: number; perTransaction?: number },
): Promise<{ elapsedMs: number; enqueueMs: number; drainMs: number; perRecipient: Map<string, number> }> {
  const started = performance.now();
  const step = options.perTransaction ?? 100;
  for (let from = 0; from < total; from += step) {
    await system.database.db.transaction(async (tx) => {
      for (let i = from; i < Math.min(total, from + step); i++)
        await system.services.notifications.enqueue(tx, {
          channel: 'sms',
          to: `${options.prefix}${String(i).padStart(5, '0')}`,
          text: `Код подтверждения: ${String(100000 + i)}`,
        });
    });
  }
  const enqueueMs = performance.now() - started;
  const queuedAt = performance.now();
  const delivered = () =>
    system.database.db
      .select({ n: count() })
      .from(simulatorOutbox)
      .where(like(simulatorOutbox.recipient, `${options.prefix}%`));
  for (;;) {
    const [{ n }] = await delivered();
    if (n >= total) break;
    if (performance.now() - started > options.timeoutMs)
      throw new Error(`${n} of ${total} messages delivered within ${options.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsedMs = performance.now() - started;
  const drainMs = performance.now() - queuedAt;
  const rows = await system.database.db
    .select({ recipient: simulatorOutbox.recipient })
    .from(simulatorOutbox)
    .where(like(simulatorOutbox.recipient, `${options.prefix}%`));
  const perRecipient = new Map<string, number>();
  for (const { recipient } of rows) perRecipient.set(recipient, (perRecipient.get(recipient) ?? 0) + 1);
  return { elapsedMs, enqueueMs, drainMs, perRecipient };
}
