import {
  centerServices,
  regions,
  type CenterCounts,
  type CenterReportOrganizationRow,
  type CenterReportRegionRow,
  type CenterReportRowCounts,
  type CenterReportServiceRow,
  type CenterReportStatus,
  type CenterService,
  type CenterStatus,
  type OrganizationApproval,
} from '@openesia/contracts';
import { allowedServices } from '../organization/approvals.js';

/**
 * The centers' report (issue 11, item 4): centers counted by region, organization, status and
 * service from groups of like centers. Pure: the groups are counted by the repository.
 *
 * «На карте» is the public map's rule, asked of domain/organization/approvals.ts and never
 * restated: a center «Действующий» of an organization not blocked, with at least one service its
 * approvals allow now (under the service filter, that service). So a revoked Форма З takes a
 * center offering only «Подтверждение» off the map, and a blocking takes every center off it.
 */

/** Like centers: one organization, region, status and list of services, and how many. */
export interface CenterGroup {
  organizationId: string;
  regionCode: string;
  status: CenterStatus;
  services: readonly CenterService[];
  count: number;
  shortName: string;
  ogrn: string;
  blocked: boolean;
  approvals: readonly OrganizationApproval[];
}

export interface CenterTallyFilter {
  status?: CenterReportStatus;
  service?: CenterService;
}

/**
 * The services under which the public map shows a center now (under the service filter, that one
 * only); none: off the map.
 */
export function servicesOnMap(
  center: { status: CenterStatus; services: readonly CenterService[] },
  organization: { approvals: readonly OrganizationApproval[]; blocked: boolean },
  service?: CenterService,
): CenterService[] {
  if (center.status !== 'active') return [];
  const allowed = allowedServices({
    approvals: new Set(organization.approvals),
    blocked: organization.blocked,
  });
  return center.services.filter((s) => allowed.has(s) && (service === undefined || s === service));
}

const zeroServices = (): Record<CenterService, number> =>
  Object.fromEntries(centerServices.map((s) => [s, 0])) as Record<CenterService, number>;

const zeroCounts = (): CenterCounts => ({ total: 0, active: 0, inactive: 0, onMap: 0 });
const zeroRow = (): CenterReportRowCounts => ({ ...zeroCounts(), services: zeroServices() });

function add(counts: CenterCounts, status: CenterStatus, onMap: boolean, n: number) {
  counts.total += n;
  counts[status] += n;
  if (onMap) counts.onMap += n;
}

export interface CenterTally {
  totals: CenterCounts;
  byService: CenterReportServiceRow[];
  /** every region of the country, in the register's order, those without centers too */
  byRegion: CenterReportRegionRow[];
  /** the organizations with centers under the filter, by name */
  byOrganization: CenterReportOrganizationRow[];
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/**
 * The groups counted under the filter. The repository has already kept the status asked
 * («Действующий» for «На карте») and the centers offering the service; «На карте» keeps, of those,
 * the groups the map shows, and counts each under the services it is shown with.
 */
export function tallyCenters(groups: readonly CenterGroup[], filter: CenterTallyFilter = {}): CenterTally {
  const totals = zeroCounts();
  const services = new Map(centerServices.map((s) => [s, zeroCounts()]));
  const byRegion = new Map<string, { row: CenterReportRowCounts; organizations: Set<string> }>();
  const byOrganization = new Map<string, CenterReportOrganizationRow>();
  for (const g of groups) {
    if (filter.status && filter.status !== 'on_map' && g.status !== filter.status) continue;
    if (filter.service && !g.services.includes(filter.service)) continue;
    const shown = servicesOnMap(g, g, filter.service);
    const onMap = shown.length > 0;
    if (filter.status === 'on_map' && !onMap) continue;
    // under «На карте» a center counts under the services the map shows it with
    const offered = filter.status === 'on_map' ? shown : g.services;
    const allowed = new Set(servicesOnMap(g, g));

    add(totals, g.status, onMap, g.count);
    for (const s of offered) add(services.get(s)!, g.status, allowed.has(s), g.count);

    const region = byRegion.get(g.regionCode) ?? { row: zeroRow(), organizations: new Set<string>() };
    add(region.row, g.status, onMap, g.count);
    for (const s of offered) region.row.services[s] += g.count;
    region.organizations.add(g.organizationId);
    byRegion.set(g.regionCode, region);

    const organization = byOrganization.get(g.organizationId) ?? {
      organizationId: g.organizationId,
      shortName: g.shortName,
      ogrn: g.ogrn,
      blocked: g.blocked,
      ...zeroRow(),
    };
    add(organization, g.status, onMap, g.count);
    for (const s of offered) organization.services[s] += g.count;
    byOrganization.set(g.organizationId, organization);
  }
  return {
    totals,
    byService: centerServices.map((service) => ({ service, ...services.get(service)! })),
    byRegion: regions.map(([regionCode]) => {
      const r = byRegion.get(regionCode);
      return { regionCode, organizations: r?.organizations.size ?? 0, ...(r?.row ?? zeroRow()) };
    }),
    byOrganization: [...byOrganization.values()].sort(
      (a, b) =>
        collator.compare(a.shortName, b.shortName) ||
        (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0),
    ),
  };
}
