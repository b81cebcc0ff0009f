import 'leaflet/dist/leaflet.css';
import './map.css';
import { Group, Loader, Text } from '@mantine/core';
import type { MapPoint, MapViewport } from '@openesia/contracts';
import type { City, RegionOutlines } from '@openesia/geo';
import cityList from '@openesia/geo/data/cities.json';
import regionsUrl from '@openesia/geo/data/regions.json?url';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import Supercluster from 'supercluster';
import { useMapSettings, useViewport, type MapFilterValues } from './api';
import { centersCount } from './texts';

/** Russia in the map's longitudes: Chukotka runs on past 180° to 191°, as the outlines draw it. */
const RUSSIA: L.LatLngBoundsLiteral = [
  [41.2, 19.6],
  [77.8, 191],
];
const MIN_ZOOM = 1;
const MAX_ZOOM = 18;
/** Longitudes west of 0 are Chukotka's east of 180°: drawn at lon + 360, beside the rest of it. */
const displayLon = (lon: number) => (lon < 0 ? lon + 360 : lon);

const cities = cityList as City[];

/** The outlines (0.9 MB), fetched once per page load and cached by the browser as a hashed asset. */
let outlinesPromise: Promise<RegionOutlines> | null = null;
function loadOutlines(): Promise<RegionOutlines> {
  outlinesPromise ??= fetch(regionsUrl).then((r) => {
    if (!r.ok) throw new Error(`regions.json: ${r.status}`);
    return r.json() as Promise<RegionOutlines>;
  });
  return outlinesPromise;
}

/**
 * A first view of a region before its outline has loaded: around its cities (the capital and those
 * of 100,000 people, shipped in the page's code); the outline then fits it exactly.
 */
function citiesBounds(code: string): L.LatLngBounds | null {
  const own = cities.filter((c) => c.regionCode === code);
  if (!own.length) return null;
  return L.latLngBounds(own.map((c) => [c.lat, displayLon(c.lon)] as [number, number])).pad(0.5);
}

/** Resolves once: the first centers drawn, after which the outlines may take the main thread. */
function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Text in an element, never HTML: names come from what organizations typed. */
function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function pointIcon(selected: boolean): L.DivIcon {
  return L.divIcon({
    className: `map-pin${selected ? ' map-pin--selected' : ''}`,
    html: '',
    iconSize: selected ? [28, 28] : [22, 22],
  });
}

function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 46 : 54;
  // the marker's aria-label says it in words; the digits are for the eye
  const html = element('span', '', count.toLocaleString('ru-RU'));
  html.setAttribute('aria-hidden', 'true');
  return L.divIcon({ className: 'map-cluster', html, iconSize: [size, size] });
}

/**
 * A marker as a named button: Leaflet makes it focusable with role="button" (keyboard: true, Enter
 * clicks it); the name is an aria-label, not hidden text, which would stick out of the map.
 */
function named(marker: L.Marker, label: string): L.Marker {
  marker.on('add', () => marker.getElement()?.setAttribute('aria-label', label));
  return marker;
}

interface Props {
  filters: MapFilterValues;
  selectedId: string | null;
  onSelect(centerId: string): void;
  /** a center opened by a link (`?center=`): the map starts at it, close enough to see it alone */
  startAt?: { lat: number; lon: number } | null;
}

/**
 * The map itself: Leaflet used directly (STACK.md: react-leaflet's licence is not an open one),
 * over the regions' outlines and cities shipped with the application (no internet needed) and,
 * when configured, a tile server. The centers in view come from the server as points, clustered
 * here by supercluster, or as the server's own grid of clusters when too many are in view.
 */
export function CenterMap({ filters, selectedId, onSelect, startAt = null }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const regionLayers = useRef<Map<string, L.Path & { getBounds(): L.LatLngBounds }>>(new Map());
  const [outlinesReady, setOutlinesReady] = useState(false);
  const [view, setView] = useState<{ bbox: string; zoom: number; bounds: L.LatLngBounds } | null>(null);
  const settings = useMapSettings();
  const viewport = useViewport(view && { bbox: view.bbox, zoom: view.zoom }, filters);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const initialRegion = useRef(filters.regionCode);
  const startedAt = useRef(false);
  const centersDrawn = useRef(deferred());
  const shownRegion = useRef<string | null>(null);

  // The map, once: its panes, the cities' labels and the outlines' layer.
  useEffect(() => {
    const layersByRegion = regionLayers.current;
    const map = L.map(container.current!, {
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      // quarter steps: the whole country fits a phone's width (1.5), not only a laptop's (3)
      zoomSnap: 0.25,
      maxBounds: [
        [20, -20],
        [86, 240],
      ],
      maxBoundsViscosity: 0.8,
    });
    mapRef.current = map;
    map.attributionControl.setPrefix('Leaflet');
    map.createPane('regions').style.zIndex = '250';
    const citiesPane = map.createPane('cities');
    citiesPane.style.zIndex = '450';
    citiesPane.style.pointerEvents = 'none';
    markers.current = L.layerGroup().addTo(map);
    const cityLabels = L.layerGroup([], { pane: 'cities' }).addTo(map);

    const report = () => {
      const b = map.getBounds();
      const bbox = [Math.max(-90, b.getSouth()), b.getWest(), Math.min(90, b.getNorth()), b.getEast()]
        .map((v) => v.toFixed(4))
        .join(',');
      // the server's grid and supercluster take whole zoom levels
      setView({ bbox, zoom: Math.min(MAX_ZOOM, Math.max(0, Math.round(map.getZoom()))), bounds: b });
    };
    /**
     * The cities' names, largest first, each only where it overlaps no label already placed, so a
     * zoomed-out map names Moscow and Novosibirsk rather than a heap of overprinted words.
     */
    const placeLabels = () => {
      cityLabels.clearLayers();
      const taken: { x1: number; y1: number; x2: number; y2: number }[] = [];
      const size = map.getSize();
      for (const city of cities) {
        const latlng = L.latLng(city.lat, displayLon(city.lon));
        const p = map.latLngToContainerPoint(latlng);
        const box = { x1: p.x - 4, y1: p.y - 10, x2: p.x + 12 + city.name.length * 7.5, y2: p.y + 10 };
        // a name the map's edge would cut is left out, not shown in part
        if (box.x1 < 0 || box.y1 < 0 || box.x2 > size.x || box.y2 > size.y) continue;
        if (taken.some((t) => box.x1 < t.x2 && box.x2 > t.x1 && box.y1 < t.y2 && box.y2 > t.y1)) continue;
        taken.push(box);
        const label = element('span', `map-city${city.capital ? ' map-city--capital' : ''}`, city.name);
        cityLabels.addLayer(
          L.marker(latlng, {
            pane: 'cities',
            interactive: false,
            keyboard: false,
            icon: L.divIcon({ className: 'map-city-anchor', html: label, iconSize: [6, 6] }),
          }),
        );
      }
    };
    // The card opening beside the map narrows it: Leaflet is told its new size.
    const resized = new ResizeObserver(() => map.invalidateSize());
    resized.observe(container.current!);
    map.on('moveend', () => {
      report();
      placeLabels();
    });
    // A region asked for in the address: around its cities at first, its outline when it has come.
    const around = initialRegion.current ? citiesBounds(initialRegion.current) : null;
    map.fitBounds(around ?? RUSSIA, { maxZoom: 8 });

    let live = true;
    // The outlines are fetched at once but drawn after the first centers are on the screen (or
    // after 1.5 s): drawing 89 outlines holds the main thread for a moment, and the centers come first.
    const centersFirst = Promise.race([
      centersDrawn.current.promise.then(
        () => new Promise<void>((painted) => requestAnimationFrame(() => setTimeout(painted))),
      ),
      new Promise<void>((later) => setTimeout(later, 1500)),
    ]);
    Promise.all([loadOutlines(), centersFirst])
      .then(([outlines]) => {
        if (!live) return;
        L.geoJSON(outlines as unknown as GeoJSON.FeatureCollection, {
          pane: 'regions',
          interactive: false,
          attribution: 'Границы регионов: Natural Earth; города: GeoNames (CC BY 4.0)',
          style: { color: '#7d8a99', weight: 1, fillColor: '#ffffff', fillOpacity: 1 },
          onEachFeature: (feature, layer) =>
            layersByRegion.set(
              (feature.properties as { code: string }).code,
              layer as L.Path & { getBounds(): L.LatLngBounds },
            ),
        }).addTo(map);
        setOutlinesReady(true);
      })
      .catch(() => {
        // Without the outlines the centers are still shown, around the region's cities.
      });
    return () => {
      live = false;
      resized.disconnect();
      map.remove();
      mapRef.current = null;
      layersByRegion.clear();
      // a new map (React's second mount in development) starts over
      startedAt.current = false;
      shownRegion.current = null;
      setOutlinesReady(false);
    };
  }, []);

  // Tiles from the configured server, under the outlines, which then stay only as borders.
  useEffect(() => {
    const map = mapRef.current;
    const tileUrl = settings.data?.tileUrl;
    if (!map || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, {
      maxZoom: MAX_ZOOM,
      attribution: settings.data?.tileAttribution
        ? element('span', '', settings.data.tileAttribution).innerHTML
        : undefined,
    }).addTo(map);
    for (const layer of regionLayers.current.values()) layer.setStyle({ fillOpacity: 0 });
    return () => {
      tiles.remove();
    };
  }, [settings.data, outlinesReady]);

  // A center opened by a link: the first view is at it, not the region's or the country's.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !startAt || startedAt.current) return;
    startedAt.current = true;
    map.setView([startAt.lat, displayLon(startAt.lon)], 14);
  }, [startAt]);

  // The region chosen: its outline marked and in view; none chosen again: the whole country.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !outlinesReady) return;
    const tiles = !!settings.data?.tileUrl;
    for (const [code, layer] of regionLayers.current)
      layer.setStyle(
        code === filters.regionCode
          ? { color: '#0d4cd3', weight: 2.5, fillOpacity: tiles ? 0 : 1 }
          : { color: '#7d8a99', weight: 1, fillOpacity: tiles ? 0 : 1 },
      );
    const chosen = filters.regionCode ? regionLayers.current.get(filters.regionCode) : undefined;
    // the region of the address is not fitted over a center the link opened at
    const keepStart =
      startedAt.current && filters.regionCode === initialRegion.current && !shownRegion.current;
    if (chosen) {
      chosen.bringToFront();
      if (!keepStart) map.fitBounds(chosen.getBounds(), { padding: [16, 16] });
    } else if (shownRegion.current) map.fitBounds(RUSSIA);
    shownRegion.current = filters.regionCode;
  }, [filters.regionCode, outlinesReady, settings.data]);

  // Points are clustered here, by supercluster; the server's clusters are drawn as they come.
  const pointIndex = useMemo(() => {
    const data = viewport.data;
    if (!data || data.kind !== 'points') return null;
    const index = new Supercluster<MapPoint>({ radius: 56, maxZoom: 16 });
    index.load(
      data.points.map((p) => ({
        type: 'Feature' as const,
        properties: p,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      })),
    );
    return index;
  }, [viewport.data]);

  useEffect(() => {
    const map = mapRef.current;
    const layer = markers.current;
    const data: MapViewport | undefined = viewport.data;
    if (!map || !layer || !view || !data) return;
    layer.clearLayers();
    const zoomTo = (lat: number, lon: number, zoom: number) =>
      map.setView([lat, displayLon(lon)], Math.min(Math.max(zoom, map.getZoom() + 1), MAX_ZOOM));
    const addPoint = (id: string, name: string, lat: number, lon: number) =>
      layer.addLayer(
        named(
          L.marker([lat, displayLon(lon)], {
            icon: pointIcon(id === selectedId),
            title: name,
            riseOnHover: true,
            zIndexOffset: id === selectedId ? 1000 : 0,
          }),
          name,
        ).on('click', () => selectRef.current(id)),
      );
    const addCluster = (lat: number, lon: number, count: number, expand: () => void) => {
      const label = `${centersCount(count)}: приблизить`;
      layer.addLayer(
        named(L.marker([lat, displayLon(lon)], { icon: clusterIcon(count), title: label }), label).on(
          'click',
          expand,
        ),
      );
    };
    centersDrawn.current.resolve();
    if (data.kind === 'clusters') {
      for (const c of data.clusters)
        if (c.count === 1 && c.centerId) addPoint(c.centerId, 'Центр обслуживания', c.lat, c.lon);
        else addCluster(c.lat, c.lon, c.count, () => zoomTo(c.lat, c.lon, map.getZoom() + 2));
      return;
    }
    if (!pointIndex) return;
    const b = view.bounds;
    for (const feature of pointIndex.getClusters(
      [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      view.zoom,
    )) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties as MapPoint | Supercluster.ClusterProperties;
      if ('cluster' in props && props.cluster) {
        const clusterId = props.cluster_id;
        addCluster(lat, lon, props.point_count, () =>
          zoomTo(lat, lon, pointIndex.getClusterExpansionZoom(clusterId)),
        );
      } else {
        const p = props as MapPoint;
        addPoint(p.id, p.name, lat, lon);
      }
    }
  }, [viewport.data, pointIndex, view, selectedId]);

  const data = viewport.data;
  const inView = data ? (data.kind === 'points' ? data.points.length : data.total) : null;
  return (
    <div>
      <div
        ref={container}
        className="center-map"
        role="region"
        aria-label="Карта центров обслуживания. Для чтения с экрана удобнее список: переключатель «Списком»"
        data-state={viewport.isFetching ? 'loading' : 'ready'}
      />
      <Group gap="xs" mt={6} mih={24}>
        {inView !== null && (
          <Text size="sm" c="dimmed">
            В области карты: {centersCount(inView)}
          </Text>
        )}
        {viewport.isFetching && <Loader size="xs" role="status" aria-label="Загрузка центров" />}
        {viewport.isError && (
          <Text size="sm" c="red.9" role="alert">
            Не удалось загрузить центры обслуживания. Сдвиньте карту, чтобы повторить.
          </Text>
        )}
      </Group>
    </div>
  );
}
