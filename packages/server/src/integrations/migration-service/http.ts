import { postRegistryJson, RegistryProtocolError } from '../registry-http.js';
import type { MigrationService, PassportCheckAnswer, PassportCheckRequest } from './port.js';

/**
 * The passport check through the operator's registry gateway: POST {base}/passports/verify; the
 * answer is {"result": "valid" | "not_found" | "invalid" | "data_mismatch"}.
 */
export class HttpMigrationService implements MigrationService {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async checkPassport(request: PassportCheckRequest): Promise<PassportCheckAnswer> {
    const answer = await postRegistryJson<{ result?: string }>(
      'migration_service',
      `${this.baseUrl.replace(/\/$/, '')}/passports/verify`,
      this.token,
      request,
    );
    if (
      answer.result === 'valid' ||
      answer.result === 'not_found' ||
      answer.result === 'invalid' ||
      answer.result === 'data_mismatch'
    ) {
      return { result: answer.result };
    }
    throw new RegistryProtocolError(
      `migration_service: unexpected answer ${JSON.stringify(answer).slice(0, 100)}`,
    );
  }
}
