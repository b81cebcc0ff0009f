/**
 * @openesia/geo: the regions' outlines, cities and time zones for the service centers' map, offline.
 * Pure TypeScript for the server and the browser; the Node loader is `@openesia/geo/node`.
 */
export type { Bounds, LatLon, Position, PolygonCoordinates, RegionFeature, RegionOutlines } from './types.js';
export { distanceKm } from './distance.js';
export { regionIndex, defaultToleranceKm, type RegionIndex } from './regions.js';
export { regionTimeZones } from './time-zones.js';
export { cities, type City } from './cities.js';

/**
 * What the map must credit (Leaflet's attribution is HTML): the outlines come from Natural Earth
 * (public domain, credit asked), the cities from GeoNames (CC BY 4.0, credit required).
 */
export const mapAttribution =
  'Границы регионов: <a href="https://www.naturalearthdata.com/">Natural Earth</a> · ' +
  'города: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)';
