import {
  formatCenterPhone,
  weekdays,
  type CenterCreate,
  type CenterStatus,
  type CenterView,
  type Weekday,
} from '@openesia/contracts';
import type { UseFormReturnType } from '@mantine/form';

/** One stretch of open time as typed: «09:00», possibly unfinished. */
export type IntervalValues = { from: string; to: string };
export type ExceptionValues = { date: string; intervals: IntervalValues[]; note: string };

/**
 * The center form's values: the contract's shape (so a refusal's path, `hours.weekly.mon.0.to`,
 * names the input that shows it), with text where a person types and numbers may be unfinished.
 */
export type CenterFormValues = {
  name: string;
  regionCode: string;
  address: string;
  location: { lat: number | string; lon: number | string };
  timeZone: string;
  hours: { weekly: Record<Weekday, IntervalValues[]>; exceptions: ExceptionValues[] };
  phone: string;
  email: string;
  directions: string;
  accessibility: string[];
  services: string[];
  status: CenterStatus;
};

export type CenterFormType = UseFormReturnType<CenterFormValues>;

/** A new center: nothing open yet (no day is guessed), in the organization's region. */
export function newCenterValues(regionCode: string): CenterFormValues {
  return {
    name: '',
    regionCode,
    address: '',
    location: { lat: '', lon: '' },
    timeZone: '',
    hours: {
      weekly: Object.fromEntries(weekdays.map((d) => [d, []])) as unknown as Record<
        Weekday,
        IntervalValues[]
      >,
      exceptions: [],
    },
    phone: '',
    email: '',
    directions: '',
    accessibility: [],
    services: [],
    status: 'inactive',
  };
}

export function centerValues(view: CenterView): CenterFormValues {
  return {
    name: view.name,
    regionCode: view.regionCode,
    address: view.address,
    location: view.location ? { ...view.location } : { lat: '', lon: '' },
    timeZone: view.timeZone,
    hours: {
      weekly: Object.fromEntries(
        weekdays.map((d) => [d, view.hours.weekly[d].map((i) => ({ ...i }))]),
      ) as unknown as Record<Weekday, IntervalValues[]>,
      exceptions: view.hours.exceptions.map((e) => ({
        date: e.date,
        intervals: e.intervals.map((i) => ({ ...i })),
        note: e.note ?? '',
      })),
    },
    phone: view.phone ? formatCenterPhone(view.phone) : '',
    email: view.email ?? '',
    directions: view.directions ?? '',
    accessibility: [...view.accessibility],
    services: [...view.services],
    status: view.status,
  };
}

/** Both coordinates empty: no point yet; anything else goes to the schema as typed. */
function locationOf(l: CenterFormValues['location']) {
  if (l.lat === '' && l.lon === '') return null;
  const number = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? v : Number(v));
  return { lat: number(l.lat), lon: number(l.lon) };
}

/** The request body of «Сохранить»; empty optional fields are left out. */
export function centerInput(v: CenterFormValues): CenterCreate {
  return {
    name: v.name,
    regionCode: v.regionCode,
    address: v.address,
    location: locationOf(v.location),
    timeZone: v.timeZone || undefined,
    hours: {
      weekly: v.hours.weekly,
      exceptions: v.hours.exceptions.map((e) => ({
        date: e.date,
        intervals: e.intervals,
        note: e.note.trim() ? e.note : undefined,
      })),
    },
    phone: v.phone.trim() ? v.phone : undefined,
    email: v.email.trim() ? v.email : undefined,
    directions: v.directions.trim() ? v.directions : undefined,
    accessibility: v.accessibility,
    services: v.services,
  } as CenterCreate;
}

/**
 * «9» -> «09:00», «930» -> «09:30», «9.30» -> «09:30»: what people type for a time, in the
 * contract's form; anything else is left for the schema to refuse.
 */
export function normalizeTime(raw: string): string {
  const v = raw.trim();
  let m = /^(\d{1,2})$/.exec(v);
  if (m) return `${m[1]!.padStart(2, '0')}:00`;
  m = /^(\d{1,2})[.:,\-\s](\d{2})$/.exec(v) ?? /^(\d{1,2})(\d{2})$/.exec(v);
  if (m) return `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return v;
}
