import { simulatedRegistryOutcome } from '@openesia/contracts';
import { RegistryUnavailableError, RequestCounter } from '../registry-http.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';
import type { MigrationService, PassportCheckAnswer, PassportCheckRequest } from './port.js';

/**
 * The migration service of development and demo. Answers after 1.5-5 s (times the delay factor),
 * decided by the first digits of the passport NUMBER (contracts/simulators.ts,
 * docs/SIMULATORS.md); any other passport is valid.
 */
export class SimulatedMigrationService implements MigrationService {
  private readonly requests = new RequestCounter();

  constructor(private readonly settings: SimulationSettings) {}

  async checkPassport(request: PassportCheckRequest): Promise<PassportCheckAnswer> {
    await simulatedDelay(this.settings, 1500, 5000);
    const outcome = simulatedRegistryOutcome('migration_service', request.number);
    if (outcome === 'unavailable')
      throw new RegistryUnavailableError('migration_service', 'simulated outage');
    if (
      outcome === 'busy_twice' &&
      this.requests.next(`${request.series}${request.number}:${request.birthDate}`) <= 2
    ) {
      throw new RegistryUnavailableError('migration_service', 'simulated busy');
    }
    if (randomTransientFailure(this.settings))
      throw new RegistryUnavailableError('migration_service', 'simulated random failure');
    if (outcome === 'not_found') return { result: 'not_found' };
    if (outcome === 'passport_invalid') return { result: 'invalid' };
    if (outcome === 'data_mismatch') return { result: 'data_mismatch' };
    return { result: 'valid' };
  }
}
