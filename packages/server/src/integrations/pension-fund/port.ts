/**
 * Социальный фонд России (formerly ПФР): is this СНИЛС issued to this person? Seed 000, section 1,
 * step 2: «проверка … в Пенсионном фонде». The answer is about the person's full name, gender and
 * birth date as the fund records them.
 */
export interface SnilsCheckRequest {
  /** 11 digits */
  snils: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  gender: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
}

export type SnilsCheckAnswer = { result: 'match' } | { result: 'not_found' } | { result: 'data_mismatch' };

/** Throws RegistryUnavailableError (registry-http.ts) when the fund cannot answer now. */
export interface PensionFund {
  checkSnils(request: SnilsCheckRequest): Promise<SnilsCheckAnswer>;
}
