import { simulatedTaxRegister, type SimulatedTaxRecord } from '@openesia/contracts';
import type { TaxRegisterRecord } from '../../domain/organization/registration.js';
import { RegistryUnavailableError, RequestCounter } from '../registry-http.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';
import type { TaxRegister, TaxRegisterRequest } from './port.js';

/** Where the simulator looks besides its built-in records: those the test CA added (demo). */
export type ExtraTaxRecords = (ogrn: string) => Promise<SimulatedTaxRecord | undefined>;

/**
 * The ЕГРЮЛ of development and demo. Answers after 1-3 s (times the delay factor) from its records
 * (contracts/organization.ts `simulatedTaxRegister`, docs/SIMULATORS.md): liquidated and
 * in-liquidation organizations say so, any unknown ОГРН is not found, a record may be busy for its
 * first two requests or never answer; on top, a share of calls fails at random
 * (SIMULATOR_FAILURE_RATE), as the real interagency exchange does now and then.
 */
export class SimulatedTaxRegister implements TaxRegister {
  private readonly requests = new RequestCounter();

  constructor(
    private readonly settings: SimulationSettings,
    private readonly extraRecords: ExtraTaxRecords = async () => undefined,
  ) {}

  async findLegalEntity(request: TaxRegisterRequest): Promise<TaxRegisterRecord> {
    await simulatedDelay(this.settings, 1000, 3000);
    const record =
      simulatedTaxRegister.find((r) => r.ogrn === request.ogrn) ?? (await this.extraRecords(request.ogrn));
    if (record?.simulate === 'unavailable')
      throw new RegistryUnavailableError('tax_register', 'simulated outage');
    if (record?.simulate === 'busy_twice' && this.requests.next(request.ogrn) <= 2)
      throw new RegistryUnavailableError('tax_register', 'simulated busy');
    if (randomTransientFailure(this.settings))
      throw new RegistryUnavailableError('tax_register', 'simulated random failure');
    if (!record || record.inn !== request.inn) return { found: false };
    return {
      found: true,
      ogrn: record.ogrn,
      inn: record.inn,
      kpp: record.kpp,
      fullName: record.fullName,
      status: record.status,
      head: { ...record.head },
    };
  }
}
