import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { CenterService, MapBbox, OrganizationApproval } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { organizationApprovalsTable, organizations, serviceCenters } from '../../db/schema/index.js';
import type { CenterRow } from './centers.js';

/**
 * The public map's reads (issue 11, item 3): active centers in a viewport, as points or as a grid
 * of clusters, a page of the list, one card. Which organizations' centers are shown, and with
 * which services, is decided by the caller from `allowedServices` (domain/organization/approvals.ts)
 * and handed here as groups: this file never restates that rule.
 */

/** An organization holding an approval not revoked: what `allowedServices` is asked about. */
export interface ApprovedOrganizationRow {
  id: string;
  approvals: OrganizationApproval[];
  blocked: boolean;
}

/**
 * The registered organizations that hold at least one approval not revoked, with those approvals
 * and whether they are blocked now (only `ids` when given). One flat statement over the approvals,
 * grouped here: the map asks it on every request, so a blocking or a revocation shows at once.
 */
export async function listApprovedOrganizations(
  db: DbOrTx,
  ids?: readonly string[],
): Promise<ApprovedOrganizationRow[]> {
  if (ids && !ids.length) return [];
  const rows = await db
    .select({
      id: organizationApprovalsTable.organizationId,
      approval: organizationApprovalsTable.approval,
      blocked: sql<boolean>`${organizations.blockedAt} is not null`,
    })
    .from(organizationApprovalsTable)
    .innerJoin(organizations, eq(organizations.id, organizationApprovalsTable.organizationId))
    .where(
      and(
        isNull(organizationApprovalsTable.revokedAt),
        eq(organizations.status, 'registered'),
        ids ? inArray(organizationApprovalsTable.organizationId, [...ids]) : undefined,
      ),
    );
  const byId = new Map<string, ApprovedOrganizationRow>();
  for (const r of rows) {
    const organization = byId.get(r.id) ?? { id: r.id, approvals: [], blocked: r.blocked };
    organization.approvals.push(r.approval);
    byId.set(r.id, organization);
  }
  return [...byId.values()];
}

/**
 * What the map shows: the centers of `groups` (organizations whose approvals allow the same
 * services, each center shown when it offers one of them), narrowed by the filters.
 */
export interface MapScope {
  groups: readonly { organizationIds: readonly string[]; services: readonly CenterService[] }[];
  regionCode?: string;
  /** the center offers it (the groups hold only organizations allowed it) */
  service?: CenterService;
  /** «Открыто сейчас» at this instant */
  openAt?: { now: Date; minuteOfWeek: number };
  /** each must occur in the name or the address (lower case, «е» for «ё», no wildcards) */
  words?: readonly string[];
}

const sc = serviceCenters;

/** Open at the instant, from the multiranges the service writes (domain/center/hours.ts). */
function openAt(at: { now: Date; minuteOfWeek: number }): SQL {
  const now = at.now.toISOString();
  return sql`((${sc.weeklyOpenUtc} @> ${at.minuteOfWeek}::int and not ${sc.exceptionDays} @> ${now}::timestamptz) or ${sc.exceptionOpen} @> ${now}::timestamptz)`;
}

/** `%word%` for LIKE, the wildcards of what was typed taken literally. */
function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function scopeWhere(scope: MapScope): SQL {
  // No organization may show a center now: nothing to read.
  if (!scope.groups.length) return sql`false`;
  const groups = scope.groups.map(
    (g) =>
      sql`(${sc.organizationId} = any(${sql.param([...g.organizationIds])}::uuid[]) and ${sc.services} && ${sql.param([...g.services])}::text[])`,
  );
  const searchable = sql`translate(lower(${sc.name} || ' ' || ${sc.address}), 'ё', 'е')`;
  return and(
    eq(sc.status, 'active'),
    isNotNull(sc.lat),
    isNotNull(sc.lon),
    sql`(${sql.join(groups, sql` or `)})`,
    scope.regionCode ? eq(sc.regionCode, scope.regionCode) : undefined,
    scope.service ? sql`${scope.service}::text = any(${sc.services})` : undefined,
    scope.openAt ? openAt(scope.openAt) : undefined,
    ...(scope.words ?? []).map((w) => sql`${searchable} like ${containing(w)}`),
  )!;
}

/** The viewport; west > east is a view across the 180th meridian. */
function bboxWhere(bbox: MapBbox): SQL {
  const lon =
    bbox.west <= bbox.east
      ? sql`${sc.lon} between ${bbox.west} and ${bbox.east}`
      : sql`(${sc.lon} >= ${bbox.west} or ${sc.lon} <= ${bbox.east})`;
  return sql`${sc.lat} between ${bbox.south} and ${bbox.north} and ${lon}`;
}

export interface MapPointRow {
  id: string;
  organizationId: string;
  name: string;
  lat: number;
  lon: number;
  services: CenterService[];
  openNow: boolean;
}

/** At most `limit` centers in the viewport (the caller asks one more to learn there are too many). */
export function mapPointsQuery(
  db: DbOrTx,
  scope: MapScope,
  bbox: MapBbox,
  limit: number,
  now: { now: Date; minuteOfWeek: number },
) {
  return db
    .select({
      id: sc.id,
      organizationId: sc.organizationId,
      name: sc.name,
      lat: sql<number>`${sc.lat}`,
      lon: sql<number>`${sc.lon}`,
      services: sc.services,
      openNow: sql<boolean>`${openAt(now)}`,
    })
    .from(sc)
    .where(and(scopeWhere(scope), bboxWhere(bbox)))
    .limit(limit);
}

export async function listMapPoints(
  db: DbOrTx,
  scope: MapScope,
  bbox: MapBbox,
  limit: number,
  now: { now: Date; minuteOfWeek: number },
): Promise<MapPointRow[]> {
  return mapPointsQuery(db, scope, bbox, limit, now);
}

export interface MapClusterRow {
  count: number;
  lat: number;
  lon: number;
  /** the one center of a cell holding one */
  centerId: string | null;
}

/**
 * The centers in the viewport counted by the cells of a grid laid over Web Mercator (the map's
 * projection, so cells look square at any latitude), `cellsAcross` cells around the world; each
 * cell's count and mean point.
 */
export function mapClustersQuery(db: DbOrTx, scope: MapScope, bbox: MapBbox, cellsAcross: number) {
  // Mercator's y is infinite at the poles; the map stops at ±85.05° as Leaflet does.
  const mercatorY = sql`ln(tan(radians(45 + least(greatest(${sc.lat}, -85.05), 85.05) / 2)))`;
  const cx = sql`floor((${sc.lon} + 180) / 360 * ${cellsAcross}::float8)::int`;
  const cy = sql`floor((1 - ${mercatorY} / pi()) / 2 * ${cellsAcross}::float8)::int`;
  return db
    .select({
      count: sql<number>`count(*)::int`,
      lat: sql<number>`avg(${sc.lat})::float8`,
      lon: sql<number>`avg(${sc.lon})::float8`,
      centerId: sql<string | null>`case when count(*) = 1 then (array_agg(${sc.id}))[1] end`,
    })
    .from(sc)
    .where(and(scopeWhere(scope), bboxWhere(bbox)))
    .groupBy(cx, cy);
}

export async function listMapClusters(
  db: DbOrTx,
  scope: MapScope,
  bbox: MapBbox,
  cellsAcross: number,
): Promise<MapClusterRow[]> {
  return mapClustersQuery(db, scope, bbox, cellsAcross);
}

export interface MapListRow {
  id: string;
  organizationId: string;
  organizationShortName: string;
  name: string;
  regionCode: string;
  address: string;
  services: CenterService[];
  openNow: boolean;
}

/** Where a page of the list ends: the last center's name and id. */
export interface MapListCursor {
  name: string;
  id: string;
}

/** A page of the list by name (keyset on (name, id)), and how many centers the scope holds. */
export async function listMapCenters(
  db: DbOrTx,
  scope: MapScope,
  page: { after?: MapListCursor; limit: number },
  now: { now: Date; minuteOfWeek: number },
): Promise<{ rows: MapListRow[]; total: number }> {
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: sc.id,
        organizationId: sc.organizationId,
        organizationShortName: organizations.shortName,
        name: sc.name,
        regionCode: sc.regionCode,
        address: sc.address,
        services: sc.services,
        openNow: sql<boolean>`${openAt(now)}`,
      })
      .from(sc)
      .innerJoin(organizations, eq(organizations.id, sc.organizationId))
      .where(
        and(
          scopeWhere(scope),
          page.after
            ? sql`(${sc.name}, ${sc.id}) > (${page.after.name}::text, ${page.after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(sc.name), asc(sc.id))
      .limit(page.limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(sc)
      .where(scopeWhere(scope)),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

/** An active center with a point on the map, with its organization's short name; or undefined. */
export async function findActiveCenter(
  db: DbOrTx,
  centerId: string,
): Promise<(CenterRow & { organizationShortName: string }) | undefined> {
  const [row] = await db
    .select({ center: sc, organizationShortName: organizations.shortName })
    .from(sc)
    .innerJoin(organizations, eq(organizations.id, sc.organizationId))
    .where(and(eq(sc.id, centerId), eq(sc.status, 'active'), isNotNull(sc.lat), isNotNull(sc.lon)))
    .limit(1);
  return row && { ...row.center, organizationShortName: row.organizationShortName };
}
