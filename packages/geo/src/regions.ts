import type { RegionCode } from '@openesia/contracts';
import { distanceKm, earthRadiusKm, nearestOnSegment, outlineLongitude } from './distance.js';
import type { Bounds, LatLon, PolygonCoordinates, Position, RegionOutlines } from './types.js';

/** [west, south, east, north] in the outlines' longitudes. */
type Box = [number, number, number, number];

interface Polygon {
  rings: Position[][];
  box: Box;
}

interface Region {
  code: RegionCode;
  polygons: Polygon[];
  box: Box;
}

/** Questions about the regions' outlines; build it once with {@link regionIndex}. */
export interface RegionIndex {
  /**
   * The region whose outline holds the point, or null: abroad, at sea, or in a sliver that the
   * simplified outlines leave along a coast or between two regions (ask {@link isInRegion} there).
   */
  regionAt(lat: number, lon: number): RegionCode | null;
  /**
   * Inside the region, or within toleranceKm of its border: the outlines are simplified (a vertex
   * every few kilometres), so a service center on a coast or by a border must not be refused.
   */
  isInRegion(code: RegionCode, lat: number, lon: number, toleranceKm?: number): boolean;
  /** Inside one of the regions or within toleranceKm of one. */
  isInRussia(lat: number, lon: number, toleranceKm?: number): boolean;
  /** Kilometres from the point to the region's outline, 0 inside. */
  distanceToRegionKm(code: RegionCode, lat: number, lon: number): number;
  /**
   * [[south, west], [north, east]] to fit a map to the region. Chukotka's east is about 191: Leaflet
   * takes longitudes past 180 and then shows the region whole.
   */
  regionBounds(code: RegionCode): Bounds;
  /** A point well inside the region's largest piece (away from its borders), for a label or a marker. */
  regionCenter(code: RegionCode): LatLon;
}

export const defaultToleranceKm = 5;

const kmPerDegree = (Math.PI / 180) * earthRadiusKm;

function boxOf(rings: Position[][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [lon, lat] of ring) {
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  return box;
}

const polygonOf = (coordinates: PolygonCoordinates): Polygon => ({
  rings: coordinates,
  box: boxOf(coordinates),
});

const inBox = ([west, south, east, north]: Box, lon: number, lat: number, marginLon = 0, marginLat = 0) =>
  lon >= west - marginLon && lon <= east + marginLon && lat >= south - marginLat && lat <= north + marginLat;

/** Even-odd rule over all rings, so a hole (Москва inside Московская область) is outside. */
function contains(polygon: Polygon, lon: number, lat: number): boolean {
  if (!inBox(polygon.box, lon, lat)) return false;
  let inside = false;
  for (const ring of polygon.rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

/**
 * The nearest point of the polygons' borders to p among those within limitKm, or undefined.
 * Squared distances on a plane tangent at p: exact enough to choose, the result is then measured
 * on the sphere.
 */
function nearestBorderPoint(polygons: Polygon[], p: Position, limitKm: number): Position | undefined {
  const k = Math.cos((p[1] * Math.PI) / 180);
  const marginLat = limitKm / kmPerDegree;
  const marginLon = marginLat / Math.max(k, 0.01);
  let best: Position | undefined;
  let bestD2 = (limitKm / kmPerDegree) ** 2;
  for (const polygon of polygons) {
    if (!inBox(polygon.box, p[0], p[1], marginLon, marginLat)) continue;
    for (const ring of polygon.rings)
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1];
        const b = ring[i];
        // Cheap rejection: the segment's box is farther than the best distance so far.
        const reach = Math.sqrt(bestD2);
        if (
          Math.min(a[1], b[1]) - p[1] > reach ||
          p[1] - Math.max(a[1], b[1]) > reach ||
          (Math.min(a[0], b[0]) - p[0]) * k > reach ||
          (p[0] - Math.max(a[0], b[0])) * k > reach
        )
          continue;
        const q = nearestOnSegment(p, a, b, k);
        const d2 = ((q[0] - p[0]) * k) ** 2 + (q[1] - p[1]) ** 2;
        if (d2 <= bestD2) {
          bestD2 = d2;
          best = q;
        }
      }
  }
  return best;
}

const pointKm = (p: Position, q: Position) => distanceKm({ lat: p[1], lon: p[0] }, { lat: q[1], lon: q[0] });

/** Only to compare the pieces of one region: degrees², longitudes shrunk at the piece's middle. */
function areaOf({ box, rings }: Polygon): number {
  const k = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  const ring = rings[0];
  let twice = 0;
  for (let i = 1; i < ring.length; i++)
    twice += (ring[i - 1][0] - ring[i][0]) * k * (ring[i - 1][1] + ring[i][1]);
  return Math.abs(twice / 2);
}

/**
 * The pole of inaccessibility, approximately: the point of a grid over the polygon that lies inside
 * and farthest from its border, then the same on a finer grid around it.
 */
function interiorPoint(full: Polygon): Position {
  // A coarse copy is enough to find the middle, and ten times quicker for the large regions.
  const coarse = (ring: Position[]) => {
    const stride = Math.ceil(ring.length / 300);
    return [...ring.filter((_, i) => i % stride === 0), ring[0]];
  };
  const polygon = polygonOf(full.rings.map(coarse));
  let [west, south, east, north] = polygon.box;
  let best: { p: Position; d: number } | undefined;
  const steps = 16;
  // No point of the polygon is farther from its border than its box is wide.
  const limitKm = (north - south) * kmPerDegree;
  for (let pass = 0; pass < 3; pass++) {
    const dLon = (east - west) / steps;
    const dLat = (north - south) / steps;
    for (let i = 0; i <= steps; i++)
      for (let j = 0; j <= steps; j++) {
        const p: Position = [west + i * dLon, south + j * dLat];
        if (!contains(polygon, p[0], p[1])) continue;
        const edge = nearestBorderPoint([polygon], p, limitKm);
        const d = edge ? pointKm(p, edge) : 0;
        if (!best || d > best.d) best = { p, d };
      }
    if (!best) break;
    [west, south, east, north] = [best.p[0] - dLon, best.p[1] - dLat, best.p[0] + dLon, best.p[1] + dLat];
  }
  // A sliver too thin for the grid: any of its vertices will do.
  return best?.p ?? full.rings[0][0];
}

/**
 * Indexes the outlines (data/regions.json, parsed): the server builds it once at start
 * (`@openesia/geo/node`), the web app after fetching the file.
 */
export function regionIndex(outlines: RegionOutlines): RegionIndex {
  const regions = new Map<RegionCode, Region>();
  for (const feature of outlines.features) {
    const polygons = feature.geometry.coordinates.map(polygonOf);
    regions.set(feature.properties.code, {
      code: feature.properties.code,
      polygons,
      box: boxOf(polygons.flatMap((polygon) => polygon.rings)),
    });
  }
  const all = [...regions.values()];
  const centers = new Map<RegionCode, LatLon>();

  const region = (code: RegionCode): Region => {
    const found = regions.get(code);
    if (!found) throw new Error(`no outline for region ${code}`);
    return found;
  };
  const valid = (lat: number, lon: number) =>
    Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90;

  const distanceTo = (r: Region, p: Position, limitKm: number): number => {
    if (r.polygons.some((polygon) => contains(polygon, p[0], p[1]))) return 0;
    const edge = nearestBorderPoint(r.polygons, p, limitKm);
    return edge ? pointKm(p, edge) : Infinity;
  };

  const index: RegionIndex = {
    regionAt(lat, lon) {
      if (!valid(lat, lon)) return null;
      const x = outlineLongitude(lon);
      for (const r of all)
        if (inBox(r.box, x, lat) && r.polygons.some((polygon) => contains(polygon, x, lat))) return r.code;
      return null;
    },

    isInRegion(code, lat, lon, toleranceKm = defaultToleranceKm) {
      if (!valid(lat, lon)) return false;
      return distanceTo(region(code), [outlineLongitude(lon), lat], toleranceKm) <= toleranceKm;
    },

    isInRussia(lat, lon, toleranceKm = defaultToleranceKm) {
      if (!valid(lat, lon)) return false;
      if (index.regionAt(lat, lon)) return true;
      const p: Position = [outlineLongitude(lon), lat];
      return all.some((r) => distanceTo(r, p, toleranceKm) <= toleranceKm);
    },

    distanceToRegionKm(code, lat, lon) {
      if (!valid(lat, lon)) return NaN;
      return distanceTo(region(code), [outlineLongitude(lon), lat], 40_000);
    },

    regionBounds(code) {
      const [west, south, east, north] = region(code).box;
      return [
        [south, west],
        [north, east],
      ];
    },

    regionCenter(code) {
      const cached = centers.get(code);
      if (cached) return cached;
      const largest = region(code).polygons.reduce((a, b) => (areaOf(b) > areaOf(a) ? b : a));
      const [lon, lat] = interiorPoint(largest);
      const center = { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
      centers.set(code, center);
      return center;
    },
  };
  return index;
}
