import { regionCodes } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { regionZones, zoneLabel } from './timeZones';

describe('the time zone’s choice', () => {
  it('names every zone of every region by its city in Russian, with the offset', () => {
    const unnamed = regionCodes.flatMap((code) =>
      regionZones(code).filter((zone) => !/^[А-ЯЁ][а-яё-]+( |-|$)/.test(zoneLabel(zone))),
    );
    expect(unnamed).toEqual([]);
  });

  it('says the offset in winter and summer alike (Russia keeps no summer time)', () => {
    expect(zoneLabel('Asia/Yakutsk', new Date('2026-01-15T00:00:00Z'))).toBe('Якутск (UTC+9)');
    expect(zoneLabel('Asia/Srednekolymsk', new Date('2026-07-15T00:00:00Z'))).toBe('Среднеколымск (UTC+11)');
    expect(zoneLabel('Europe/Moscow', new Date('2026-07-15T00:00:00Z'))).toBe('Москва (UTC+3)');
  });
});
