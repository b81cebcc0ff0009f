import { randomUUID } from 'node:crypto';
import {
  emptyHours,
  type AccessibilityFeature,
  type CenterHours,
  type CenterService,
  type CenterStatus,
} from '@openesia/contracts';
import { eq } from 'drizzle-orm';
import { serviceCenters } from '../../src/db/schema/index.js';
import { addressKey } from '../../src/domain/center/center.js';
import { hoursColumns } from '../../src/domain/center/hours.js';
import type { System } from '../../src/system.js';

/** Monday to Friday 09:00–18:00 with a break 13:00–14:00, Saturday 10:00–14:00: a МФЦ's week. */
export function officeHours(): CenterHours {
  const hours = emptyHours();
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const)
    hours.weekly[d] = [
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ];
  hours.weekly.sat = [{ from: '10:00', to: '14:00' }];
  return hours;
}

export interface TestCenterOptions {
  name?: string;
  regionCode?: string;
  address?: string;
  lat?: number;
  lon?: number;
  /** the point, or null for a center whose point is not picked yet (overrides lat and lon) */
  location?: { lat: number; lon: number } | null;
  timeZone?: string;
  hours?: CenterHours;
  services?: CenterService[];
  status?: CenterStatus;
  phone?: string | null;
  email?: string | null;
  directions?: string | null;
  accessibility?: AccessibilityFeature[];
}

let addresses = 0;

/** The row the technological portal would save for these options, at the system's clock. */
function centerRow(
  system: System,
  organization: { id: string; createdBy: string },
  options: TestCenterOptions,
): typeof serviceCenters.$inferInsert {
  const id = randomUUID();
  const now = system.clock.now();
  const timeZone = options.timeZone ?? 'Europe/Moscow';
  const hours = options.hours ?? officeHours();
  // A new address each time: a repeated one would be flagged as a duplicate.
  const address = options.address ?? `160000, г. Вологда, ул. Тестовая, д. ${++addresses}`;
  return {
    id,
    organizationId: organization.id,
    name: options.name ?? `Центр обслуживания ${id.slice(0, 8)}`,
    regionCode: options.regionCode ?? '35',
    address,
    addressKey: addressKey(address),
    lat: options.location === null ? null : (options.location?.lat ?? options.lat ?? 59.22),
    lon: options.location === null ? null : (options.location?.lon ?? options.lon ?? 39.89),
    timeZone,
    hours,
    ...hoursColumns(hours, timeZone, now),
    phone: options.phone === undefined ? '+78172123456' : options.phone,
    email: options.email === undefined ? 'center@example.ru' : options.email,
    directions: options.directions === undefined ? null : options.directions,
    accessibility: options.accessibility ?? [],
    services: options.services ?? ['confirmation'],
    status: options.status ?? 'active',
    createdAt: now,
    createdBy: organization.createdBy,
    updatedAt: now,
  };
}

/**
 * A service center written straight to its table, as the technological portal saves one (its
 * use-cases are tested on their own): the hours' multiranges computed by domain/center/hours.ts at
 * the system's clock; active, in Вологда, «Подтверждение» unless told otherwise.
 */
export async function insertTestCenter(
  system: System,
  organization: { id: string; createdBy: string },
  options: TestCenterOptions = {},
): Promise<{ id: string; name: string }> {
  const row = centerRow(system, organization, options);
  await system.database.db.insert(serviceCenters).values(row);
  return { id: row.id, name: row.name };
}

/** Many centers in one statement (the map's clusters need more than a thousand in view). */
export async function insertTestCenters(
  system: System,
  organization: { id: string; createdBy: string },
  options: readonly TestCenterOptions[],
): Promise<string[]> {
  const rows = options.map((o) => centerRow(system, organization, o));
  for (let i = 0; i < rows.length; i += 500)
    await system.database.db.insert(serviceCenters).values(rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}

/** Makes the center «Недействующий» (or «Действующий») as the portal's «Редактировать» would. */
export async function setTestCenterStatus(
  system: System,
  centerId: string,
  status: CenterStatus,
): Promise<void> {
  await system.database.db.update(serviceCenters).set({ status }).where(eq(serviceCenters.id, centerId));
}
