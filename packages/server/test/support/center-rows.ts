import { randomUUID } from 'node:crypto';
import { emptyHours, type CenterHours, type CenterService, type CenterStatus } from '@openesia/contracts';
import { serviceCenters } from '../../src/db/schema/index.js';
import { addressKey } from '../../src/domain/center/center.js';
import {
  exceptionRanges,
  int4MultirangeLiteral,
  tstzMultirangeLiteral,
  weeklyUtcRanges,
} from '../../src/domain/center/hours.js';
import type { System } from '../../src/system.js';

/** Monday to Friday, 09:00-18:00 with a break 13:00-14:00. */
export function weekdayHours(): CenterHours {
  const day = [
    { from: '09:00', to: '13:00' },
    { from: '14:00', to: '18:00' },
  ];
  return {
    ...emptyHours(),
    weekly: { ...emptyHours().weekly, mon: day, tue: day, wed: day, thu: day, fri: day },
  };
}

export interface CenterRowOptions {
  name?: string;
  regionCode?: string;
  address?: string;
  location?: { lat: number; lon: number } | null;
  timeZone?: string;
  hours?: CenterHours;
  phone?: string | null;
  services?: CenterService[];
  status?: CenterStatus;
}

let centers = 0;

/**
 * A service center written straight to its table, for tests of what reads centers (the report,
 * the opening plan); the technological portal's use-cases are tested through themselves. The
 * hours' multiranges are built as the service builds them (domain/center/hours.ts).
 */
export async function insertTestCenter(
  system: System,
  organizationId: string,
  createdBy: string,
  options: CenterRowOptions = {},
): Promise<{ id: string }> {
  centers++;
  const id = randomUUID();
  const now = system.clock.now();
  const hours = options.hours ?? weekdayHours();
  const timeZone = options.timeZone ?? 'Europe/Moscow';
  const address = options.address ?? `160000, г. Вологда, ул. Тестовая, д. ${centers}`;
  const location = options.location === undefined ? { lat: 59.22, lon: 39.89 } : options.location;
  const exceptions = exceptionRanges(hours, timeZone, now);
  await system.database.db.insert(serviceCenters).values({
    id,
    organizationId,
    name: options.name ?? `Центр обслуживания № ${centers}`,
    regionCode: options.regionCode ?? '35',
    address,
    addressKey: addressKey(address),
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    timeZone,
    hours,
    weeklyOpenUtc: int4MultirangeLiteral(weeklyUtcRanges(hours, timeZone, now)),
    exceptionDays: tstzMultirangeLiteral(exceptions.days),
    exceptionOpen: tstzMultirangeLiteral(exceptions.open),
    phone: options.phone === undefined ? '+78172123456' : options.phone,
    email: null,
    directions: null,
    accessibility: [],
    services: options.services ?? ['confirmation'],
    status: options.status ?? 'active',
    createdAt: now,
    createdBy,
    updatedAt: now,
  });
  return { id };
}
