import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CenterQualityIssue, RegionCode } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { qualityIssues } from '../../domain/center/center.js';
import { countSameAddress, type CenterRow } from '../../repositories/center/centers.js';
import type { Geography } from '../../lib/geography.js';

/**
 * A Russian number that a Russian operator's range holds (libphonenumber's full metadata: the
 * numbering plan of Россвязь, landlines by area code, mobile, 8-800): «+7 000 …» has the form of a
 * number and dials nowhere; «+7 701 …» is Kazakhstan's.
 */
export function isDialableRussianPhone(phone: string): boolean {
  const parsed = parsePhoneNumberFromString(phone);
  return parsed !== undefined && parsed.isValid() && parsed.country === 'RU';
}

/** What the check reads of a center: the report walks thousands of them without the rest of the row. */
type QualityInput = Pick<CenterRow, 'id' | 'phone' | 'hours' | 'lat' | 'lon' | 'regionCode' | 'addressKey'>;

/**
 * «Все данные организации должны быть указаны верно» (issue 11, item 5), checked by the system for
 * each center given: the phone dials, the hours open, the point lies in its region, no other
 * center has the address. One statement for the duplicates of all of them.
 */
export async function qualityOf(
  db: DbOrTx,
  geo: Geography,
  centers: readonly QualityInput[],
): Promise<Map<string, CenterQualityIssue[]>> {
  const duplicates = await countSameAddress(db, centers);
  return new Map(
    centers.map((c) => [
      c.id,
      qualityIssues({
        phone: c.phone,
        phoneDialable: c.phone !== null && isDialableRussianPhone(c.phone),
        hours: c.hours,
        location: c.lat !== null && c.lon !== null ? { lat: c.lat, lon: c.lon } : null,
        insideRegion:
          c.lat !== null && c.lon !== null && geo.isInRegion(c.regionCode as RegionCode, c.lat, c.lon, 0),
        sameAddressCount: duplicates.get(c.id) ?? 0,
      }),
    ]),
  );
}
