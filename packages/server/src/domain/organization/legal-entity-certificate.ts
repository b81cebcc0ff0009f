import { digitsOnly, isValidInn, isValidOgrn, type CertificateSubject } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { assertSamePerson, type PersonNames } from '../signature/person.js';

/**
 * What an organization's registration reads from the head's qualified certificate (seed 000,
 * section 2; Приказ ФСБ № 795, п. 17.2 for a legal entity's certificate): ОГРН (OID 1.2.643.100.1)
 * and ИНН ЮЛ (1.2.643.100.4) of the organization, its name (O), and the person who signs — the head —
 * with СНИЛС, surname, given names and position (title). These fields cannot be edited on the form.
 */
export interface LegalEntityFromCertificate {
  ogrn: string;
  inn: string;
  fullName: string;
  head: PersonNames & { snils: string; position: string | null; personalInn: string | null };
}

/**
 * Reads the organization from a certificate and checks that the signer is the signed-in person
 * (the person's checked data: СНИЛС and ФИО). A personal certificate (no ОГРН, or an ОГРНИП of an
 * individual entrepreneur) is refused, as are identifiers whose check digits do not add up:
 * nothing is sent to the tax register for a number that cannot exist.
 */
export function readLegalEntity(
  subject: CertificateSubject,
  person: PersonNames & { snils: string },
): LegalEntityFromCertificate {
  const ogrn = digitsOnly(subject.ogrn ?? '');
  const inn = digitsOnly(subject.innLe ?? '');
  if (!ogrn || !inn || subject.ogrnip) throw new AppError('organization.not_legal_entity_certificate');
  if (!isValidOgrn(ogrn) || inn.length !== 10 || !isValidInn(inn))
    throw new AppError('organization.identifiers_invalid');
  const fullName = (subject.organization ?? '').trim();
  if (!fullName) throw new AppError('organization.not_legal_entity_certificate');
  assertSamePerson(subject, person);
  const personalInn = digitsOnly(subject.inn ?? '');
  return {
    ogrn,
    inn,
    fullName,
    head: {
      lastName: subject.lastName!,
      firstName: subject.firstName!,
      middleName: subject.middleName,
      snils: digitsOnly(subject.snils ?? ''),
      position: subject.title?.trim() || null,
      personalInn: personalInn.length === 12 ? personalInn : null,
    },
  };
}
