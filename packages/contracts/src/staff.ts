import { z } from 'zod';
import { loginIdentifier } from './fields.js';
import { regionCodeSchema } from './organization.js';

/**
 * Staff roles (issue 10, item 1): «Оператор ЕСИА» (Минцифры) and «Региональный оператор» of a
 * region. The federal operator makes a confirmed person a region's operator on the registry's page
 * «Региональные операторы» (or the console does, `grant-role --role regional_operator`).
 */

/**
 * What the session's person may open as staff, for the header's links: the federal operator's
 * registry, and the region whose operator the person is in this session (by a personal grant, or
 * acting for the organization that is the region's operator). Null when signed out.
 */
export const staffSummarySchema = z
  .object({
    federalOperator: z.boolean(),
    regionalOperatorOf: z.string().nullable(),
  })
  .meta({ id: 'StaffSummary' });
export type StaffSummary = z.infer<typeof staffSummarySchema>;

/** A live grant of «Региональный оператор»: who, for which region, given by whom and when. */
export const regionalStaffMemberSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    /** a verified e-mail or phone of the person, to tell namesakes apart */
    contact: z.string().nullable(),
    regionCode: z.string(),
    grantedAt: z.iso.datetime(),
    /** the federal operator who granted it; null when the console or the demo seed did */
    grantedBy: z
      .object({ lastName: z.string(), firstName: z.string(), middleName: z.string().nullable() })
      .nullable(),
    grantedVia: z.enum(['registry', 'cli', 'seed']),
  })
  .meta({ id: 'RegionalStaffMember' });
export type RegionalStaffMember = z.infer<typeof regionalStaffMemberSchema>;

export const regionalStaffListSchema = z.object({ staff: z.array(regionalStaffMemberSchema) });
export type RegionalStaffList = z.infer<typeof regionalStaffListSchema>;

/** GET /api/registry/regional-operators?regionCode=35: one region's staff, or every region's. */
export const regionalStaffQuerySchema = z.object({ regionCode: regionCodeSchema.optional() });

/**
 * «Добавить сотрудника регионального оператора»: the person's login (a verified mobile phone or
 * e-mail of a confirmed account) and the region.
 */
export const regionalStaffGrantSchema = z.object({
  login: loginIdentifier,
  regionCode: regionCodeSchema,
});
export type RegionalStaffGrant = z.input<typeof regionalStaffGrantSchema>;

export const regionalStaffPathSchema = z.object({ grantId: z.uuid({ error: 'staff.not_granted' }) });
