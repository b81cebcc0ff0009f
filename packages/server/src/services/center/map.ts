import {
  centerServices,
  type CenterService,
  type MapFilters,
  type MapList,
  type MapSettings,
  type MapViewport,
  type PublicCenter,
  type mapListQuerySchema,
  type mapViewportQuerySchema,
} from '@openesia/contracts';
import type { z } from 'zod';
import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import { isOpenAt, localTime, utcMinuteOfWeek } from '../../domain/center/hours.js';
import { allowedServices } from '../../domain/organization/approvals.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError } from '../../lib/errors.js';
import {
  findActiveCenter,
  listApprovedOrganizations,
  listMapCenters,
  listMapClusters,
  listMapPoints,
  type ApprovedOrganizationRow,
  type MapListCursor,
  type MapScope,
} from '../../repositories/center/map.js';

/** More centers than this in view and the server answers with its grid of clusters instead. */
export const MAP_MAX_POINTS = 1000;
/** The grid's cell, in screen pixels at the zoom asked (a cluster marker is about 40 px wide). */
export const MAP_CELL_PIXELS = 64;
/** Words of a search taken: a person types a street and a house, not a paragraph. */
const MAX_SEARCH_WORDS = 8;

/** The services an organization's centers are shown with now. */
interface ShownOrganization {
  allowed: ReadonlySet<CenterService>;
}

/** The center's services that the organization's approvals allow, in the contract's order. */
function shownServices(own: readonly CenterService[], allowed: ReadonlySet<CenterService>): CenterService[] {
  return centerServices.filter((s) => own.includes(s) && allowed.has(s));
}

/** Each word typed, lower case, «е» for «ё» (the SQL folds the text searched the same way). */
export function searchWords(q: string | undefined): string[] | undefined {
  if (!q) return undefined;
  const words = q
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s,.;:«»"'()]+/u)
    .filter(Boolean);
  return words.length ? words.slice(0, MAX_SEARCH_WORDS) : undefined;
}

function encodeCursor(cursor: MapListCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): MapListCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof name === 'string' &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id) &&
      !name.includes('\0')
    )
      return { name, id };
  } catch {
    // not JSON: refused below
  }
  throw fieldError('cursor', 'cursor.invalid');
}

interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
}

/**
 * «Карта центров обслуживания» (/public/ra; issue 11, item 3): anyone, without signing in, sees the
 * active centers of organizations that are not blocked, each with the services the organization's
 * approvals allow now (`allowedServices`, asked on every read: a blocking or a revocation takes a
 * center off the map at once); a center none of whose services is allowed is not shown. Filters by
 * region, service, «Открыто сейчас» (from the hours in the center's zone) and words of the name or
 * address; a viewport answers points, or a grid of clusters when too many are in view.
 */
export class CenterMapService {
  constructor(private readonly deps: Deps) {}

  /** The tile server of the configuration, if any: the page draws the shipped outlines without one. */
  settings(actor: Actor): MapSettings {
    assertAllowed(actor, 'center.read_public');
    return { tileUrl: this.deps.config.map.tileUrl, tileAttribution: this.deps.config.map.tileAttribution };
  }

  /**
   * The grid first: one pass over the rows in view, which at the country's zoom is every center.
   * Only when it counts few enough are the points read, a second pass over those few rows.
   */
  async viewport(actor: Actor, query: z.output<typeof mapViewportQuerySchema>): Promise<MapViewport> {
    assertAllowed(actor, 'center.read_public');
    const now = this.now();
    const { scope, shown } = await this.scope(query, now);
    const cellsAcross = (2 ** query.zoom * 256) / MAP_CELL_PIXELS;
    const clusters = await listMapClusters(this.deps.db, scope, query.bbox, cellsAcross);
    const total = clusters.reduce((sum, c) => sum + c.count, 0);
    if (total > MAP_MAX_POINTS)
      return {
        kind: 'clusters',
        clusters: clusters.map((c) => ({ lat: c.lat, lon: c.lon, count: c.count, centerId: c.centerId })),
        total,
      };
    // MAX + 1: a center activated between the two statements still cannot make the answer unbounded
    const points = await listMapPoints(this.deps.db, scope, query.bbox, MAP_MAX_POINTS + 1, now);
    return {
      kind: 'points',
      points: points.slice(0, MAP_MAX_POINTS).map((p) => ({
        id: p.id,
        name: p.name,
        lat: p.lat,
        lon: p.lon,
        services: shownServices(p.services, shown.get(p.organizationId)?.allowed ?? new Set()),
        openNow: p.openNow,
      })),
    };
  }

  /** «Списком»: by name, a page at a time, for a screen reader and a phone. */
  async list(actor: Actor, query: z.output<typeof mapListQuerySchema>): Promise<MapList> {
    assertAllowed(actor, 'center.read_public');
    const after = decodeCursor(query.cursor);
    const now = this.now();
    const { scope, shown } = await this.scope(query, now);
    const { rows, total } = await listMapCenters(this.deps.db, scope, { after, limit: query.limit + 1 }, now);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      centers: page.map((r) => {
        const allowed = shown.get(r.organizationId)?.allowed ?? new Set<CenterService>();
        return {
          id: r.id,
          name: r.name,
          organizationShortName: r.organizationShortName,
          regionCode: r.regionCode,
          address: r.address,
          services: shownServices(r.services, allowed),
          openNow: r.openNow,
        };
      }),
      total,
      nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
    };
  }

  /** The card: an active center of an organization whose approvals allow one of its services now. */
  async card(actor: Actor, centerId: string): Promise<PublicCenter> {
    assertAllowed(actor, 'center.read_public');
    const { db } = this.deps;
    const center = await findActiveCenter(db, centerId);
    const [organization] = center ? await listApprovedOrganizations(db, [center.organizationId]) : [];
    const services = organization ? shownServices(center!.services, allowedNow(organization)) : [];
    if (!center || !organization || !services.length || center.lat === null || center.lon === null)
      throw new AppError('map.center_not_found');
    const now = this.deps.clock.now();
    const today = localTime(now, center.timeZone).date;
    return {
      id: center.id,
      name: center.name,
      organizationId: organization.id,
      organizationShortName: center.organizationShortName,
      regionCode: center.regionCode,
      address: center.address,
      location: { lat: center.lat, lon: center.lon },
      timeZone: center.timeZone,
      hours: {
        weekly: center.hours.weekly,
        // the days to come, in the center's own calendar: a past holiday tells a visitor nothing
        exceptions: center.hours.exceptions
          .filter((e) => e.date >= today)
          .sort((a, b) => a.date.localeCompare(b.date)),
      },
      phone: center.phone,
      email: center.email,
      directions: center.directions,
      accessibility: center.accessibility,
      services,
      openNow: isOpenAt(center.hours, center.timeZone, now),
    };
  }

  private now(): { now: Date; minuteOfWeek: number } {
    const now = this.deps.clock.now();
    return { now, minuteOfWeek: utcMinuteOfWeek(now) };
  }

  /** The organizations whose centers may be shown now, and the filters as the repository takes them. */
  private async scope(
    filters: MapFilters,
    now: { now: Date; minuteOfWeek: number },
  ): Promise<{ scope: MapScope; shown: Map<string, ShownOrganization> }> {
    const { groups, shown } = groupByAllowedServices(
      await listApprovedOrganizations(this.deps.db),
      filters.service,
    );
    return {
      shown,
      scope: {
        groups,
        regionCode: filters.regionCode,
        service: filters.service,
        openAt: filters.openNow ? now : undefined,
        words: searchWords(filters.q),
      },
    };
  }
}

/** What the organization's approvals allow its centers now, blocked or not (approvals.ts decides). */
function allowedNow(organization: ApprovedOrganizationRow): Set<CenterService> {
  return allowedServices({ approvals: new Set(organization.approvals), blocked: organization.blocked });
}

/**
 * The organizations grouped by the services `allowedServices` gives them now (a handful of groups:
 * Форма З alone, or with Форма И), those allowed none left out, and with `service` only those
 * allowed it: the repository shows a center of a group when it offers one of the group's services.
 */
export function groupByAllowedServices(
  organizations: readonly ApprovedOrganizationRow[],
  service?: CenterService,
): { groups: MapScope['groups']; shown: Map<string, ShownOrganization> } {
  const shown = new Map<string, ShownOrganization>();
  const groups = new Map<string, { organizationIds: string[]; services: CenterService[] }>();
  for (const organization of organizations) {
    const allowed = allowedServices({
      approvals: new Set(organization.approvals),
      blocked: organization.blocked,
    });
    if (!allowed.size || (service && !allowed.has(service))) continue;
    shown.set(organization.id, { allowed });
    const services = centerServices.filter((s) => allowed.has(s));
    const key = services.join(',');
    const group = groups.get(key) ?? { organizationIds: [], services };
    group.organizationIds.push(organization.id);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], shown };
}
