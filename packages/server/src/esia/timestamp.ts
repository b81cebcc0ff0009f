import { EsiaError } from './errors.js';

/**
 * ESIA's request time, `yyyy.MM.dd HH:mm:ss Z` (`2026.01.01 12:00:00 +0300`), signed into the
 * client secret so a captured secret cannot be replayed later (ESIA-007015 «Неверное время запроса»).
 */
const FORMAT = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** How far the system's clock may be from ours, either way. */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

/** The instant the timestamp names, or null when it is not in ESIA's format or not a real date. */
export function parseEsiaTimestamp(value: string): Date | null {
  const m = FORMAT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offsetMin = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  if (Number(oh) > 14 || Number(om) > 59) return null;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(utc);
  // 2026.02.30 rolls over to March in Date.UTC: refused, as is 24:00 or 60 seconds.
  if (
    back.getUTCFullYear() !== Number(y) ||
    back.getUTCMonth() !== Number(mo) - 1 ||
    back.getUTCDate() !== Number(d) ||
    back.getUTCHours() !== Number(h) ||
    back.getUTCMinutes() !== Number(mi) ||
    back.getUTCSeconds() !== Number(s)
  )
    return null;
  return new Date(utc - offsetMin * 60_000);
}

/** Refuses a timestamp not in ESIA's format or further than TIMESTAMP_SKEW_MS from `now`. */
export function checkEsiaTimestamp(value: string, now: Date): void {
  const at = parseEsiaTimestamp(value);
  if (!at) throw new EsiaError('ESIA-007015', 'timestamp format');
  if (Math.abs(at.getTime() - now.getTime()) > TIMESTAMP_SKEW_MS)
    throw new EsiaError('ESIA-007015', 'timestamp skew');
}
