import { cities, type RegionOutlines } from '@openesia/geo';
import L from 'leaflet';

/**
 * The map's base without internet (STACK.md: no tiles to fetch): a plain background, a graticule
 * every few degrees (finer as one zooms in), and the regions' outlines once they are loaded.
 */

/** The graticule's step in degrees for a zoom level: about four to eight lines across the view. */
function stepFor(zoom: number): number {
  if (zoom <= 3) return 10;
  if (zoom <= 4) return 5;
  if (zoom <= 6) return 2;
  if (zoom <= 8) return 0.5;
  if (zoom <= 10) return 0.1;
  return 0.02;
}

/** Redraws the graticule over the view on every move: lines outside it would cost for nothing. */
export function addGraticule(map: L.Map): void {
  const layer = L.layerGroup().addTo(map);
  const style: L.PolylineOptions = { color: '#9aa7b4', weight: 0.6, opacity: 0.7, interactive: false };
  const draw = () => {
    layer.clearLayers();
    const bounds = map.getBounds();
    const step = stepFor(map.getZoom());
    const south = Math.max(-85, Math.floor(bounds.getSouth() / step) * step);
    const north = Math.min(85, Math.ceil(bounds.getNorth() / step) * step);
    const west = Math.floor(bounds.getWest() / step) * step;
    const east = Math.ceil(bounds.getEast() / step) * step;
    for (let lat = south; lat <= north + 1e-9; lat += step)
      layer.addLayer(
        L.polyline(
          [
            [lat, west],
            [lat, east],
          ],
          style,
        ),
      );
    for (let lon = west; lon <= east + 1e-9; lon += step)
      layer.addLayer(
        L.polyline(
          [
            [south, lon],
            [north, lon],
          ],
          style,
        ),
      );
  };
  map.on('moveend zoomend resize', draw);
  draw();
}

/**
 * The regions' outlines (@openesia/geo's data/regions.json), loaded on demand: a large file the
 * form needs only with its map, kept once loaded.
 */
let outlines: Promise<RegionOutlines> | undefined;
export function loadRegionOutlines(): Promise<RegionOutlines> {
  outlines ??= import('@openesia/geo/data/regions.json').then((m) => m.default as RegionOutlines);
  return outlines;
}

/** About how wide a city's label is drawn (11 px text), with the gap from its dot. */
const labelWidth = (name: string) => 8 + name.length * 7;

/**
 * The cities as labelled dots: the regions' capitals from zoom 5, the other large cities from
 * zoom 7, so the view is never crowded. Not interactive: a click places the center's point.
 */
export function addCities(map: L.Map): void {
  const layer = L.layerGroup().addTo(map);
  const draw = () => {
    layer.clearLayers();
    const zoom = map.getZoom();
    if (zoom < 5) return;
    const bounds = map.getBounds();
    const width = map.getSize().x;
    for (const city of cities) {
      if (!city.capital && zoom < 7) continue;
      const at = drawnLatLng(city);
      if (!bounds.contains(at)) continue;
      const dot = L.circleMarker(at, {
        radius: city.capital ? 4 : 3,
        color: '#4a5562',
        weight: 1,
        fillColor: '#ffffff',
        fillOpacity: 1,
        interactive: false,
      }).addTo(layer);
      // a label that would run past the map's right edge is left out rather than cut
      if (map.latLngToContainerPoint(at).x + labelWidth(city.name) > width - 4) continue;
      dot.bindTooltip(city.name, {
        permanent: true,
        direction: 'right',
        offset: [4, 0],
        className: 'map-city-label',
        interactive: false,
      });
    }
  };
  map.on('zoomend moveend resize', draw);
  draw();
}

/**
 * A point as the API wants it (longitude in -180..180) from a click on a map that draws Chukotka
 * beyond 180°, rounded to six decimals (about 10 cm).
 */
export function pointOfClick(latlng: L.LatLng): { lat: number; lon: number } {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  let lon = latlng.lng;
  while (lon > 180) lon -= 360;
  while (lon < -180) lon += 360;
  return { lat: round(latlng.lat), lon: round(lon) };
}

/** Where the map draws a point: Chukotka's far east (west of -168°) beside the rest of it. */
export function drawnLatLng(point: { lat: number; lon: number }): L.LatLngTuple {
  return [point.lat, point.lon < -168 ? point.lon + 360 : point.lon];
}
