import type { PersonalDataInput, PersonalDataView } from '@openesia/contracts';
import { maskSnils } from './fields';
import { isoToRu, ruToIso } from './texts';

/** The form's values: the request's shape (so the API's field paths are the form's), dates as typed, ДД.ММ.ГГГГ. */
export type PersonalDataValues = {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: '' | 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: 'RUS';
  passport: { series: string; number: string; issueDate: string; issuedBy: string; issuerCode: string };
  snils: string;
};

export function valuesFromView(
  view: PersonalDataView,
  fallback: { lastName: string; firstName: string; middleName: string | null },
): PersonalDataValues {
  const d = view.data;
  return {
    lastName: d?.lastName ?? fallback.lastName,
    firstName: d?.firstName ?? fallback.firstName,
    middleName: d?.middleName ?? fallback.middleName ?? '',
    gender: d?.gender ?? '',
    birthDate: d ? isoToRu(d.birthDate) : '',
    birthPlace: d?.birthPlace ?? '',
    citizenship: 'RUS',
    passport: {
      series: d?.passport.series ?? '',
      number: d?.passport.number ?? '',
      issueDate: d ? isoToRu(d.passport.issueDate) : '',
      issuedBy: d?.passport.issuedBy ?? '',
      issuerCode: d?.passport.issuerCode ?? '',
    },
    snils: d ? maskSnils(d.snils) : '',
  };
}

export function inputFromValues(v: PersonalDataValues): PersonalDataInput {
  return {
    lastName: v.lastName,
    firstName: v.firstName,
    middleName: v.middleName,
    gender: (v.gender || undefined) as PersonalDataInput['gender'],
    birthDate: ruToIso(v.birthDate),
    birthPlace: v.birthPlace,
    citizenship: v.citizenship,
    passport: { ...v.passport, issueDate: ruToIso(v.passport.issueDate) },
    snils: v.snils,
  };
}
