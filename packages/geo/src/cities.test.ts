import { regionCodes } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { cities as sut } from './cities.js';
import { loadRegionIndex } from './node.js';

describe('cities', () => {
  it('has one capital for every region', () => {
    const capitals = sut.filter((c) => c.capital).map((c) => c.regionCode);
    expect(capitals.sort()).toEqual([...regionCodes].sort());
  });

  it('adds the cities of 100,000 inhabitants or more: about 170 and over', () => {
    const others = sut.filter((c) => !c.capital);
    expect(others.length).toBeGreaterThan(100);
    expect(sut.length).toBeGreaterThan(170);
    for (const c of others) expect(c.population, c.name).toBeGreaterThanOrEqual(100_000);
  });

  it('names every city in Russian, once', () => {
    for (const c of sut) expect(c.name).toMatch(/^[А-ЯЁ][а-яё]*([ -][А-ЯЁа-яё][а-яё]*)*$/);
    expect(new Set(sut.map((c) => c.name)).size).toBe(sut.length);
  });

  it('puts every city within 10 km of its region’s outline', () => {
    const regions = loadRegionIndex();
    for (const c of sut) expect(regions.isInRegion(c.regionCode, c.lat, c.lon, 10), c.name).toBe(true);
  });

  it('lists the largest first', () => {
    expect(sut[0].name).toBe('Москва');
    for (let i = 1; i < sut.length; i++) expect(sut[i].population).toBeLessThanOrEqual(sut[i - 1].population);
  });

  it.each([
    ['Москва', '77'],
    ['Санкт-Петербург', '78'],
    ['Красногорск', '50'],
    ['Гатчина', '47'],
    ['Симферополь', '91'],
    ['Севастополь', '92'],
    ['Донецк', '93'],
    ['Луганск', '94'],
    ['Анадырь', '87'],
  ])('has %s as the capital of %s', (name, code) => {
    expect(sut.find((c) => c.name === name)).toMatchObject({ regionCode: code, capital: true });
  });
});
