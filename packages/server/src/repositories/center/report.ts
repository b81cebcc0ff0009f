import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { CenterService, CenterStatus, OrganizationApproval } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { organizations, serviceCenters } from '../../db/schema/index.js';
import type { CenterRow } from './centers.js';

/**
 * What the centers' report (issue 11, item 4) is counted from: one grouped statement whatever the
 * number of centers, and the centers in batches for the data-quality check. Whether a center is on
 * the map depends on its organization's approvals and blocking (domain/organization/approvals.ts),
 * so the statement hands back the groups with those facts and the service applies the rule.
 */

/** A region's centers, or every region's. */
export type CenterReportScope = { regionCode: string } | 'all';

export interface CenterGroupFilter {
  status?: CenterStatus;
  service?: CenterService;
}

/** Centers of one organization in one region with one status and one list of services, counted. */
export interface CenterGroupRow {
  organizationId: string;
  regionCode: string;
  status: CenterStatus;
  services: CenterService[];
  count: number;
  shortName: string;
  ogrn: string;
  blocked: boolean;
  /** the approvals held now (revoked ones left out) */
  approvals: OrganizationApproval[];
}

function centerConditions(scope: CenterReportScope, filter: CenterGroupFilter = {}): SQL | undefined {
  const c = serviceCenters;
  return and(
    scope === 'all' ? undefined : eq(c.regionCode, scope.regionCode),
    filter.status ? eq(c.status, filter.status) : undefined,
    // `@>` keeps the centers offering the service, whatever else they offer
    filter.service ? sql`${c.services} @> array[${filter.service}]::text[]` : undefined,
  );
}

interface CenterGroupDbRow {
  organization_id: string;
  region_code: string;
  status: CenterStatus;
  services: CenterService[] | string;
  n: number | string;
  short_name: string;
  ogrn: string;
  blocked: boolean;
  approvals: OrganizationApproval[] | string;
}

/** A text[] as the driver gives it: an array (pg, PGlite), or its literal when a driver does not parse it. */
function textArray<T extends string>(value: T[] | string): T[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return (inner ? inner.split(',') : []) as T[];
}

/**
 * The centers in scope grouped by organization, region, status and services, each group with its
 * organization's name, blocking and approvals. The groups are few (an organization's centers
 * share a handful of service lists), so 30,000 centers come back as a few thousand rows: one pass
 * over the centers (the region index for a region), one over the approvals of the organizations
 * found.
 */
export async function countCenterGroups(
  db: DbOrTx,
  scope: CenterReportScope,
  filter: CenterGroupFilter = {},
): Promise<CenterGroupRow[]> {
  const c = serviceCenters;
  const result: unknown = await db.execute(sql`
    with groups as (
      select ${c.organizationId} as organization_id, ${c.regionCode} as region_code, ${c.status} as status,
        ${c.services} as services, count(*)::int as n
      from ${c}
      where ${centerConditions(scope, filter) ?? sql`true`}
      group by 1, 2, 3, 4
    ),
    held as (
      select a.organization_id, array_agg(a.approval order by a.approval) as approvals
      from organization_approvals a
      where a.revoked_at is null and a.organization_id in (select organization_id from groups)
      group by a.organization_id
    )
    select g.organization_id, g.region_code, g.status, g.services, g.n,
      o.short_name, o.ogrn, o.blocked_at is not null as blocked,
      coalesce(h.approvals, '{}'::text[]) as approvals
    from groups g
      join ${organizations} o on o.id = g.organization_id
      left join held h on h.organization_id = g.organization_id`);
  const rows = ((result as { rows?: unknown }).rows ?? result) as CenterGroupDbRow[];
  return rows.map((r) => ({
    organizationId: r.organization_id,
    regionCode: r.region_code,
    status: r.status,
    services: textArray(r.services),
    count: Number(r.n),
    shortName: r.short_name,
    ogrn: r.ogrn,
    blocked: r.blocked,
    approvals: textArray(r.approvals),
  }));
}

/** What the data-quality check reads of a center, and what the list shows of it. */
export type QualityCandidate = Pick<
  CenterRow,
  'id' | 'name' | 'regionCode' | 'address' | 'addressKey' | 'phone' | 'hours' | 'lat' | 'lon' | 'status'
> & { organizationId: string; organizationShortName: string };

/**
 * The centers in scope after `afterId`, by id, `limit` of them: the check walks a region or the
 * country in batches (by the primary key), so memory holds one batch and the flagged ones.
 */
export async function listQualityCandidates(
  db: DbOrTx,
  scope: CenterReportScope,
  afterId: string | null,
  limit: number,
): Promise<QualityCandidate[]> {
  const c = serviceCenters;
  return db
    .select({
      id: c.id,
      name: c.name,
      regionCode: c.regionCode,
      address: c.address,
      addressKey: c.addressKey,
      phone: c.phone,
      hours: c.hours,
      lat: c.lat,
      lon: c.lon,
      status: c.status,
      organizationId: c.organizationId,
      organizationShortName: organizations.shortName,
    })
    .from(c)
    .innerJoin(organizations, eq(organizations.id, c.organizationId))
    .where(and(centerConditions(scope), afterId ? gt(c.id, afterId) : undefined))
    .orderBy(asc(c.id))
    .limit(limit);
}
