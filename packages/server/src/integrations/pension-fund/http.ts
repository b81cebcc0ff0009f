import { postRegistryJson, RegistryProtocolError } from '../registry-http.js';
import type { PensionFund, SnilsCheckAnswer, SnilsCheckRequest } from './port.js';

/**
 * The fund's check through the operator's registry gateway: POST {base}/snils/verify with the
 * person's data; the answer is {"result": "match" | "not_found" | "data_mismatch"}.
 */
export class HttpPensionFund implements PensionFund {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async checkSnils(request: SnilsCheckRequest): Promise<SnilsCheckAnswer> {
    const answer = await postRegistryJson<{ result?: string }>(
      'pension_fund',
      `${this.baseUrl.replace(/\/$/, '')}/snils/verify`,
      this.token,
      request,
    );
    if (answer.result === 'match' || answer.result === 'not_found' || answer.result === 'data_mismatch')
      return { result: answer.result };
    throw new RegistryProtocolError(
      `pension_fund: unexpected answer ${JSON.stringify(answer).slice(0, 100)}`,
    );
  }
}
