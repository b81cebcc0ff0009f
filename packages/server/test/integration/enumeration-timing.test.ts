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

describe('no account enumeration by timing (issue 7 §8)', () => {
  let sut: TestSystem;
  beforeAll(async () => {
    sut = await startTestSystem({ listen: true, env: { RATE_LIMITS: 'false' } });
  });
  afterAll(async () => sut?.stop());

  it.each<TimedFlow>(['recovery-snils', 'recovery-phone', 'recovery-email', 'registration-phone'])(
    'answers %s for a known and an unknown login in the same time and the same shape',
    async (flow) => {
      const timing = await timeFlow(sut, flow, PAIRS);
      expect(timing.shapes.known).toEqual(timing.shapes.unknown);
      expect(
        timing.ratio,
        `${flow}: known ${timing.knownMedianMs.toFixed(2)} ms, unknown ${timing.unknownMedianMs.toFixed(2)} ms`,
      ).toBeLessThan(MAX_RATIO);
    },
    120_000,
  );
});
