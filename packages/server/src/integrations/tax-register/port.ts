import type { TaxRegisterRecord } from '../../domain/organization/registration.js';

/**
 * ФНС России, Единый государственный реестр юридических лиц (ЕГРЮЛ): the record of a legal entity
 * by its ОГРН and ИНН (seed 000, section 2: «проверка … в ФНС»). The answer is the register's data;
 * whether it matches the certificate is the domain's judgement (domain/organization/registration.ts).
 */
export interface TaxRegisterRequest {
  /** 13 digits, check digit already verified */
  ogrn: string;
  /** 10 digits, check digit already verified */
  inn: string;
}

/** Throws RegistryUnavailableError (registry-http.ts) when the register cannot answer now. */
export interface TaxRegister {
  findLegalEntity(request: TaxRegisterRequest): Promise<TaxRegisterRecord>;
}
