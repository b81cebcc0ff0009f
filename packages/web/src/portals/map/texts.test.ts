import { emptyHours } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { centersCount, dayHours, exceptionDate, weekRows, zoneNote } from './texts';

describe('the card’s texts', () => {
  it('says a working day with its break, several stretches as they are, and a day off', () => {
    expect(
      dayHours([
        { from: '14:00', to: '18:00' },
        { from: '09:00', to: '13:00' },
      ]),
    ).toBe('09:00–18:00, перерыв 13:00–14:00');
    expect(dayHours([{ from: '08:00', to: '20:00' }])).toBe('08:00–20:00');
    expect(
      dayHours([
        { from: '08:00', to: '10:00' },
        { from: '11:00', to: '13:00' },
        { from: '14:00', to: '16:00' },
      ]),
    ).toBe('08:00–10:00, 11:00–13:00, 14:00–16:00');
    expect(dayHours([])).toBe('выходной');
  });

  it('joins the days of the week with the same hours', () => {
    const hours = emptyHours();
    for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const)
      hours.weekly[d] = [{ from: '09:00', to: '18:00' }];
    hours.weekly.sat = [{ from: '10:00', to: '14:00' }];
    expect(weekRows(hours)).toEqual([
      { days: 'Пн–Пт', hours: '09:00–18:00' },
      { days: 'Сб', hours: '10:00–14:00' },
      { days: 'Вс', hours: 'выходной' },
    ]);
  });

  it('counts centers in Russian', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111, 1001].map(centersCount)).toEqual([
      '1 центр обслуживания',
      '2 центра обслуживания',
      '5 центров обслуживания',
      '11 центров обслуживания',
      '21 центр обслуживания',
      '22 центра обслуживания',
      '25 центров обслуживания',
      '111 центров обслуживания',
      `${(1001).toLocaleString('ru-RU')} центр обслуживания`,
    ]);
  });

  it('gives the time against Moscow’s, and the year only when it is another', () => {
    const now = new Date('2026-12-07T07:30:00Z');
    expect(zoneNote('Europe/Moscow', now)).toBe('время московское');
    expect(zoneNote('Asia/Kamchatka', now)).toBe('время местное, МСК+9');
    expect(zoneNote('Europe/Kaliningrad', now)).toBe('время местное, МСК−1');
    expect(exceptionDate({ date: '2026-12-31', intervals: [] }, now)).toBe('чт, 31 декабря');
    expect(exceptionDate({ date: '2027-01-01', intervals: [] }, now)).toBe('пт, 1 января 2027 г.');
  });
});
