import type { OrganizationStatus, OrganizationType, TaxRegisterRefusal } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { normalizePersonName } from '../signature/person.js';
import type { LegalEntityFromCertificate } from './legal-entity-certificate.js';

/**
 * The life of an organization's registration (seed 000, section 2; seed 004, steps 1.3-1.4):
 *
 *   checking ──register confirms──> registered                       (Почта России)
 *       │                      └──> awaiting_regional_operator ──confirm──> registered
 *       │                                          └──return(reason)──> returned ──resubmit──> checking
 *       ├──register refuses──> rejected            (final: a new registration is a new signature)
 *       └──register silent after every retry──> check_failed ──retry──> checking
 *
 * A state or municipal body or institution enters the register of state (municipal) bodies only
 * when the regional operator of its region confirms it (seed 004, step 1.4: «Агентство по
 * информатизации и связи Камчатского края получает заявку … подтверждает заявку»). Почта России is
 * a joint-stock company, not a state body: the tax register's answer is enough.
 */
export function needsRegionalConfirmation(type: OrganizationType): boolean {
  return type !== 'russian_post';
}

/** What the tax register (ЕГРЮЛ) says about an ОГРН and ИНН; see integrations/tax-register/port.ts. */
export type TaxRegisterRecord =
  | { found: false }
  | {
      found: true;
      ogrn: string;
      inn: string;
      kpp: string | null;
      fullName: string;
      status: 'active' | 'in_liquidation' | 'liquidated';
      head: {
        lastName: string;
        firstName: string;
        middleName: string | null;
        inn: string | null;
        position: string | null;
      };
    };

export type TaxRegisterVerdict =
  { ok: true; kpp: string | null; headPosition: string | null } | { ok: false; refusal: TaxRegisterRefusal };

/**
 * Compares the register's record with what the certificate says. The head is compared by ФИО
 * (Е = Ё, case and spacing ignored) and, where both carry one, by personal ИНН; the name by its
 * letters alone (quotes, spaces and case differ between a CA and the register).
 */
export function judgeTaxRegisterRecord(
  fromCertificate: LegalEntityFromCertificate,
  record: TaxRegisterRecord,
): TaxRegisterVerdict {
  if (!record.found || record.ogrn !== fromCertificate.ogrn || record.inn !== fromCertificate.inn)
    return { ok: false, refusal: 'not_found' };
  if (record.status === 'liquidated') return { ok: false, refusal: 'liquidated' };
  if (record.status === 'in_liquidation') return { ok: false, refusal: 'in_liquidation' };
  const head = fromCertificate.head;
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    normalizePersonName(a) === normalizePersonName(b);
  const headDiffers =
    !same(record.head.lastName, head.lastName) ||
    !same(record.head.firstName, head.firstName) ||
    (!!record.head.middleName && !!head.middleName && !same(record.head.middleName, head.middleName)) ||
    (!!record.head.inn && !!head.personalInn && record.head.inn !== head.personalInn);
  if (headDiffers) return { ok: false, refusal: 'head_differs' };
  if (comparableName(record.fullName) !== comparableName(fromCertificate.fullName))
    return { ok: false, refusal: 'data_differs' };
  return { ok: true, kpp: record.kpp, headPosition: record.head.position ?? head.position };
}

function comparableName(value: string): string {
  return normalizePersonName(value).replace(/[^0-9A-ZА-Я]/g, '');
}

export type RegistrationEvent =
  | { kind: 'register_confirmed'; type: OrganizationType }
  | { kind: 'register_refused' }
  | { kind: 'register_unavailable' }
  | { kind: 'regional_confirmed' }
  | { kind: 'regional_returned' }
  | { kind: 'resubmitted' }
  | { kind: 'check_retried' };

/** The next status, or `organization.wrong_state` when the event does not apply to this status. */
export function nextRegistrationStatus(
  status: OrganizationStatus,
  event: RegistrationEvent,
): OrganizationStatus {
  const next = ((): OrganizationStatus | null => {
    switch (event.kind) {
      case 'register_confirmed':
        if (status !== 'checking') return null;
        return needsRegionalConfirmation(event.type) ? 'awaiting_regional_operator' : 'registered';
      case 'register_refused':
        return status === 'checking' ? 'rejected' : null;
      case 'register_unavailable':
        return status === 'checking' ? 'check_failed' : null;
      case 'regional_confirmed':
        return status === 'awaiting_regional_operator' ? 'registered' : null;
      case 'regional_returned':
        return status === 'awaiting_regional_operator' ? 'returned' : null;
      case 'resubmitted':
        return status === 'returned' ? 'checking' : null;
      case 'check_retried':
        return status === 'check_failed' ? 'checking' : null;
    }
  })();
  if (!next) throw new AppError('organization.wrong_state');
  return next;
}
