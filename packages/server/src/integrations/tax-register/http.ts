import type { TaxRegisterRecord } from '../../domain/organization/registration.js';
import { postRegistryJson, RegistryProtocolError } from '../registry-http.js';
import { isValidInn } from '@openesia/contracts';
import type { PersonInnAnswer, PersonInnRequest, TaxRegister, TaxRegisterRequest } from './port.js';

interface Answer {
  found?: boolean;
  ogrn?: string;
  inn?: string;
  kpp?: string | null;
  fullName?: string;
  status?: string;
  head?: {
    lastName?: string;
    firstName?: string;
    middleName?: string | null;
    inn?: string | null;
    position?: string | null;
  };
}

/**
 * The register through the operator's registry gateway: POST {base}/egrul/legal-entity with
 * {ogrn, inn}; the answer is {"found": false} or the record (ogrn, inn, kpp, fullName, status
 * "active" | "in_liquidation" | "liquidated", head {lastName, firstName, middleName, inn, position}).
 * An answer of any other shape is a protocol error, never read as "not found".
 * A person's ИНН: POST {base}/fns/person-inn with the name, birth date and passport; the answer is
 * {"found": false} or {"found": true, "inn": "12 digits"}.
 */
export class HttpTaxRegister implements TaxRegister {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async findPersonInn(request: PersonInnRequest): Promise<PersonInnAnswer> {
    const answer = await postRegistryJson<{ found?: boolean; inn?: unknown }>(
      'tax_register',
      `${this.baseUrl.replace(/\/$/, '')}/fns/person-inn`,
      this.token,
      request,
    );
    if (answer.found === false) return { found: false };
    // A wrong number is worse than none: it would be released to systems as the person's.
    if (
      answer.found !== true ||
      typeof answer.inn !== 'string' ||
      answer.inn.length !== 12 ||
      !isValidInn(answer.inn)
    )
      throw new RegistryProtocolError(
        `tax_register: unexpected answer ${JSON.stringify(answer).slice(0, 100)}`,
      );
    return { found: true, inn: answer.inn };
  }

  async findLegalEntity(request: TaxRegisterRequest): Promise<TaxRegisterRecord> {
    const answer = await postRegistryJson<Answer>(
      'tax_register',
      `${this.baseUrl.replace(/\/$/, '')}/egrul/legal-entity`,
      this.token,
      request,
    );
    if (answer.found === false) return { found: false };
    const status = answer.status;
    const head = answer.head;
    if (
      answer.found !== true ||
      typeof answer.ogrn !== 'string' ||
      typeof answer.inn !== 'string' ||
      typeof answer.fullName !== 'string' ||
      (status !== 'active' && status !== 'in_liquidation' && status !== 'liquidated') ||
      typeof head?.lastName !== 'string' ||
      typeof head.firstName !== 'string'
    )
      throw new RegistryProtocolError(
        `tax_register: unexpected answer ${JSON.stringify(answer).slice(0, 100)}`,
      );
    return {
      found: true,
      ogrn: answer.ogrn,
      inn: answer.inn,
      kpp: typeof answer.kpp === 'string' ? answer.kpp : null,
      fullName: answer.fullName,
      status,
      head: {
        lastName: head.lastName,
        firstName: head.firstName,
        middleName: head.middleName ?? null,
        inn: head.inn ?? null,
        position: head.position ?? null,
      },
    };
  }
}
