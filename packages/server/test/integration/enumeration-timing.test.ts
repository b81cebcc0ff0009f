import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeFlow, type TimedFlow } from '../support/enumeration-timing.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * Issue 7 §8: the answer must not take longer for a login that has an account (recovery by СНИЛС
 * was 13.6 vs 8.5 ms). 30 interleaved pairs per flow; the bound is a ratio of medians, loose
 * enough for a loaded two-core machine and well under the difference an extra lookup made.
 */
const PAIRS = 30;
const MAX_RATIO = 1.4;
/**
 * Other test files run beside this one, and a burst of their work can land on one side of a
 * measurement (in CI once: known 11.0 ms, unknown 16.1 ms — the unknown side slower, the reverse of
 * a leak). A leak is systematic and shows in every measurement; noise does not. So a flow passes
 * when one of up to three measurements is within the bound, and fails only if all three are not.
 */
const ATTEMPTS = 3;

describe('no account enumeration by timing (issue 7 §8)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ listen: true, env: { RATE_LIMITS: 'false' } });
  });
  afterAll(async () => sut?.stop());

  it.each<TimedFlow>(['recovery-snils', 'recovery-phone', 'recovery-email', 'registration-phone'])(
    'answers %s for a known and an unknown login in the same time and the same shape',
    async (flow) => {
      const seen: string[] = [];
      let best = Infinity;
      for (let attempt = 0; attempt < ATTEMPTS && best >= MAX_RATIO; attempt++) {
        const timing = await timeFlow(sut, flow, PAIRS);
        expect(timing.shapes.known).toEqual(timing.shapes.unknown);
        seen.push(
          `known ${timing.knownMedianMs.toFixed(2)} ms, unknown ${timing.unknownMedianMs.toFixed(2)} ms`,
        );
        best = Math.min(best, timing.ratio);
      }
      expect(best, `${flow}: ${seen.join('; ')}`).toBeLessThan(MAX_RATIO);
    },
    240_000,
  );
});
