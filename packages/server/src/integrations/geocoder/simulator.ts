import { createHash } from 'node:crypto';
import type { GeocodeResult, RegionCode } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { randomTransientFailure, simulatedDelay, type SimulationSettings } from '../simulation.js';

/** A city the simulated geocoder knows (@openesia/geo's cities: the capitals and large cities). */
export interface KnownCity {
  name: string;
  regionCode: RegionCode;
  lat: number;
  lon: number;
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/**
 * A geocoder that behaves like a real one without the internet: it recognises the cities of
 * @openesia/geo in the address (the longest name found, the hinted region's first), and places a
 * street and house at a point of their own near the city's centre, the same point for the same
 * street and house every time (a hash of the words), within about 4 km. An address naming no known
 * city finds nothing. It answers after a delay and fails now and then as configured
 * (SIMULATOR_DELAY_FACTOR, SIMULATOR_FAILURE_RATE), so the form is built for a slow or absent
 * geocoder.
 */
export class SimulatedGeocoder {
  private readonly cities: (KnownCity & { key: string })[];

  constructor(
    private readonly settings: SimulationSettings,
    cities: readonly KnownCity[],
  ) {
    // Longest names first: «Нижний Новгород» before «Новгород».
    this.cities = cities
      .map((c) => ({ ...c, key: fold(c.name) }))
      .sort((a, b) => b.key.length - a.key.length);
  }

  async search(address: string, regionHint?: RegionCode): Promise<GeocodeResult[]> {
    await simulatedDelay(this.settings, 150, 700);
    if (randomTransientFailure(this.settings)) throw new AppError('geocoder.unavailable');
    const text = fold(address);
    const found = this.cities.filter((c) =>
      new RegExp(`(^|[^а-яa-z])${escape(c.key)}([^а-яa-z]|$)`, 'u').test(text),
    );
    if (!found.length) return [];
    // The hinted region's cities first, then by the length of the name matched.
    const cities = [...found].sort(
      (a, b) => Number(b.regionCode === regionHint) - Number(a.regionCode === regionHint),
    );
    const rest = text
      .replace(/\b\d{6}\b/g, ' ')
      .replace(/[.,;:]/g, ' ')
      .split(/\s+/)
      .filter((w) => w && !cities.some((c) => c.key.split(' ').includes(w)));
    const street = rest.some((w) =>
      /^(ул|улица|пр-кт|проспект|пер|переулок|пл|площадь|ш|шоссе|наб|бульвар|б-р)$/.test(w),
    );
    const house = street && rest.some((w) => /^\d+[а-я]?(\/\d+)?$/.test(w));
    return cities.slice(0, 3).map((city) => {
      const precision = house ? 'house' : street ? 'street' : 'city';
      const offset = precision === 'city' ? [0, 0] : offsetFor(`${city.key}|${rest.join(' ')}`);
      const lat = round(city.lat + offset[0]!);
      const lon = round(city.lon + offset[1]! / Math.cos((city.lat * Math.PI) / 180));
      return {
        label: precision === 'city' ? `г. ${city.name}` : `г. ${city.name}, ${rest.join(' ')}`,
        location: { lat, lon },
        regionCode: city.regionCode,
        precision,
      };
    });
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** A fixed offset of up to ±0.035° (about 4 km) from the words of the street and house. */
function offsetFor(key: string): [number, number] {
  const digest = createHash('sha256').update(key).digest();
  const unit = (i: number) => digest.readUInt32BE(i) / 0xffffffff - 0.5;
  return [unit(0) * 0.07, unit(4) * 0.07];
}
