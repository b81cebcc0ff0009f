import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Shared behaviour of every simulated external system: a realistic delay (scaled by
 * SIMULATOR_DELAY_FACTOR, 0 in tests) and a share of transient failures (SIMULATOR_FAILURE_RATE).
 */
export interface SimulationSettings {
  delayFactor: number;
  failureRate: number;
}

const withoutDelay = new AsyncLocalStorage<true>();

/**
 * Runs `work` with the simulators answering at once: for the demo seed at start-up, whose
 * registry checks are set-up, not something a person waits for (the passport check alone waited
 * 1.5-5 s before `npm start` could answer). Failures and answers stay as simulated.
 */
export function withoutSimulatedDelays<T>(work: () => Promise<T>): Promise<T> {
  return withoutDelay.run(true, work);
}

export async function simulatedDelay(
  settings: SimulationSettings,
  minMs: number,
  maxMs: number,
): Promise<void> {
  if (settings.delayFactor <= 0 || withoutDelay.getStore()) return;
  const ms = (minMs + Math.random() * (maxMs - minMs)) * settings.delayFactor;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export function randomTransientFailure(settings: SimulationSettings): boolean {
  return settings.failureRate > 0 && Math.random() < settings.failureRate;
}
