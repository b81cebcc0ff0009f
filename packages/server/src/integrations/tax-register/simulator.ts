import { createHash } from 'node:crypto';
import {
  personInnWithChecksum,
  simulatedRegistryOutcome,
  simulatedTaxRegister,
  type SimulatedTaxRecord,
} from '@openesia/contracts';
import type { TaxRegisterRecord } from '../../domain/organization/registration.js';
import { RegistryUnavailableError, RequestCounter } from '../registry-http.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';
import type { PersonInnAnswer, PersonInnRequest, TaxRegister, TaxRegisterRequest } from './port.js';

/** Where the simulator looks besides its built-in records: those the test CA added (demo). */
export type ExtraTaxRecords = (ogrn: string) => Promise<SimulatedTaxRecord | undefined>;

/**
 * The ЕГРЮЛ of development and demo. Answers after 1-3 s (times the delay factor) from its records
 * (contracts/organization.ts `simulatedTaxRegister`, docs/SIMULATORS.md): liquidated and
 * in-liquidation organizations say so, any unknown ОГРН is not found, a record may be busy for its
 * first two requests or never answer; on top, a share of calls fails at random
 * (SIMULATOR_FAILURE_RATE), as the real interagency exchange does now and then.
 * A person's ИНН: by the first digits of the passport number (contracts/simulators.ts: not found,
 * busy twice, unavailable), otherwise a valid ИНН made from the passport and birth date, the same
 * for the same person every time, its first two digits the region of the issuing division.
 */
export class SimulatedTaxRegister implements TaxRegister {
  private readonly requests = new RequestCounter();

  constructor(
    private readonly settings: SimulationSettings,
    private readonly extraRecords: ExtraTaxRecords = async () => undefined,
  ) {}

  async findPersonInn(request: PersonInnRequest): Promise<PersonInnAnswer> {
    await simulatedDelay(this.settings, 1000, 3000);
    const { passport } = request;
    const outcome = simulatedRegistryOutcome('tax_register', passport.number);
    if (outcome === 'unavailable') throw new RegistryUnavailableError('tax_register', 'simulated outage');
    const key = `inn:${passport.series}${passport.number}:${request.birthDate}`;
    if (outcome === 'busy_twice' && this.requests.next(key) <= 2)
      throw new RegistryUnavailableError('tax_register', 'simulated busy');
    if (randomTransientFailure(this.settings))
      throw new RegistryUnavailableError('tax_register', 'simulated random failure');
    if (outcome === 'not_found') return { found: false };
    return { found: true, inn: simulatedPersonInn(request) };
  }

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

/**
 * The simulated ИНН of a person: the region of the division that issued the passport (the first
 * two digits of its code, as in the ФНС numbering for most regions), then eight digits from a
 * hash of the passport and birth date, then the two check digits.
 */
export function simulatedPersonInn(request: Pick<PersonInnRequest, 'passport' | 'birthDate'>): string {
  const code = request.passport.issuerCode.replace(/\D/g, '');
  const region = /^\d{2}/.test(code) && !code.startsWith('00') ? code.slice(0, 2) : '77';
  const hash = createHash('sha256')
    .update(`${request.passport.series}|${request.passport.number}|${request.birthDate}`)
    .digest();
  const digits = [...hash.subarray(0, 8)].map((b) => String(b % 10)).join('');
  return personInnWithChecksum(`${region}${digits}`);
}
