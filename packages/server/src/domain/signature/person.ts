import { digitsOnly } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import type { CertificateSubject } from '@openesia/contracts';

/**
 * Whether a certificate belongs to a person: СНИЛС equal, and surname, first name and (when the
 * certificate carries one) patronymic equal to the account's. Source: ESIA's rule for confirming an
 * account with a qualified signature — the certificate must name the person and carry their СНИЛС
 * (reference material section 6.1); Приказ ФСБ № 795 п. 17.1 puts «Имя Отчество» into givenName.
 */
export function normalizePersonName(value: string | null | undefined): string {
  return (
    (value ?? '')
      .trim()
      .toLocaleUpperCase('ru-RU')
      // Е and Ё are the same letter in documents (Письмо Минобрнауки № ИК-1113/03, 2009).
      .replace(/Ё/g, 'Е')
      .replace(/\s+/g, ' ')
      .replace(/\s*-\s*/g, '-')
  );
}

export function certificateSnils(subject: CertificateSubject): string {
  const snils = digitsOnly(subject.snils ?? '');
  if (snils.length !== 11) throw new AppError('signature.no_snils');
  return snils;
}

export interface PersonNames {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

export function assertSamePerson(subject: CertificateSubject, person: PersonNames & { snils: string }): void {
  const snils = certificateSnils(subject);
  if (snils !== digitsOnly(person.snils)) throw new AppError('signature.snils_mismatch');
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    normalizePersonName(a) === normalizePersonName(b);
  if (!same(subject.lastName, person.lastName) || !same(subject.firstName, person.firstName))
    throw new AppError('signature.name_mismatch');
  if (subject.middleName && !same(subject.middleName, person.middleName))
    throw new AppError('signature.name_mismatch');
}
