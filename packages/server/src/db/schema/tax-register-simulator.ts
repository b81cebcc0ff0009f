import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { SimulatedTaxRecord } from '@openesia/contracts';
import { ts } from './columns.js';

/**
 * The simulated ЕГРЮЛ's extra records (development and demo only): organizations the test CA made
 * up when it issued a legal entity's certificate for them, so that their registration's check
 * can pass. The built-in records are contracts' `simulatedTaxRegister`.
 */
export const simulatorTaxRecords = pgTable('simulator_tax_records', {
  ogrn: text('ogrn').primaryKey(),
  record: jsonb('record').$type<SimulatedTaxRecord>().notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
