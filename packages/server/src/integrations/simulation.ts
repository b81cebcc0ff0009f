import { createHash } from 'node:crypto';

/**
 * Shared behaviour of every simulated external system: a realistic delay (scaled by
 * SIMULATOR_DELAY_FACTOR, 0 in tests) and a share of transient failures (SIMULATOR_FAILURE_RATE).
 */
export interface SimulationSettings {
  delayFactor: number;
  failureRate: number;
}

export async function simulatedDelay(
  settings: SimulationSettings,
  minMs: number,
  maxMs: number,
): Promise<void> {
  if (settings.delayFactor <= 0) return;
  const ms = (minMs + Math.random() * (maxMs - minMs)) * settings.delayFactor;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export function randomTransientFailure(settings: SimulationSettings): boolean {
  return settings.failureRate > 0 && Math.random() < settings.failureRate;
}

/** Deterministic pseudo-random number in [0,1) from a string, for stable simulated identifiers. */
export function stableFraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}
