import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centerHoursSchema, emptyHours, type CenterHours } from '@openesia/contracts';
import {
  exceptionRanges,
  isOpenAt,
  neverOpens,
  offsetMinutes,
  utcMinuteOfWeek,
  weeklyUtcRanges,
} from '../../../src/domain/center/hours.js';
import { addressKey, missingForActivation } from '../../../src/domain/center/center.js';

const weekdaysNineToSix = (): CenterHours => {
  const h = emptyHours();
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const)
    h.weekly[d] = [
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ];
  return h;
};

describe('hours', () => {
  // 2026-12-07 is a Monday.
  it('is open on a Monday morning in Vologda and closed at lunch and at night', () => {
    const h = weekdaysNineToSix();
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-07T07:30:00Z'))).toBe(true); // 10:30 MSK
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-07T10:30:00Z'))).toBe(false); // 13:30 MSK
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-07T15:00:00Z'))).toBe(false); // 18:00 MSK
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-06T07:30:00Z'))).toBe(false); // Sunday
  });

  it("reads the hours in the center's own zone (Kamchatka is UTC+12)", () => {
    expect(offsetMinutes(new Date('2026-12-07T00:00:00Z'), 'Asia/Kamchatka')).toBe(720);
    // Monday 09:30 in Petropavlovsk is Sunday 21:30 UTC
    expect(isOpenAt(weekdaysNineToSix(), 'Asia/Kamchatka', new Date('2026-12-06T21:30:00Z'))).toBe(true);
  });

  it('keeps a holiday closed and a short day short', () => {
    const h = weekdaysNineToSix();
    h.exceptions = [
      { date: '2026-12-07', intervals: [] },
      { date: '2026-12-08', intervals: [{ from: '09:00', to: '12:00' }] },
    ];
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-07T07:30:00Z'))).toBe(false);
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-08T07:30:00Z'))).toBe(true);
    expect(isOpenAt(h, 'Europe/Moscow', new Date('2026-12-08T09:30:00Z'))).toBe(false); // 12:30
  });

  it('gives the database the same answer as the JavaScript rule at any instant, in any zone', () => {
    const zones = [
      'Europe/Kaliningrad',
      'Europe/Moscow',
      'Asia/Yekaterinburg',
      'Asia/Vladivostok',
      'Asia/Kamchatka',
    ];
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 720 }))
      .map(([from, len]) => ({ from, to: Math.min(1440, from + len) }));
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), interval), { maxLength: 8 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 13 }), fc.option(interval, { nil: undefined })), {
          nil: undefined,
        }),
        fc.integer({ min: 0, max: 14 * 1440 - 1 }),
        (zone, intervals, exception, at) => {
          const hours = emptyHours();
          const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
          for (const [day, i] of intervals)
            hours.weekly[days[day]!].push({ from: hhmm(i.from), to: hhmm(i.to) });
          if (exception) {
            const date = new Date(Date.UTC(2026, 11, 7 + exception[0])).toISOString().slice(0, 10);
            hours.exceptions.push({
              date,
              intervals: exception[1] ? [{ from: hhmm(exception[1].from), to: hhmm(exception[1].to) }] : [],
            });
          }
          const instant = new Date(Date.UTC(2026, 11, 7) + at * 60_000);
          const minute = utcMinuteOfWeek(instant);
          const weekly = weeklyUtcRanges(hours, zone, instant).some(([a, b]) => minute >= a && minute < b);
          const { days: exDays, open } = exceptionRanges(hours, zone, instant);
          const within = (r: [Date, Date][]) => r.some(([a, b]) => instant >= a && instant < b);
          const sql = (weekly && !within(exDays)) || within(open);
          expect(sql).toBe(isOpenAt(hours, zone, instant));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses hours that end before they start or overlap', () => {
    const bad = centerHoursSchema.safeParse({
      weekly: {
        mon: [{ from: '18:00', to: '09:00' }],
        tue: [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '18:00' },
        ],
      },
      exceptions: [
        { date: '2027-01-01', intervals: [] },
        { date: '2027-01-01', intervals: [] },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['weekly.mon.0.to', 'hours.end_before_start'],
      ['weekly.tue.1.from', 'hours.overlap'],
      ['exceptions.1.date', 'hours.duplicate_date'],
    ]);
    expect(centerHoursSchema.safeParse({ weekly: { mon: [{ from: '25:00', to: '26:00' }] } }).success).toBe(
      false,
    );
    expect(neverOpens(centerHoursSchema.parse({ weekly: {} }))).toBe(true);
  });
});

describe('center', () => {
  it('folds the spellings of one address to one key', () => {
    expect(addressKey('160000, г. Вологда, ул. Мира, д. 12')).toBe(
      addressKey('Вологда город, улица Мира, дом 12'),
    );
    expect(addressKey('г. Вологда, ул. Мира, д. 12')).not.toBe(addressKey('г. Вологда, ул. Мира, д. 14'));
    expect(addressKey('г. Вологда, ул. Ленина, д. 1')).toBe(addressKey('Г. ВОЛОГДА, УЛ. ЛЕНИНА, Д. 1'));
  });

  it('says what «Действующий» still needs', () => {
    expect(
      missingForActivation(
        { location: null, hours: emptyHours(), phone: undefined, services: [] },
        0,
        new Set(['confirmation']),
      ),
    ).toEqual(['location', 'hours', 'phone', 'services', 'operators']);
    expect(
      missingForActivation(
        {
          location: { lat: 59.2, lon: 39.9 },
          hours: weekdaysNineToSix(),
          phone: '+78172123456',
          services: ['confirmation'],
        },
        1,
        new Set(['confirmation']),
      ),
    ).toEqual([]);
    // ticked, but no longer allowed (Форма И revoked): as good as none
    expect(
      missingForActivation(
        {
          location: { lat: 59.2, lon: 39.9 },
          hours: weekdaysNineToSix(),
          phone: '+78172123456',
          services: ['registration'],
        },
        1,
        new Set(['confirmation']),
      ),
    ).toEqual(['services']);
  });
});
