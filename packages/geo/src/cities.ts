import type { RegionCode } from '@openesia/contracts';
import data from '../data/cities.json' with { type: 'json' };

/** A city to label on the base map (data/cities.json, built by scripts/build-cities.ts). */
export interface City {
  /** in Russian */
  name: string;
  regionCode: RegionCode;
  lat: number;
  lon: number;
  /** as GeoNames gives it (censuses and estimates of about 2010–2019): to rank labels, not a statistic */
  population: number;
  /** the region's administrative centre */
  capital: boolean;
}

/** The regions' capitals and the cities of 100,000 inhabitants or more, largest first. */
export const cities = data as City[];
