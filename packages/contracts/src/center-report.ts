import { z } from 'zod';
import { centerServices, type CenterService } from './application.js';
import { centerQualityIssues, centerStatusSchema } from './center.js';
import { regionCodeSchema } from './organization.js';

/**
 * «Отчёт ЕСИА» about service centers (issue 11, item 4; seed 004, control event 5: «На карте ЕСИА и
 * в отчёте ЕСИА добавлен новый ЦО»): centers by region, organization, status and service, for the
 * regional operator's region and the federal operator's country, with CSV and XLSX; and the
 * centers the data-quality check flags (item 5). «На карте» counts a center as the public map
 * shows it: «Действующий», of an organization not blocked, with a service the approvals allow.
 */

/** The status filter: the center's own status, or on the public map now. */
export const centerReportStatuses = ['active', 'inactive', 'on_map'] as const;
export type CenterReportStatus = (typeof centerReportStatuses)[number];
export const centerReportStatusLabels: Record<CenterReportStatus, string> = {
  active: 'Действующий',
  inactive: 'Недействующий',
  on_map: 'На карте',
};

const reportStatus = z.enum(centerReportStatuses, { error: 'center_report.status_unknown' });
const reportService = z.enum(centerServices, { error: 'center_report.service_unknown' });

/**
 * The report's filter. `region`: the federal operator's choice of one region (its organizations),
 * none for every region; the regional operator's report is of its own region, another refused.
 */
export const centerReportQuerySchema = z.object({
  status: reportStatus.optional(),
  service: reportService.optional(),
  region: regionCodeSchema.optional(),
});
export type CenterReportQuery = z.input<typeof centerReportQuerySchema>;
export type CenterReportFilter = z.output<typeof centerReportQuerySchema>;

/** How many centers, by status; `onMap` is within `active`. */
const countsSchema = z.object({
  total: z.number().int(),
  active: z.number().int(),
  inactive: z.number().int(),
  onMap: z.number().int(),
});
export type CenterCounts = z.infer<typeof countsSchema>;

/** A row of the table: the counts, and how many of the centers offer each service. */
const rowCounts = countsSchema.extend({
  services: z.object(
    Object.fromEntries(centerServices.map((s) => [s, z.number().int()])) as Record<
      CenterService,
      z.ZodNumber
    >,
  ),
});
export type CenterReportRowCounts = z.infer<typeof rowCounts>;

export const centerReportRegionRowSchema = rowCounts.extend({
  regionCode: z.string(),
  organizations: z.number().int(),
});
export type CenterReportRegionRow = z.infer<typeof centerReportRegionRowSchema>;

export const centerReportOrganizationRowSchema = rowCounts.extend({
  organizationId: z.string(),
  shortName: z.string(),
  ogrn: z.string(),
  /** blocked by the federal operator: none of its centers is on the map */
  blocked: z.boolean(),
});
export type CenterReportOrganizationRow = z.infer<typeof centerReportOrganizationRowSchema>;

/** By service: the centers offering it, and those on the map under it (the service allowed now). */
export const centerReportServiceRowSchema = countsSchema.extend({ service: z.enum(centerServices) });
export type CenterReportServiceRow = z.infer<typeof centerReportServiceRowSchema>;

export const centerReportSchema = z
  .object({
    /** the region reported on; null: every region */
    regionCode: z.string().nullable(),
    filter: z.object({
      status: z.enum(centerReportStatuses).nullable(),
      service: z.enum(centerServices).nullable(),
    }),
    totals: countsSchema,
    byService: z.array(centerReportServiceRowSchema),
    /** every region (the federal operator's view without a region); null in a region's report */
    byRegion: z.array(centerReportRegionRowSchema).nullable(),
    /** the organizations with centers in the region; null in the report of every region */
    byOrganization: z.array(centerReportOrganizationRowSchema).nullable(),
  })
  .meta({ id: 'CenterReport' });
export type CenterReport = z.infer<typeof centerReportSchema>;

// ---- data quality ----

export const CENTER_QUALITY_PAGE_SIZE = 50;

/** A page of the flagged centers; `region` as in the report's filter. */
export const centerQualityQuerySchema = z.object({
  issue: z.enum(centerQualityIssues, { error: 'center_report.issue_unknown' }).optional(),
  page: z.coerce
    .number({ error: 'center_report.page_invalid' })
    .int({ error: 'center_report.page_invalid' })
    .min(1, { error: 'center_report.page_invalid' })
    .max(10_000, { error: 'center_report.page_invalid' })
    .default(1),
  region: regionCodeSchema.optional(),
});
export type CenterQualityQuery = z.input<typeof centerQualityQuerySchema>;
export type CenterQualityFilter = z.output<typeof centerQualityQuerySchema>;

export const flaggedCenterSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  address: z.string(),
  status: centerStatusSchema,
  organizationId: z.string(),
  organizationShortName: z.string(),
  issues: z.array(z.enum(centerQualityIssues)),
});
export type FlaggedCenter = z.infer<typeof flaggedCenterSchema>;

export const centerQualityPageSchema = z
  .object({
    regionCode: z.string().nullable(),
    /** centers checked in the region (or the country) */
    checked: z.number().int(),
    /** centers with at least one issue, under the issue filter */
    flagged: z.number().int(),
    /** of all flagged centers, how many carry each issue (not narrowed by the issue filter) */
    byIssue: z.object(
      Object.fromEntries(centerQualityIssues.map((i) => [i, z.number().int()])) as Record<
        (typeof centerQualityIssues)[number],
        z.ZodNumber
      >,
    ),
    page: z.number().int(),
    pageSize: z.number().int(),
    centers: z.array(flaggedCenterSchema),
  })
  .meta({ id: 'CenterQualityPage' });
export type CenterQualityPage = z.infer<typeof centerQualityPageSchema>;
