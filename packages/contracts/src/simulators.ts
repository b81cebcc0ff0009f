import { formatSnils } from './identifiers.js';

/**
 * The deterministic answers of the simulated registries (development and demo only; never in
 * production, see config). One table drives both the simulators on the server and the hint on the
 * personal-data page, so what the page promises is what the simulator does. Documented in
 * docs/SIMULATORS.md.
 *
 * СНИЛС is matched by the first three digits of its number, the passport by the first three
 * digits of its number (not the series): values a person never types by accident together with a
 * valid СНИЛС checksum.
 */
export type RegistryOutcome =
  'not_found' | 'data_mismatch' | 'passport_invalid' | 'busy_twice' | 'unavailable';

export interface RegistrySimulatorRule {
  registry: 'pension_fund' | 'migration_service' | 'tax_register';
  /**
   * the first digits of the СНИЛС (pension fund) or of the passport number (migration service;
   * the tax service, asked for the person's ИНН by the passport once both checks pass)
   */
  prefix: string;
  outcome: RegistryOutcome;
  /** what the page shows in demo mode */
  description: string;
  /** a value that triggers the rule, to copy into the form */
  example: string;
}

/** Builds a valid СНИЛС from its first nine digits (checksum of ПФР № 318п). */
export function snilsWithChecksum(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  let control = sum % 101;
  if (control === 100) control = 0;
  return formatSnils(`${nineDigits}${String(control).padStart(2, '0')}`);
}

export const registrySimulatorRules: readonly RegistrySimulatorRule[] = [
  {
    registry: 'pension_fund',
    prefix: '900',
    outcome: 'not_found',
    description: 'СФР: СНИЛС не найден',
    example: snilsWithChecksum('900123456'),
  },
  {
    registry: 'pension_fund',
    prefix: '901',
    outcome: 'data_mismatch',
    description: 'СФР: ФИО, пол или дата рождения не совпадают со сведениями фонда',
    example: snilsWithChecksum('901123456'),
  },
  {
    registry: 'pension_fund',
    prefix: '902',
    outcome: 'busy_twice',
    description: 'СФР: первые два запроса — временный сбой, затем проверка проходит (повтор очереди заданий)',
    example: snilsWithChecksum('902123456'),
  },
  {
    registry: 'pension_fund',
    prefix: '903',
    outcome: 'unavailable',
    description:
      'СФР: сервис недоступен при каждой попытке — проверка завершается ошибкой «сервис недоступен»',
    example: snilsWithChecksum('903123456'),
  },
  {
    registry: 'migration_service',
    prefix: '900',
    outcome: 'not_found',
    description: 'МВД: паспорт не найден',
    example: '900001',
  },
  {
    registry: 'migration_service',
    prefix: '901',
    outcome: 'passport_invalid',
    description: 'МВД: паспорт недействителен (утрачен, заменён или истёк срок)',
    example: '901001',
  },
  {
    registry: 'migration_service',
    prefix: '902',
    outcome: 'data_mismatch',
    description: 'МВД: данные паспорта не совпадают с ФИО или датой рождения',
    example: '902001',
  },
  {
    registry: 'migration_service',
    prefix: '903',
    outcome: 'busy_twice',
    description: 'МВД: первые два запроса — временный сбой, затем проверка проходит',
    example: '903001',
  },
  {
    registry: 'migration_service',
    prefix: '904',
    outcome: 'unavailable',
    description: 'МВД: сервис недоступен при каждой попытке',
    example: '904001',
  },
  {
    registry: 'tax_register',
    prefix: '905',
    outcome: 'not_found',
    description: 'ФНС: ИНН по паспорту не найден (проверка проходит, ИНН в учётной записи нет)',
    example: '905001',
  },
  {
    registry: 'tax_register',
    prefix: '906',
    outcome: 'busy_twice',
    description: 'ФНС: первые два запроса ИНН — временный сбой, затем ИНН найден',
    example: '906001',
  },
  {
    registry: 'tax_register',
    prefix: '907',
    outcome: 'unavailable',
    description: 'ФНС: сервис недоступен при каждой попытке — ИНН не получен',
    example: '907001',
  },
];

export function simulatedRegistryOutcome(
  registry: RegistrySimulatorRule['registry'],
  digits: string,
): RegistryOutcome | 'ok' {
  const rule = registrySimulatorRules.find((r) => r.registry === registry && digits.startsWith(r.prefix));
  return rule?.outcome ?? 'ok';
}
