import type { GeocodeResult, RegionCode } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';

interface NominatimPlace {
  lat?: string;
  lon?: string;
  display_name?: string;
  addresstype?: string;
  type?: string;
}

const HOUSE_TYPES = new Set(['house', 'building', 'amenity', 'office', 'government', 'townhall']);
const STREET_TYPES = new Set(['road', 'street', 'residential', 'pedestrian', 'square', 'neighbourhood']);

/**
 * A Nominatim server (OpenStreetMap's geocoder; in production the operator's own instance, since
 * the public one allows one request a second): GET {base}/search?q=…&format=jsonv2&countrycodes=ru.
 * The region of each place is ours to decide (`regionAt`, from @openesia/geo's outlines), not
 * Nominatim's state name. Timeouts, network errors, 429 and 5xx: «Поиск адреса временно недоступен».
 */
export class NominatimGeocoder {
  constructor(
    private readonly baseUrl: string,
    private readonly regionAt: (lat: number, lon: number) => RegionCode | null,
    private readonly userAgent = 'OpenESIA technological portal',
  ) {}

  async search(address: string): Promise<GeocodeResult[]> {
    const url = new URL(`${this.baseUrl.replace(/\/$/, '')}/search`);
    url.search = new URLSearchParams({
      q: address,
      format: 'jsonv2',
      countrycodes: 'ru',
      'accept-language': 'ru',
      limit: '5',
    }).toString();
    let places: NominatimPlace[];
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/json', 'user-agent': this.userAgent },
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      places = (await res.json()) as NominatimPlace[];
      if (!Array.isArray(places)) throw new Error('not a list');
    } catch {
      throw new AppError('geocoder.unavailable');
    }
    return places.flatMap((p) => {
      const lat = Number(p.lat);
      const lon = Number(p.lon);
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || typeof p.display_name !== 'string') return [];
      const kind = p.addresstype ?? p.type ?? '';
      return [
        {
          label: p.display_name,
          location: { lat, lon },
          regionCode: this.regionAt(lat, lon),
          precision: HOUSE_TYPES.has(kind) ? 'house' : STREET_TYPES.has(kind) ? 'street' : 'city',
        } satisfies GeocodeResult,
      ];
    });
  }
}
