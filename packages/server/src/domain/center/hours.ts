import { minutesOf, weekdays, type CenterHours, type OpenInterval } from '@openesia/contracts';

/**
 * A center's «Режим работы» as time: open now or not, and the same hours as ranges the database can
 * test («Открыто сейчас» on the map, over thousands of centers in one query). Pure: the instant and
 * the zone are passed in.
 *
 * Hours are local to the center's IANA zone. Russia keeps no daylight saving (Федеральный закон
 * № 248-ФЗ от 21.07.2014), so a zone's offset is one number all year; it is read from the zone
 * database at the instant given, never assumed.
 */

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The local calendar date («2026-12-31»), weekday (0 = Monday) and minute of the day at `instant`. */
export function localTime(
  instant: Date,
  timeZone: string,
): { date: string; weekday: number; minute: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdayIndex[parts.weekday!]!,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The zone's offset from UTC in minutes at `instant` (+180 for Europe/Moscow). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const local = localTime(instant, timeZone);
  const [y, m, d] = local.date.split('-').map(Number);
  const asUtc = Date.UTC(y!, m! - 1, d!, 0, local.minute);
  const instantMinute = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - instantMinute) / 60_000);
}

const spanOf = (i: OpenInterval): [number, number] => [minutesOf(i.from), minutesOf(i.to)];

/** The intervals of `date` (local): the exception's when there is one, else the weekday's. */
function dayIntervals(hours: CenterHours, date: string, weekday: number): readonly OpenInterval[] {
  const exception = hours.exceptions.find((e) => e.date === date);
  return exception ? exception.intervals : hours.weekly[weekdays[weekday]!];
}

/** Open at `instant`, in the center's zone, by its week and its exceptions. */
export function isOpenAt(hours: CenterHours, timeZone: string, instant: Date): boolean {
  const local = localTime(instant, timeZone);
  return dayIntervals(hours, local.date, local.weekday).some((i) => {
    const [from, to] = spanOf(i);
    return local.minute >= from && local.minute < to;
  });
}

/** «Режим работы» that never opens: no weekday has an open interval (exceptions aside). */
export function neverOpens(hours: CenterHours): boolean {
  return weekdays.every((d) => hours.weekly[d].length === 0);
}

/** The minute of the week in UTC (Monday 00:00 UTC = 0) of an instant: the map's query parameter. */
export function utcMinuteOfWeek(instant: Date): number {
  const day = (instant.getUTCDay() + 6) % 7;
  return day * MINUTES_PER_DAY + instant.getUTCHours() * 60 + instant.getUTCMinutes();
}

/** Merges touching and overlapping [from, to) ranges, sorted. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The weekly hours as minutes of the week in UTC, [from, to) within [0, 10080): a local interval
 * is shifted by the zone's offset and split where it crosses the week's end (a Monday 02:00 in
 * Kamchatka is Sunday 14:00 UTC).
 */
export function weeklyUtcRanges(hours: CenterHours, timeZone: string, instant: Date): [number, number][] {
  const offset = offsetMinutes(instant, timeZone);
  const ranges: [number, number][] = [];
  weekdays.forEach((day, index) => {
    for (const interval of hours.weekly[day]) {
      const [from, to] = spanOf(interval);
      const start =
        (((index * MINUTES_PER_DAY + from - offset) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) %
        MINUTES_PER_WEEK;
      const end = start + (to - from);
      if (end <= MINUTES_PER_WEEK) ranges.push([start, end]);
      else ranges.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]);
    }
  });
  return merge(ranges);
}

/** The instant of local midnight + `minute` on `date` in the zone. */
function localInstant(date: string, minute: number, timeZone: string, reference: Date): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 0, minute) - offsetMinutes(reference, timeZone) * 60_000);
}

/**
 * The exceptions as absolute time: the whole local days they replace, and the hours open on them.
 * With the weekly ranges: open at t ⇔ (weekly ∋ minute(t) ∧ days ∌ t) ∨ open ∋ t.
 */
export function exceptionRanges(
  hours: CenterHours,
  timeZone: string,
  instant: Date,
): { days: [Date, Date][]; open: [Date, Date][] } {
  const days: [Date, Date][] = [];
  const open: [Date, Date][] = [];
  for (const e of hours.exceptions) {
    days.push([
      localInstant(e.date, 0, timeZone, instant),
      localInstant(e.date, MINUTES_PER_DAY, timeZone, instant),
    ]);
    for (const i of e.intervals) {
      const [from, to] = spanOf(i);
      open.push([localInstant(e.date, from, timeZone, instant), localInstant(e.date, to, timeZone, instant)]);
    }
  }
  return { days, open };
}

/** PostgreSQL multirange literals of the ranges above, for the columns of service_centers. */
export function int4MultirangeLiteral(ranges: [number, number][]): string {
  return `{${ranges.map(([a, b]) => `[${a},${b})`).join(',')}}`;
}

export function tstzMultirangeLiteral(ranges: [Date, Date][]): string {
  return `{${ranges.map(([a, b]) => `["${a.toISOString()}","${b.toISOString()}")`).join(',')}}`;
}

/**
 * The hours as the three columns of service_centers that «Открыто сейчас» tests in SQL, at the
 * zone's offset at `instant` (the save).
 */
export function hoursColumns(
  hours: CenterHours,
  timeZone: string,
  instant: Date,
): { weeklyOpenUtc: string; exceptionDays: string; exceptionOpen: string } {
  const exceptions = exceptionRanges(hours, timeZone, instant);
  return {
    weeklyOpenUtc: int4MultirangeLiteral(weeklyUtcRanges(hours, timeZone, instant)),
    exceptionDays: tstzMultirangeLiteral(exceptions.days),
    exceptionOpen: tstzMultirangeLiteral(exceptions.open),
  };
}
