import { regionCodes } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { regionTimeZones as sut } from './time-zones.js';

/** The offset from UTC, in hours, that a zone has at an instant. */
function offsetHours(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? '');
  if (!match) return 0; // plain "GMT"
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) + Number(match[3]) / 60);
}

describe('regionTimeZones', () => {
  it('names zones for every region and no other', () => {
    expect(Object.keys(sut).sort()).toEqual([...regionCodes].sort());
  });

  it('names only zones this runtime knows', () => {
    const known = new Set(Intl.supportedValuesOf('timeZone'));
    const unknown = Object.values(sut)
      .flat()
      .filter((zone) => !known.has(zone));
    expect(unknown).toEqual([]);
  });

  it('names each zone of a region once', () => {
    for (const zones of Object.values(sut)) expect(new Set(zones).size).toBe(zones.length);
  });

  it.each([
    ['77', 'Europe/Moscow', 3],
    ['39', 'Europe/Kaliningrad', 2],
    ['63', 'Europe/Samara', 4],
    ['66', 'Asia/Yekaterinburg', 5],
    ['54', 'Asia/Novosibirsk', 7],
    ['14', 'Asia/Yakutsk', 9],
    ['25', 'Asia/Vladivostok', 10],
    ['49', 'Asia/Magadan', 11],
    ['41', 'Asia/Kamchatka', 12],
    ['87', 'Asia/Anadyr', 12],
    ['91', 'Europe/Simferopol', 3],
  ] as const)("gives region %s the capital's zone %s first, UTC+%i", (code, zone, hours) => {
    expect(sut[code][0]).toBe(zone);
    expect(offsetHours(zone, new Date('2026-01-15T12:00:00Z'))).toBe(hours);
  });

  it('lists the three offsets of Якутия, Якутск first', () => {
    expect(sut['14']).toEqual([
      'Asia/Yakutsk',
      'Asia/Khandyga',
      'Asia/Ust-Nera',
      'Asia/Vladivostok',
      'Asia/Srednekolymsk',
    ]);
    const offsets = new Set(sut['14'].map((zone) => offsetHours(zone, new Date('2026-01-15T12:00:00Z'))));
    expect([...offsets].sort((a, b) => a - b)).toEqual([9, 10, 11]);
  });

  it('keeps every region between UTC+2 and UTC+12, with no summer time', () => {
    for (const zone of Object.values(sut).flat()) {
      const winter = offsetHours(zone, new Date('2026-01-15T12:00:00Z'));
      expect(winter, zone).toBeGreaterThanOrEqual(2);
      expect(winter, zone).toBeLessThanOrEqual(12);
      expect(offsetHours(zone, new Date('2026-07-15T12:00:00Z')), zone).toBe(winter);
    }
  });
});
