/**
 * Whether the anonymous login flows take the same time for logins with and without an account
 * (issue 7 §8: recovery by СНИЛС answered 13.6 vs 8.5 ms). Prints the medians of interleaved
 * known/unknown pairs over HTTP on PGlite and their ratio to the bound the test uses (< 1.4).
 * BENCH_PAIRS sets the number of pairs (default 30).
 */
import { timeFlow, type TimedFlow } from '../packages/server/test/support/enumeration-timing.js';
import { startBenchSystem } from './support/system.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 30);
const BOUND = 1.4;

export async function main(): Promise<void> {
  const system = await startBenchSystem({}, { listen: true });
  try {
    const flows: TimedFlow[] = ['recovery-snils', 'recovery-phone', 'recovery-email', 'registration-phone'];
    for (const flow of flows) {
      const t = await timeFlow(system, flow, PAIRS);
      console.log(
        `${flow.padEnd(20)} known ${t.knownMedianMs.toFixed(2)} ms  unknown ${t.unknownMedianMs.toFixed(2)} ms  ` +
          `ratio ${t.ratio.toFixed(3)} (bound < ${BOUND}: ${(t.ratio / BOUND).toFixed(2)} of it)  over ${PAIRS} pairs`,
      );
    }
  } finally {
    await system.stop();
  }
}
