/**
 * @openesia/geo: the regions' outlines, cities and time zones for the service centers' map, offline.
 * Pure TypeScript for the server and the browser; the Node loader is `@openesia/geo/node`.
 */
export type { Bounds, LatLon, Position, PolygonCoordinates, RegionFeature, RegionOutlines } from './types.js';
export { distanceKm } from './distance.js';
export { regionIndex, defaultToleranceKm, type RegionIndex } from './regions.js';
export { cities, type City } from './cities.js';
