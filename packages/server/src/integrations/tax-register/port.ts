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

/**
 * A citizen's ИНН as ESIA obtains it: the tax service finds the person by the passport the
 * migration service confirmed, with the name and birth date (the ФНС «Узнать ИНН» request).
 */
export interface PersonInnRequest {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  /** issuerCode: код подразделения, «770-001» */
  passport: { series: string; number: string; issueDate: string; issuerCode: string };
}

/** `inn`: 12 digits, check digits verified by the adapter. */
export type PersonInnAnswer = { found: true; inn: string } | { found: false };

/** Throws RegistryUnavailableError (registry-http.ts) when the register cannot answer now. */
export interface TaxRegister {
  findLegalEntity(request: TaxRegisterRequest): Promise<TaxRegisterRecord>;
  findPersonInn(request: PersonInnRequest): Promise<PersonInnAnswer>;
}
