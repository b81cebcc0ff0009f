import type { LatLon, Position } from './types.js';

/** The mean Earth radius (IUGG), km. */
export const earthRadiusKm = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Any longitude as the outlines write it: [0, 360), so Chukotka east of 180° (-169.8 and 190.2 are
 * one place). Russia spans about 19°..191°, all inside that range.
 */
export const outlineLongitude = (lon: number) => ((lon % 360) + 360) % 360;

/**
 * The point of segment ab nearest to p, found on a plane tangent at p where a degree of longitude
 * is k = cos(latitude) degrees of latitude: exact enough at the scale of a border's segment.
 */
export function nearestOnSegment(p: Position, a: Position, b: Position, k: number): Position {
  const ax = (a[0] - p[0]) * k;
  const ay = a[1] - p[1];
  const dx = (b[0] - a[0]) * k;
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}
