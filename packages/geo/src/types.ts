import type { RegionCode } from '@openesia/contracts';

/** [longitude, latitude], as GeoJSON writes them. */
export type Position = [number, number];

/** A polygon: its outer ring, then its holes; each ring closed (last position = first). */
export type PolygonCoordinates = Position[][];

export interface RegionFeature {
  type: 'Feature';
  properties: { code: RegionCode; name: string };
  geometry: { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] };
}

/**
 * data/regions.json: one MultiPolygon per region. Longitudes east of 180° stay above 180 (Chukotka
 * reaches about 191), so every outline is one piece that Leaflet draws whole; the functions accept
 * ordinary longitudes (-180..180) as well.
 */
export interface RegionOutlines {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** [[south, west], [north, east]]: Leaflet's LatLngBoundsExpression. */
export type Bounds = [[number, number], [number, number]];
