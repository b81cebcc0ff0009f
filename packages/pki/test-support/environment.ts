/**
 * The test runs' own knobs, read in one place: tests never read process.env themselves (the
 * server's settings are config/'s alone).
 */

/** CI must have every part a test needs (the OpenSSL gost engine): a missing one fails there. */
export const inCi = process.env.CI === 'true';

/** Generated cases per property: FUZZ_RUNS for a long run (`npm run fuzz`), else the default. */
export function fuzzRuns(defaultRuns: number): number {
  const runs = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : defaultRuns;
}
