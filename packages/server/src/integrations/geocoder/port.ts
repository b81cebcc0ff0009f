import type { GeocodeResult, RegionCode } from '@openesia/contracts';

/**
 * A geocoder: the points an address may mean («Найти по адресу» on the center's form), best first.
 * An empty list is an answer (nothing found); a geocoder that cannot answer now throws
 * AppError('geocoder.unavailable'), and the officer picks the point on the map instead.
 */
export interface GeocoderPort {
  search(address: string, regionHint?: RegionCode): Promise<GeocodeResult[]>;
}
