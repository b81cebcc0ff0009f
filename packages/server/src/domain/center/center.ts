import type {
  CenterFields,
  CenterQualityIssue,
  CenterService,
  CenterStatus,
  GeoPoint,
} from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { neverOpens } from './hours.js';

/**
 * The rules of a service center (issue 11; seed 000, section 5: «статус центра обслуживания должен
 * быть „Действующий“»; seed 002, step 10). Pure: the facts are passed in.
 */

/** How far outside its region's drawn border a center may stand: the outlines are simplified. */
export const REGION_TOLERANCE_KM = 30;

/**
 * What «Действующий» needs and the center lacks: the paths of the empty fields, `services` also
 * when none ticked is allowed by the approvals now, and `operators` when nobody with access is
 * attached. The name, region and address are required at any save.
 */
export function missingForActivation(
  center: Pick<CenterFields, 'location' | 'hours' | 'phone' | 'services'>,
  operatorsWithAccess: number,
  allowed: ReadonlySet<CenterService>,
): string[] {
  const missing: string[] = [];
  if (!center.location) missing.push('location');
  if (neverOpens(center.hours)) missing.push('hours');
  if (!center.phone) missing.push('phone');
  if (!center.services.some((s) => allowed.has(s))) missing.push('services');
  if (operatorsWithAccess === 0) missing.push('operators');
  return missing;
}

/** The status a save asks for, refused with the missing fields when the center is not ready. */
export function assertMayBecome(status: CenterStatus, missing: readonly string[]): void {
  if (status !== 'active') return;
  const fields = missing.filter((m) => m !== 'operators').map((path) => ({ path, code: 'required' }));
  if (fields.length) throw new AppError('center.incomplete', { fields });
  if (missing.includes('operators')) throw new AppError('center.no_operator');
}

/**
 * The services ticked that the approvals do not allow (seed 000: «Если отработана только форма З,
 * то проставляем галочку только в поле „Подтверждение“»).
 */
export function servicesNotAllowed(
  services: readonly CenterService[],
  allowed: ReadonlySet<CenterService>,
): CenterService[] {
  return services.filter((s) => !allowed.has(s));
}

/** Words of an address in their short form (ГОСТ Р 7.0.12 abbreviations), one spelling each. */
const SHORT_WORDS: Record<string, string> = {
  улица: 'ул',
  проспект: 'пр-кт',
  просп: 'пр-кт',
  пр: 'пр-кт',
  переулок: 'пер',
  площадь: 'пл',
  шоссе: 'ш',
  набережная: 'наб',
  бульвар: 'б-р',
  корпус: 'к',
  корп: 'к',
  строение: 'стр',
  офис: 'оф',
};

/** Words that only say what the next one is: «г. Вологда» and «Вологда» are one city. */
const MARKERS = new Set([
  'г',
  'город',
  'д',
  'дом',
  'ул',
  'обл',
  'область',
  'респ',
  'республика',
  'край',
  'р-н',
  'район',
]);

/**
 * The address folded for comparison: «160000, г. Вологда, ул. Мира, д. 12» and «Вологда город,
 * улица Мира, дом 12» are the same place. Lower case, ё as е, the postcode and punctuation dropped,
 * abbreviations unified, markers dropped, the words sorted (people order them differently).
 */
export function addressKey(address: string): string {
  return address
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s.,;:«»"'()/\\]+/u)
    .filter((w) => w && !/^\d{6}$/.test(w))
    .map((w) => SHORT_WORDS[w] ?? w)
    .filter((w) => !MARKERS.has(w))
    .sort()
    .join(' ');
}

/** The facts the data-quality check reads of one center. */
export interface QualityFacts {
  phone: string | null;
  /** whether the phone is in a Russian operator's number range (libphonenumber's metadata) */
  phoneDialable: boolean;
  hours: CenterFields['hours'];
  location: GeoPoint | null;
  /** strictly inside its region's outline (the form refuses a point beyond the tolerance band) */
  insideRegion: boolean;
  /** other centers with the same address key */
  sameAddressCount: number;
}

/** «Все данные организации должны быть указаны верно» (issue 11, item 5): what looks wrong. */
export function qualityIssues(f: QualityFacts): CenterQualityIssue[] {
  const issues: CenterQualityIssue[] = [];
  if (f.phone && !f.phoneDialable) issues.push('phone_not_dialable');
  if (neverOpens(f.hours)) issues.push('never_open');
  if (f.location && !f.insideRegion) issues.push('location_outside_region');
  if (f.sameAddressCount > 0) issues.push('duplicate_address');
  return issues;
}
