import { statSync } from 'node:fs';
import { regionCodes, regionNames, type RegionCode } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { cities } from './cities.js';
import { distanceKm } from './distance.js';
import { loadRegionIndex, readRegionOutlines } from './node.js';
import { regionIndex } from './regions.js';
import type { RegionOutlines } from './types.js';

const sut = loadRegionIndex();

describe('the outlines file', () => {
  const outlines = readRegionOutlines();

  it('has one feature for each of the 89 regions, named as contracts names them', () => {
    expect(outlines.features.map((f) => f.properties.code).sort()).toEqual([...regionCodes].sort());
    for (const { properties } of outlines.features)
      expect(properties.name).toBe(regionNames[properties.code]);
  });

  it('keeps to one convention of longitudes, about [19, 191], with 0.001° precision', () => {
    const positions = outlines.features.flatMap((f) => f.geometry.coordinates.flat(2));
    const lons = positions.map(([lon]) => lon);
    const lats = positions.map(([, lat]) => lat);
    expect(Math.min(...lons)).toBeGreaterThan(19);
    expect(Math.max(...lons)).toBeLessThan(192);
    expect(Math.min(...lats)).toBeGreaterThan(41);
    expect(Math.max(...lats)).toBeLessThan(82);
    expect(
      positions.filter(
        ([lon, lat]) => Math.round(lon * 1000) / 1000 !== lon || Math.round(lat * 1000) / 1000 !== lat,
      ),
    ).toEqual([]);
  });

  it('stays under 1 MB, for the browser to load as the base layer', () => {
    expect(statSync(new URL('../data/regions.json', import.meta.url)).size).toBeLessThan(1_000_000);
  });
});

describe('regionAt', () => {
  const capitals = cities.filter((c) => c.capital);

  it('finds every capital in its own region, coastal ones at most a few kilometres off the line', () => {
    expect(capitals.map((c) => c.regionCode).sort()).toEqual([...regionCodes].sort());
    for (const c of capitals) expect(sut.isInRegion(c.regionCode, c.lat, c.lon), c.name).toBe(true);
    // The simplification may leave a coastal or border capital just outside; not many.
    const strict = capitals.filter((c) => sut.regionAt(c.lat, c.lon) === c.regionCode);
    expect(strict.length).toBeGreaterThanOrEqual(84);
  });

  it.each([
    ['Москва', 55.7558, 37.6173, '77'],
    ['Щербинка, in Москва since 2012', 55.5, 37.56, '77'],
    ['Подольск', 55.43, 37.54, '50'],
    ['Калининград', 54.7104, 20.4522, '39'],
    ['Владивосток', 43.1332, 131.9113, '25'],
    ['Симферополь', 44.9521, 34.1024, '91'],
    ['Севастополь, inland of the bay', 44.585, 33.52, '92'],
    ['Якутск', 62.0281, 129.7326, '14'],
    ['Нарьян-Мар', 67.638, 53.007, '83'],
    ['Донецк', 48.0159, 37.8028, '93'],
    ['Чукотка west of 180°, by an ordinary longitude', 66.0, -172.0, '87'],
    ['Чукотка west of 180°, by the outlines’ longitude', 66.0, 188.0, '87'],
  ] as const)('puts %s in %s', (_, lat, lon, code) => expect(sut.regionAt(lat, lon)).toBe(code));

  it.each([
    ['Анадырь', 64.73, 177.5, '87'],
    ['Уэлен, by an ordinary longitude', 66.16, -169.81, '87'],
    ['Уэлен, by the outlines’ longitude', 66.16, 190.19, '87'],
    ['Севастополь, its centre on the bay', 44.6166, 33.5254, '92'],
  ] as const)('puts %s, on a coast, in %s within the tolerance', (_, lat, lon, code) =>
    expect(sut.isInRegion(code, lat, lon)).toBe(true),
  );

  it('tells Севастополь from Симферополь', () => {
    expect(sut.isInRegion('91', 44.6166, 33.5254)).toBe(false);
    expect(sut.isInRegion('92', 44.9521, 34.1024)).toBe(false);
  });

  it.each([
    ['Берлин', 52.52, 13.405],
    ['Киев', 50.4501, 30.5234],
    ['Минск', 53.9006, 27.559],
    ['Алматы', 43.222, 76.8512],
    ['Нью-Йорк', 40.7128, -74.006],
    ['Ном (Аляска), across the strait from Чукотка', 64.5011, -165.4064],
    ['the middle of the Black Sea', 43.5, 34.5],
  ])('finds %s in no region', (_, lat, lon) => expect(sut.regionAt(lat, lon)).toBeNull());

  it('answers null to what is no position', () => {
    expect(sut.regionAt(NaN, 37)).toBeNull();
    expect(sut.regionAt(95, 37)).toBeNull();
    expect(sut.regionAt(55.75, Infinity)).toBeNull();
  });

  it('answers 10,000 questions well under a second', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const points = Array.from({ length: 10_000 }, () => [41 + random() * 41, 19 + random() * 172] as const);
    const started = performance.now();
    let found = 0;
    for (const [lat, lon] of points) if (sut.regionAt(lat, lon)) found++;
    expect(performance.now() - started).toBeLessThan(1000);
    // Russia covers a good part of its own bounding box: the points were asked, not skipped.
    expect(found).toBeGreaterThan(2000);
  });
});

describe('isInRegion', () => {
  it('refuses Москва to Московская область by the strict test: the city is a hole in it', () => {
    expect(sut.isInRegion('50', 55.7558, 37.6173, 0)).toBe(false);
    expect(sut.isInRegion('77', 55.7558, 37.6173, 0)).toBe(true);
  });

  it('accepts a point within the tolerance of the border and refuses it past the tolerance', () => {
    // A square region 1°×1°; 0.05° of longitude at 55.5° is 3.15 km.
    const square: RegionOutlines = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '77', name: 'Москва' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [37, 55],
                  [38, 55],
                  [38, 56],
                  [37, 56],
                  [37, 55],
                ],
              ],
            ],
          },
        },
      ],
    };
    const small = regionIndex(square);
    expect(small.regionAt(55.5, 38.05)).toBeNull();
    expect(small.isInRegion('77', 55.5, 38.05)).toBe(true);
    expect(small.isInRegion('77', 55.5, 38.05, 3)).toBe(false);
    expect(small.distanceToRegionKm('77', 55.5, 38.05)).toBeCloseTo(3.15, 1);
    expect(small.distanceToRegionKm('77', 55.5, 37.5)).toBe(0);
  });

  it('accepts a center on the shore that the simplified coast leaves at sea', () => {
    // Сочи's sea port, on the shore line itself.
    expect(sut.isInRegion('23', 43.5805, 39.7195)).toBe(true);
  });

  it('refuses a point of a neighbouring region well past the border', () => {
    expect(sut.isInRegion('50', 54.19, 37.62)).toBe(false); // Тула
  });

  it('takes Чукотка by either longitude', () => {
    expect(sut.isInRegion('87', 66.16, -169.81)).toBe(true);
    expect(sut.isInRegion('87', 66.16, 190.19)).toBe(true);
  });
});

describe('isInRussia', () => {
  it.each([
    ['Берлин', 52.52, 13.405],
    ['Киев', 50.4501, 30.5234],
    ['Минск', 53.9006, 27.559],
    ['Алматы', 43.222, 76.8512],
  ])('refuses %s', (_, lat, lon) => expect(sut.isInRussia(lat, lon)).toBe(false));

  it.each([
    ['Москва', 55.7558, 37.6173],
    ['Уэлен', 66.16, -169.81],
    ['Калининград', 54.7104, 20.4522],
  ])('accepts %s', (_, lat, lon) => expect(sut.isInRussia(lat, lon)).toBe(true));
});

describe('regionBounds and regionCenter', () => {
  it('bounds Чукотка across 180° in one piece', () => {
    const [[south, west], [north, east]] = sut.regionBounds('87');
    expect(west).toBeLessThan(180);
    expect(east).toBeGreaterThan(188);
    expect(south).toBeLessThan(64.73);
    expect(north).toBeGreaterThan(66.16);
  });

  it('bounds Москва around its centre', () => {
    const [[south, west], [north, east]] = sut.regionBounds('77');
    expect(south).toBeLessThan(55.7558);
    expect(north).toBeGreaterThan(55.7558);
    expect(west).toBeLessThan(37.6173);
    expect(east).toBeGreaterThan(37.6173);
  });

  it('puts every region’s center inside the region', () => {
    for (const code of regionCodes) {
      const { lat, lon } = sut.regionCenter(code);
      expect(sut.regionAt(lat, lon), code).toBe(code);
    }
  });

  it('refuses a code it has no outline for', () => {
    expect(() => sut.regionBounds('00' as RegionCode)).toThrow('no outline for region 00');
  });
});

describe('distanceKm', () => {
  it('measures Москва – Санкт-Петербург as about 634 km', () => {
    const moscow = { lat: 55.7558, lon: 37.6173 };
    const petersburg = { lat: 59.9386, lon: 30.3141 };
    expect(distanceKm(moscow, petersburg)).toBeCloseTo(634, -1);
  });

  it('measures across 180° the short way', () => {
    expect(distanceKm({ lat: 66, lon: 179.9 }, { lat: 66, lon: -179.9 })).toBeLessThan(10);
  });
});
