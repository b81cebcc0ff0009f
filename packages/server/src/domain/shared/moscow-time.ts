/**
 * Dates and times as people in Russia read them on paper and in the registries: Moscow time
 * (UTC+3, no daylight saving since 2014, Федеральный закон № 248-ФЗ от 21.07.2014). Pure: the
 * instant is passed in.
 */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

function moscowIso(instant: Date): string {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString();
}

/** The calendar day in Moscow as an ISO date: "2026-11-24" at 00:30 MSK. */
export function moscowToday(now: Date): string {
  return moscowIso(now).slice(0, 10);
}

/** "24.11.2026": a date printed in a letter. */
export function moscowDate(instant: Date): string {
  const m = moscowIso(instant);
  return `${m.slice(8, 10)}.${m.slice(5, 7)}.${m.slice(0, 4)}`;
}

/** "24.11.2026 00:30:00 (МСК)": a moment in a text a person signs. */
export function moscowDateTime(instant: Date): string {
  return `${moscowDate(instant)} ${moscowIso(instant).slice(11, 19)} (МСК)`;
}
