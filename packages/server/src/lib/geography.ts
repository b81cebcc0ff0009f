import type { RegionCode } from '@openesia/contracts';
import { cities, regionTimeZones, type City } from '@openesia/geo';
import { loadRegionIndex } from '@openesia/geo/node';

/**
 * What the server asks of the map of Russia (@openesia/geo: the regions' outlines, cities, time
 * zones, all shipped with the application): whether a point is in the country and in a region, a
 * region's time zones, and the cities the simulated geocoder knows. Read-only data, loaded once
 * per process at the first call.
 */
export interface Geography {
  isInRussia(lat: number, lon: number, toleranceKm: number): boolean;
  isInRegion(code: RegionCode, lat: number, lon: number, toleranceKm: number): boolean;
  /** the region whose outline holds the point, or null */
  regionAt(lat: number, lon: number): RegionCode | null;
  /** the IANA zones of the region, its capital's first */
  timeZonesOf(code: RegionCode): readonly [string, ...string[]];
  cities: readonly City[];
}

let loaded: Geography | undefined;

export function geography(): Geography {
  if (!loaded) {
    const index = loadRegionIndex();
    loaded = {
      isInRussia: (lat, lon, toleranceKm) => index.isInRussia(lat, lon, toleranceKm),
      isInRegion: (code, lat, lon, toleranceKm) => index.isInRegion(code, lat, lon, toleranceKm),
      regionAt: (lat, lon) => index.regionAt(lat, lon),
      timeZonesOf: (code) => regionTimeZones[code],
      cities,
    };
  }
  return loaded;
}
