import { eq } from 'drizzle-orm';
import type { SimulatedTaxRecord } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { simulatorTaxRecords } from '../../db/schema/index.js';

/** The simulated ЕГРЮЛ's extra records, made by the test CA (development and demo only). */
export async function findSimulatedTaxRecord(
  db: DbOrTx,
  ogrn: string,
): Promise<SimulatedTaxRecord | undefined> {
  const [row] = await db
    .select({ record: simulatorTaxRecords.record })
    .from(simulatorTaxRecords)
    .where(eq(simulatorTaxRecords.ogrn, ogrn))
    .limit(1);
  return row?.record;
}

/** Adds the record, or replaces the one of its ОГРН (a demo changing its head, say). */
export async function upsertSimulatedTaxRecord(
  db: DbOrTx,
  record: SimulatedTaxRecord,
  now: Date,
): Promise<void> {
  await db
    .insert(simulatorTaxRecords)
    .values({ ogrn: record.ogrn, record, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: simulatorTaxRecords.ogrn, set: { record, updatedAt: now } });
}
