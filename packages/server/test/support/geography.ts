import type { RegionCode } from '@openesia/contracts';
import type { Geography } from '../../src/services/center/geography.js';

/**
 * A small map of Russia for tests: a few regions as boxes of latitude and longitude (roughly
 * their extent), one time zone each. A point is in a region when it is in its box; a region
 * without a box holds every point of the country's box, so tests of other regions are not flagged.
 */
const boxes: Partial<
  Record<RegionCode, { south: number; west: number; north: number; east: number; zone: string }>
> = {
  '35': { south: 58.4, west: 34.7, north: 61.6, east: 47.2, zone: 'Europe/Moscow' },
  '41': { south: 50.8, west: 155.5, north: 62.3, east: 174.5, zone: 'Asia/Kamchatka' },
  '47': { south: 58.4, west: 27.8, north: 61.4, east: 35.7, zone: 'Europe/Moscow' },
  '77': { south: 55.1, west: 36.8, north: 56.0, east: 37.97, zone: 'Europe/Moscow' },
  '78': { south: 59.6, west: 29.4, north: 60.25, east: 30.8, zone: 'Europe/Moscow' },
};
const russia = { south: 41.1, west: 19.6, north: 82, east: 190 };

/** Degrees of latitude a kilometre spans, near enough for a tolerance band. */
const KM = 1 / 111;

function inBox(b: typeof russia, lat: number, lon: number, toleranceKm: number): boolean {
  const t = toleranceKm * KM;
  // the far east crosses 180°: its longitudes are read as 180-190
  const x = lon < 0 ? lon + 360 : lon;
  return lat >= b.south - t && lat <= b.north + t && x >= b.west - t * 2 && x <= b.east + t * 2;
}

export const testGeography: Geography = {
  isInRussia: (lat, lon, toleranceKm) => inBox(russia, lat, lon, toleranceKm),
  isInRegion: (code, lat, lon, toleranceKm) => inBox(boxes[code] ?? russia, lat, lon, toleranceKm),
  timeZonesOf: (code) => [boxes[code]?.zone ?? 'Europe/Moscow'],
};
