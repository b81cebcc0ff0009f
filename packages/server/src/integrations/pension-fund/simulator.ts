import { simulatedRegistryOutcome } from '@openesia/contracts';
import { RegistryUnavailableError, RequestCounter } from '../registry-http.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';
import type { PensionFund, SnilsCheckAnswer, SnilsCheckRequest } from './port.js';

/**
 * The fund of development and demo. Answers after 1-4 s (times the delay factor); the answer is
 * decided by the first digits of the СНИЛС (contracts/simulators.ts, docs/SIMULATORS.md), any other
 * СНИЛС matches. On top, a share of calls fails at random (SIMULATOR_FAILURE_RATE), as the real
 * interagency exchange does now and then.
 */
export class SimulatedPensionFund implements PensionFund {
  private readonly requests = new RequestCounter();

  constructor(private readonly settings: SimulationSettings) {}

  async checkSnils(request: SnilsCheckRequest): Promise<SnilsCheckAnswer> {
    await simulatedDelay(this.settings, 1000, 4000);
    const outcome = simulatedRegistryOutcome('pension_fund', request.snils);
    if (outcome === 'unavailable') throw new RegistryUnavailableError('pension_fund', 'simulated outage');
    if (outcome === 'busy_twice' && this.requests.next(`${request.snils}:${request.birthDate}`) <= 2) {
      throw new RegistryUnavailableError('pension_fund', 'simulated busy');
    }
    if (randomTransientFailure(this.settings))
      throw new RegistryUnavailableError('pension_fund', 'simulated random failure');
    if (outcome === 'not_found') return { result: 'not_found' };
    if (outcome === 'data_mismatch') return { result: 'data_mismatch' };
    return { result: 'match' };
  }
}
