import {
  minutesOf,
  weekdays,
  weekdayShortLabels,
  type CenterHours,
  type HoursException,
  type OpenInterval,
  type Weekday,
} from '@openesia/contracts';

/** «1 центр», «2 центра», «5 центров»: the Russian plural of a count. */
export function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

export const centersCount = (n: number) =>
  `${n.toLocaleString('ru-RU')} ${plural(n, 'центр', 'центра', 'центров')} обслуживания`;

/**
 * One day's hours as a person reads them: «09:00–18:00, перерыв 13:00–14:00», or «выходной». Two
 * stretches are a working day with a break between them; more are listed as they are.
 */
export function dayHours(intervals: readonly OpenInterval[]): string {
  if (!intervals.length) return 'выходной';
  const sorted = [...intervals].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  const span = (i: OpenInterval) => `${i.from}–${i.to}`;
  if (sorted.length === 2)
    return `${sorted[0]!.from}–${sorted[1]!.to}, перерыв ${sorted[0]!.to}–${sorted[1]!.from}`;
  return sorted.map(span).join(', ');
}

/** The week as rows of days with the same hours: «Пн–Пт», «Сб», «Вс». */
export function weekRows(hours: CenterHours): { days: string; hours: string }[] {
  const rows: { first: Weekday; last: Weekday; hours: string }[] = [];
  for (const day of weekdays) {
    const text = dayHours(hours.weekly[day]);
    const last = rows.at(-1);
    if (last && last.hours === text) last.last = day;
    else rows.push({ first: day, last: day, hours: text });
  }
  return rows.map((r) => ({
    days:
      r.first === r.last
        ? weekdayShortLabels[r.first]
        : `${weekdayShortLabels[r.first]}–${weekdayShortLabels[r.last]}`,
    hours: r.hours,
  }));
}

/** «чт, 31 декабря»; with the year when it is not this one («пт, 1 января 2027 г.»). */
export function exceptionDate(exception: HoursException, now = new Date()): string {
  const date = new Date(`${exception.date}T12:00:00Z`);
  return date.toLocaleDateString('ru-RU', {
    day: 'numeric',
    month: 'long',
    weekday: 'short',
    ...(date.getUTCFullYear() !== now.getUTCFullYear() ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/**
 * The center's time against Moscow's, as Russian timetables say it: «время московское» or
 * «время местное, МСК+2» (no daylight saving in Russia since 2014, so one offset all year).
 */
export function zoneNote(timeZone: string, now = new Date()): string {
  const offset = (zone: string) => {
    const name =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(now)
        .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  };
  let difference: number;
  try {
    difference = offset(timeZone) - offset('Europe/Moscow');
  } catch {
    return 'время местное';
  }
  if (difference === 0) return 'время московское';
  const hours = difference / 60;
  return `время местное, МСК${hours > 0 ? '+' : '−'}${Math.abs(hours)}`;
}
