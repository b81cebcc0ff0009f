/**
 * МВД (formerly ФМС): is this passport of a citizen of the Russian Federation valid and issued to
 * this person? Seed 000, section 1, step 2: «проверка … в ФМС». The public ESIA material names the
 * answers PASSPORT_NOT_FOUND, PASSPORT_INVALID and a mismatch (esia-public-material.md, 1.2).
 */
export interface PassportCheckRequest {
  series: string;
  number: string;
  issueDate: string;
  issuerCode: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
}

export type PassportCheckAnswer =
  { result: 'valid' } | { result: 'not_found' } | { result: 'invalid' } | { result: 'data_mismatch' };

/** Throws RegistryUnavailableError (registry-http.ts) when the service cannot answer now. */
export interface MigrationService {
  checkPassport(request: PassportCheckRequest): Promise<PassportCheckAnswer>;
}
