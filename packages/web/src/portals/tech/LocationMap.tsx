import 'leaflet/dist/leaflet.css';
import './map.css';
import { Box } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { mapAttribution, type RegionOutlines } from '@openesia/geo';
import { addCities, addGraticule, drawnLatLng, loadRegionOutlines, pointOfClick } from './baseLayer';

export interface Point {
  lat: number;
  lon: number;
}

/** Russia as a whole, before a region or a point says where to look. */
const RUSSIA: L.LatLngBoundsExpression = [
  [41, 19],
  [78, 191],
];

const markerIcon = L.divIcon({
  className: 'center-marker',
  html: '<svg viewBox="0 0 24 36" width="28" height="42" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 24 12 24s12-15 12-24C24 5.4 18.6 0 12 0z" fill="#0b5cad" stroke="#fff" stroke-width="1.5"/><circle cx="12" cy="12" r="4.5" fill="#fff"/></svg>',
  iconSize: [28, 42],
  iconAnchor: [14, 42],
});

/**
 * The map of the center form (Leaflet used directly: STACK.md): a click or a drag of the marker
 * sets the point; the coordinates' inputs beside it say the same and can be typed instead, which is
 * also the way for a keyboard or a screen reader. The selected region is outlined when the outlines
 * are available; the view goes to the point, else to the region.
 */
export function LocationMap({
  point,
  regionCode,
  onPick,
  label,
}: {
  point: Point | null;
  regionCode: string;
  onPick(point: Point): void;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const regions = useRef<{ layer: L.GeoJSON; byCode: Map<string, L.Layer> } | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const current = useRef({ point, regionCode });
  current.current = { point, regionCode };

  useEffect(() => {
    const m = L.map(container.current!, {
      zoomControl: false,
      attributionControl: false,
      minZoom: 2,
      maxZoom: 16,
      zoomSnap: 0.5,
    });
    L.control.zoom({ zoomInTitle: 'Приблизить', zoomOutTitle: 'Отдалить' }).addTo(m);
    L.control.attribution({ prefix: false }).addAttribution(mapAttribution).addTo(m);
    // a point already set is shown among its neighbours (cities are labelled from zoom 7)
    if (current.current.point) m.setView(drawnLatLng(current.current.point), 9);
    else m.fitBounds(RUSSIA);
    addGraticule(m);
    m.on('click', (e: L.LeafletMouseEvent) => pick.current(pointOfClick(e.latlng)));
    map.current = m;
    let cancelled = false;
    addCities(m);
    void loadRegionOutlines().then((outlines) => {
      if (cancelled) return;
      regions.current = drawRegions(m, outlines);
      highlight(current.current.regionCode);
      if (!current.current.point) fitRegion(current.current.regionCode);
    });
    return () => {
      cancelled = true;
      m.remove();
      map.current = null;
      marker.current = null;
      regions.current = null;
    };
  }, []);

  // the marker follows the point, wherever it was set from (a click, a drag, the inputs, the geocoder)
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!point) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = drawnLatLng(point);
    if (!marker.current) {
      marker.current = L.marker(at, {
        icon: markerIcon,
        draggable: true,
        keyboard: true,
        title: 'Точка центра обслуживания',
        alt: 'Точка центра обслуживания',
      }).addTo(m);
      marker.current.on('dragend', () => pick.current(pointOfClick(marker.current!.getLatLng())));
    } else marker.current.setLatLng(at);
    if (!m.getBounds().pad(-0.1).contains(at)) m.setView(at, Math.max(m.getZoom(), 9));
  }, [point?.lat, point?.lon]); // eslint-disable-line react-hooks/exhaustive-deps -- the point by value, not by object

  useEffect(() => {
    highlight(regionCode);
    if (!current.current.point) fitRegion(regionCode);
  }, [regionCode]);

  function highlight(code: string) {
    regions.current?.layer.setStyle((feature) => regionStyle(feature?.properties?.code === code));
  }

  function fitRegion(code: string) {
    const layer = regions.current?.byCode.get(code) as L.Polygon | undefined;
    if (layer && map.current) map.current.fitBounds(layer.getBounds(), { maxZoom: 9 });
  }

  return (
    <Box
      ref={container}
      h={{ base: 280, sm: 360 }}
      w="100%"
      bg="#e6eef5"
      role="region"
      aria-label={label}
      style={{ borderRadius: 'var(--mantine-radius-sm)', zIndex: 0 }}
      data-testid="location-map"
    />
  );
}

function regionStyle(selected: boolean): L.PathOptions {
  return selected
    ? { color: '#0b5cad', weight: 2, fillColor: '#fffdf5', fillOpacity: 1 }
    : { color: '#8a97a6', weight: 0.8, fillColor: '#f3f1ea', fillOpacity: 1 };
}

function drawRegions(map: L.Map, outlines: RegionOutlines) {
  const byCode = new Map<string, L.Layer>();
  const layer = L.geoJSON(outlines as GeoJSON.FeatureCollection, {
    // clicks fall through to the map, which sets the point
    interactive: false,
    style: () => regionStyle(false),
    onEachFeature: (feature, l) => byCode.set(String(feature.properties?.code), l),
  }).addTo(map);
  layer.bringToBack();
  return { layer, byCode };
}
