/**
 * How fast queued messages reach the gateway (issue 7 §8: one job per poll, about 2 a second, so
 * 200 recovery requests delayed the next code by 98 s). Queues BENCH_MESSAGES SMS (default 1,000)
 * on a fresh PGlite system with the simulated gateway and prints the time until the last one is
 * delivered and its ratio to the bound: 1,000 within 10 s. SIMULATOR_DELAY_FACTOR as in tests (0)
 * unless BENCH_DELAY_FACTOR is given (1 = the gateway's realistic 0.2-1.2 s per message).
 */
import { drainMessages } from '../packages/server/test/support/notifications.js';
import { startBenchSystem } from './support/system.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const DELAY_FACTOR = process.env.BENCH_DELAY_FACTOR ?? '0';
const BOUND_MS = 10_000;

export async function main(): Promise<void> {
  const system = await startBenchSystem({ SIMULATOR_DELAY_FACTOR: DELAY_FACTOR });
  try {
    // All queued in one transaction: workers see them at once, and the drain is measured alone.
    const { drainMs, enqueueMs, perRecipient } = await drainMessages(system, MESSAGES, {
      prefix: '+7957',
      timeoutMs: 600_000,
      perTransaction: MESSAGES,
    });
    const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
    const boundForThese = (BOUND_MS * MESSAGES) / 1000;
    console.log(
      `${MESSAGES} SMS, delay factor ${DELAY_FACTOR}: queued in ${(enqueueMs / 1000).toFixed(2)} s, then ` +
        `delivered in ${(drainMs / 1000).toFixed(2)} s, ${((MESSAGES / drainMs) * 1000).toFixed(0)} per second, ` +
        `${duplicates} sent twice; bound ${(boundForThese / 1000).toFixed(1)} s: ${(drainMs / boundForThese).toFixed(2)} of it`,
    );
  } finally {
    await system.stop();
  }
}
