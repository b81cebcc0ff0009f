import type { RegionCode } from '@openesia/contracts';

/**
 * What the centers' use-cases ask of the map of Russia (@openesia/geo, loaded once at start by the
 * composition root): whether a point is in the country and in a region, and a region's time zones.
 */
export interface Geography {
  isInRussia(lat: number, lon: number, toleranceKm: number): boolean;
  isInRegion(code: RegionCode, lat: number, lon: number, toleranceKm: number): boolean;
  /** the IANA zones of the region, its capital's first */
  timeZonesOf(code: RegionCode): readonly [string, ...string[]];
}

/**
 * Until the composition root loads @openesia/geo: every question fails loudly, so nothing that
 * needs the map answers as if a point were in its region.
 */
export const geographyNotLoaded: Geography = {
  isInRussia: notLoaded,
  isInRegion: notLoaded,
  timeZonesOf: notLoaded,
};

function notLoaded(): never {
  throw new Error('the map of Russia (@openesia/geo) is not loaded by the composition root');
}
