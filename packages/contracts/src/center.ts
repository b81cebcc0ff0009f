import { z } from 'zod';
import { centerServiceSchema, centerServices } from './application.js';
import { isoDate, optionalEmail, optionalText, personNameView, requiredText, text } from './fields.js';
import { regionCodeSchema } from './organization.js';

/**
 * Service centers (issue 11; seed 000, section 5; seed 002, steps 6-10): a technical officer in
 * the group «Технологический портал» adds the organization's centers («Добавить центр
 * обслуживания»), chooses their «Услуги» as the approvals allow, attaches operators and makes a
 * center «Действующий»; active centers of organizations that are not blocked are on the public
 * map and in the report. Every request and answer of the centers' API is declared here.
 */

// ---- statuses, services, hours ----

export const centerStatuses = ['inactive', 'active'] as const;
export const centerStatusSchema = z.enum(centerStatuses, { error: 'center.status_unknown' });
export type CenterStatus = z.infer<typeof centerStatusSchema>;
export const centerStatusLabels: Record<CenterStatus, string> = {
  inactive: 'Недействующий',
  active: 'Действующий',
};

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayLabels: Record<Weekday, string> = {
  mon: 'Понедельник',
  tue: 'Вторник',
  wed: 'Среда',
  thu: 'Четверг',
  fri: 'Пятница',
  sat: 'Суббота',
  sun: 'Воскресенье',
};
export const weekdayShortLabels: Record<Weekday, string> = {
  mon: 'Пн',
  tue: 'Вт',
  wed: 'Ср',
  thu: 'Чт',
  fri: 'Пт',
  sat: 'Сб',
  sun: 'Вс',
};

/** «09:00»; the end of a day is «24:00». */
const clockTime = text({ error: 'required' })
  .trim()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'hours.time_invalid' });

/** Minutes since midnight of «HH:MM». */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** One stretch of open time; a break is the gap between two of them. */
export const openIntervalSchema = z.object({ from: clockTime, to: clockTime });
export type OpenInterval = z.infer<typeof openIntervalSchema>;

/** The intervals of one day, at most four (a morning, a lunch break, an evening, …). */
const dayIntervals = z.array(openIntervalSchema).max(4, { error: 'hours.too_many_intervals' });

/** A date on which the center keeps other hours: a holiday (no intervals: closed) or a short day. */
export const hoursExceptionSchema = z.object({
  date: isoDate,
  intervals: dayIntervals,
  note: text().trim().max(200, { error: 'too_long' }).optional(),
});
export type HoursException = z.infer<typeof hoursExceptionSchema>;

/** Checks a day's intervals: each ends after it starts, and none overlaps another. */
function checkDay(intervals: readonly OpenInterval[], path: (string | number)[], ctx: z.RefinementCtx) {
  const spans = intervals.map((i, index) => ({ index, from: minutesOf(i.from), to: minutesOf(i.to) }));
  for (const s of spans)
    if (s.to <= s.from)
      ctx.addIssue({ code: 'custom', message: 'hours.end_before_start', path: [...path, s.index, 'to'] });
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.from < sorted[i - 1]!.to)
      ctx.addIssue({ code: 'custom', message: 'hours.overlap', path: [...path, sorted[i]!.index, 'from'] });
}

/** «Режим работы»: the week, and the dates kept otherwise. */
export const centerHoursSchema = z
  .object({
    weekly: z.object(
      Object.fromEntries(weekdays.map((d) => [d, dayIntervals.default([])])) as Record<
        Weekday,
        z.ZodDefault<typeof dayIntervals>
      >,
    ),
    exceptions: z.array(hoursExceptionSchema).max(100, { error: 'hours.too_many_exceptions' }).default([]),
  })
  .superRefine((hours, ctx) => {
    for (const day of weekdays) checkDay(hours.weekly[day], ['weekly', day], ctx);
    const seen = new Set<string>();
    hours.exceptions.forEach((e, index) => {
      checkDay(e.intervals, ['exceptions', index, 'intervals'], ctx);
      if (seen.has(e.date))
        ctx.addIssue({
          code: 'custom',
          message: 'hours.duplicate_date',
          path: ['exceptions', index, 'date'],
        });
      seen.add(e.date);
    });
  });
export type CenterHours = z.infer<typeof centerHoursSchema>;

/** No open hour yet: a new center's, until the officer fills «Режим работы». */
export function emptyHours(): CenterHours {
  return {
    weekly: Object.fromEntries(weekdays.map((d) => [d, []])) as unknown as CenterHours['weekly'],
    exceptions: [],
  };
}
export type CenterHoursInput = z.input<typeof centerHoursSchema>;

// ---- accessibility ----

/** «Доступность для маломобильных граждан»: what the center has (приказ Минтруда № 527н). */
export const accessibilityFeatures = [
  'step_free_entrance',
  'wheelchair_toilet',
  'disabled_parking',
  'hearing_loop',
  'sign_language',
  'tactile_signs',
] as const;
export const accessibilityFeatureSchema = z.enum(accessibilityFeatures, { error: 'center.feature_unknown' });
export type AccessibilityFeature = z.infer<typeof accessibilityFeatureSchema>;
export const accessibilityFeatureLabels: Record<AccessibilityFeature, string> = {
  step_free_entrance: 'Вход без ступеней или с пандусом',
  wheelchair_toilet: 'Туалет для людей на креслах-колясках',
  disabled_parking: 'Парковка для людей с инвалидностью',
  hearing_loop: 'Индукционная петля для слабослышащих',
  sign_language: 'Помощь сурдопереводчика',
  tactile_signs: 'Тактильные указатели и надписи шрифтом Брайля',
};

// ---- location and contacts ----

/** A point on the map, WGS 84 degrees; the region and the country are the service's checks. */
export const geoPointSchema = z.object({
  lat: z.number({ error: 'location.invalid' }).finite({ error: 'location.invalid' }).min(-90).max(90),
  lon: z.number({ error: 'location.invalid' }).finite({ error: 'location.invalid' }).min(-180).max(180),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

/**
 * A center's phone: any Russian number, landlines included (+7 8172 …, 8-800 …), typed with 8 or
 * +7 and any punctuation, kept as +7 and ten digits. Whether it dials is the data-quality check's.
 */
export const centerPhone = text()
  .trim()
  .max(32, { error: 'too_long' })
  .transform((v, ctx) => {
    if (v === '') return undefined;
    if (/[^\d\s()+-]/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'center.phone_invalid' });
      return z.NEVER;
    }
    let d = v.replace(/\D/g, '');
    if (d.length === 11 && (d.startsWith('8') || d.startsWith('7'))) d = d.slice(1);
    if (d.length !== 10) {
      ctx.addIssue({ code: 'custom', message: 'center.phone_invalid' });
      return z.NEVER;
    }
    return `+7${d}`;
  });

/**
 * As the numbering plan writes it: the three-digit ABC or DEF code, then seven digits — «+7 (817)
 * 272-00-35»; the local habit «(8172) 72-00-35» is the same number with the code split otherwise.
 */
export function formatCenterPhone(e164: string): string {
  const d = e164.replace(/^\+7/, '');
  return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
}

const uniqueList = <T extends z.ZodType>(item: T, code: string) =>
  z.array(item).refine((list) => new Set(list).size === list.length, { error: code });

// ---- API: the technological portal ----

/**
 * «Добавить центр обслуживания» and «Редактировать». A center is saved as a draft with its name,
 * region and address; the rest may come later, but «Действующий» needs the whole of it (the
 * service says which fields are missing) and an operator attached.
 */
export const centerFieldsSchema = z.object({
  name: requiredText(255),
  regionCode: regionCodeSchema,
  /** the postal address, as the public reads it: «160000, г. Вологда, ул. Мира, д. 12» */
  address: requiredText(500),
  location: geoPointSchema.nullable().default(null),
  /** IANA zone of the center; one of the region's zones (the service checks), the region's own when left out */
  timeZone: text().trim().max(64, { error: 'too_long' }).optional(),
  hours: centerHoursSchema.default(() => emptyHours()),
  phone: centerPhone.optional(),
  email: optionalEmail,
  /** «Как добраться»: landmarks, entrance, floor, office */
  directions: optionalText(2000),
  accessibility: uniqueList(accessibilityFeatureSchema, 'center.duplicate_feature')
    .max(accessibilityFeatures.length)
    .default([]),
  services: uniqueList(centerServiceSchema, 'center.duplicate_service')
    .max(centerServices.length)
    .default([]),
});
export type CenterFields = z.infer<typeof centerFieldsSchema>;

export const centerCreateSchema = centerFieldsSchema.meta({ id: 'CenterCreate' });
export type CenterCreate = z.input<typeof centerCreateSchema>;

/** PUT /api/tech/centers/:centerId: the whole center as edited, at the revision the page read. */
export const centerUpdateSchema = centerFieldsSchema
  .extend({
    status: centerStatusSchema,
    revision: z.number().int().min(0),
  })
  .meta({ id: 'CenterUpdate' });
export type CenterUpdate = z.input<typeof centerUpdateSchema>;

export const centerPathSchema = z.object({ centerId: z.uuid({ error: 'id.invalid' }) });
export const centerOperatorPathSchema = z.object({
  centerId: z.uuid({ error: 'id.invalid' }),
  accountId: z.uuid({ error: 'id.invalid' }),
});

/** POST /api/tech/centers/:centerId/operators: attach an employee of an АРМ group. */
export const centerOperatorAttachSchema = z
  .object({ accountId: z.uuid({ error: 'id.invalid' }) })
  .meta({ id: 'CenterOperatorAttach' });

// ---- data quality (issue 11, item 5: «Все данные организации должны быть указаны верно») ----

export const centerQualityIssues = [
  /** the phone has the form of a number but no Russian operator's range holds it */
  'phone_not_dialable',
  /** no day of the week has an open interval */
  'never_open',
  /** the point is outside the region's border (within the band the form accepts) */
  'location_outside_region',
  /** another center has the same address */
  'duplicate_address',
] as const;
export type CenterQualityIssue = (typeof centerQualityIssues)[number];
export const centerQualityIssueLabels: Record<CenterQualityIssue, string> = {
  phone_not_dialable: 'Телефон не набирается: такого номера нет в плане нумерации',
  never_open: 'Режим работы не содержит ни одного рабочего часа',
  location_outside_region: 'Точка на карте лежит за границей региона',
  duplicate_address: 'Такой же адрес указан у другого центра обслуживания',
};

/** What «Действующий» needs that the center lacks: the field paths, each as `required`. */
export const centerCompletenessFields = ['location', 'hours', 'phone', 'services'] as const;

// ---- views ----

export const centerOperatorSchema = z.object({
  accountId: z.string(),
  name: personNameView,
  attachedAt: z.string(),
  /** the АРМ groups the person is in now; none: the attachment gives no access until they are back */
  groups: z.array(z.string()),
  hasAccess: z.boolean(),
  /** operations done in АРМ «Центр обслуживания» at this center in the last 30 days */
  operations30d: z.number().int(),
});
export type CenterOperator = z.infer<typeof centerOperatorSchema>;

export const centerViewSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    organizationShortName: z.string(),
    name: z.string(),
    regionCode: z.string(),
    address: z.string(),
    location: geoPointSchema.nullable(),
    timeZone: z.string(),
    hours: centerHoursSchema,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    directions: z.string().nullable(),
    accessibility: z.array(accessibilityFeatureSchema),
    services: z.array(centerServiceSchema),
    status: centerStatusSchema,
    revision: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    operators: z.array(centerOperatorSchema),
    /** operations done in АРМ «Центр обслуживания» at this center in the last 30 days, all operators */
    operations30d: z.number().int(),
    quality: z.array(z.enum(centerQualityIssues)),
    /** the services the organization's approvals allow now; a ticked one outside them is not offered */
    allowedServices: z.array(centerServiceSchema),
    /** what «Действующий» still needs: field paths, and `operators` when none is attached */
    missingForActivation: z.array(z.string()),
  })
  .meta({ id: 'Center' });
export type CenterView = z.infer<typeof centerViewSchema>;

export const centerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  address: z.string(),
  status: centerStatusSchema,
  services: z.array(centerServiceSchema),
  operatorCount: z.number().int(),
  quality: z.array(z.enum(centerQualityIssues)),
  updatedAt: z.string(),
});
export type CenterSummary = z.infer<typeof centerSummarySchema>;

export const centerListSchema = z
  .object({
    centers: z.array(centerSummarySchema),
    /** the services the approvals allow now, for the form's «Услуги» */
    allowedServices: z.array(centerServiceSchema),
    /** the organization's own region, the form's default */
    organizationRegionCode: z.string(),
  })
  .meta({ id: 'CenterList' });
export type CenterList = z.infer<typeof centerListSchema>;

export const centerEventKinds = [
  'created',
  'updated',
  'activated',
  'deactivated',
  'operator_attached',
  'operator_detached',
] as const;
export type CenterEventKind = (typeof centerEventKinds)[number];
export const centerEventKindLabels: Record<CenterEventKind, string> = {
  created: 'Центр обслуживания добавлен',
  updated: 'Сведения изменены',
  activated: 'Статус: «Действующий»',
  deactivated: 'Статус: «Недействующий»',
  operator_attached: 'Оператор прикреплён',
  operator_detached: 'Оператор откреплён',
};

/** The form's fields by name, as the history and the journal list what changed. */
export const centerFieldLabels = {
  name: 'наименование',
  regionCode: 'регион',
  address: 'адрес',
  location: 'точка на карте',
  timeZone: 'часовой пояс',
  hours: 'режим работы',
  phone: 'телефон',
  email: 'электронная почта',
  directions: 'как добраться',
  accessibility: 'доступность',
  services: 'услуги',
} as const;

export const centerEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(centerEventKinds),
  actor: z.string(),
  /** the fields changed, by their path in the form */
  changedFields: z.array(z.string()),
  /** the operator attached or detached */
  operatorName: z.string().nullable(),
});
export type CenterEvent = z.infer<typeof centerEventSchema>;
export const centerHistorySchema = z.object({ events: z.array(centerEventSchema) });

/** The employees that may be attached: in an АРМ group now, not attached to this center yet. */
export const operatorCandidateSchema = z.object({
  accountId: z.string(),
  name: personNameView,
  groups: z.array(z.string()),
});
export const operatorCandidatesSchema = z.object({ candidates: z.array(operatorCandidateSchema) });
export type OperatorCandidate = z.infer<typeof operatorCandidateSchema>;

// ---- the geocoder (address -> point) ----

export const geocodeQuerySchema = z.object({
  q: requiredText(300),
  regionCode: regionCodeSchema.optional(),
});
export const geocodeResultSchema = z.object({
  label: z.string(),
  location: geoPointSchema,
  regionCode: z.string().nullable(),
  /** how exact: a house, a street or only the city */
  precision: z.enum(['house', 'street', 'city']),
});
export type GeocodeResult = z.infer<typeof geocodeResultSchema>;
export const geocodeResultsSchema = z.object({ results: z.array(geocodeResultSchema) });

// ---- the public map (/public/ra) ----

/** A service named in the map's filter: one of the four, else `center.service_unknown`. */
const mapServiceSchema = z.enum(centerServices, { error: 'center.service_unknown' });

/** The longest text typed into «Поиск по названию или адресу». */
export const MAP_SEARCH_MAX = 200;

/**
 * The viewport: «south,west,north,east» in degrees, as Leaflet's bounds give them. Longitudes are
 * taken modulo 360 (Chukotka lies past the 180th meridian, and a map panned east gives 191), so
 * west > east after wrapping is a view across that meridian, as in GeoJSON's bbox (RFC 7946, 5.2);
 * a view 360° wide or more is the whole circle. Latitudes stay within ±90 and south ≤ north.
 */
export const mapBboxSchema = text({ error: 'required' })
  .trim()
  .transform((v, ctx) => {
    const parts = v.split(',');
    const numbers = parts.map((p) => (/^-?\d{1,3}(\.\d{1,15})?$/.test(p.trim()) ? Number(p) : NaN));
    const [south, west, north, east] = numbers as [number, number, number, number];
    if (
      parts.length !== 4 ||
      numbers.some((n) => !Number.isFinite(n)) ||
      south < -90 ||
      north > 90 ||
      south > north ||
      Math.abs(west) > 540 ||
      Math.abs(east) > 540
    ) {
      ctx.addIssue({ code: 'custom', message: 'map.bbox_invalid' });
      return z.NEVER;
    }
    const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
    // an east edge on the meridian itself is 180, not -180: the view ends there
    const wrapEast = (lon: number) => (wrap(lon) === -180 && lon > 0 ? 180 : wrap(lon));
    const whole = west <= east && east - west >= 360;
    return { south, north, west: whole ? -180 : wrap(west), east: whole ? 180 : wrapEast(east) };
  });
export type MapBbox = z.output<typeof mapBboxSchema>;

/** Leaflet's zoom levels the map uses: 0 (the world) to 19 (a house). */
export const MAP_MIN_ZOOM = 0;
export const MAP_MAX_ZOOM = 19;
const mapZoomSchema = text({ error: 'required' })
  .trim()
  .regex(/^\d{1,2}$/, { error: 'map.zoom_invalid' })
  .transform(Number)
  .refine((z) => z >= MAP_MIN_ZOOM && z <= MAP_MAX_ZOOM, { error: 'map.zoom_invalid' });

/** «Открыто сейчас»: `true` or `false` (a switch), absent is off. */
const mapFlagSchema = z
  .enum(['true', 'false'], { error: 'map.flag_invalid' })
  .optional()
  .transform((v) => v === 'true');

/** The filters the map and its list share: region, service, «Открыто сейчас», search. */
export const mapFiltersSchema = z.object({
  regionCode: regionCodeSchema.optional(),
  service: mapServiceSchema.optional(),
  openNow: mapFlagSchema,
  /** by name or address: every word typed, in any order, any case, «е» for «ё» */
  q: text()
    .trim()
    .max(MAP_SEARCH_MAX, { error: 'too_long' })
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type MapFilters = z.output<typeof mapFiltersSchema>;

/** GET /api/map/viewport: the centers in view, as points or, when too many, as a grid of clusters. */
export const mapViewportQuerySchema = mapFiltersSchema.extend({
  bbox: mapBboxSchema,
  zoom: mapZoomSchema,
});
export type MapViewportQuery = z.input<typeof mapViewportQuerySchema>;

/** GET /api/map/centers: the list («Списком»), by name, a page at a time. */
export const mapListQuerySchema = mapFiltersSchema.extend({
  cursor: text().max(400, { error: 'too_long' }).optional(),
  limit: text()
    .regex(/^\d{1,3}$/, { error: 'map.limit_invalid' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, { error: 'map.limit_invalid' })
    .optional()
    .transform((n) => n ?? 20),
});
export type MapListQuery = z.input<typeof mapListQuerySchema>;

/** One center on the map: where, what it is called, what it offers, whether it is open now. */
export const mapPointSchema = z.object({
  id: z.string(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  services: z.array(centerServiceSchema),
  openNow: z.boolean(),
});
export type MapPoint = z.infer<typeof mapPointSchema>;

/** A cell of the server's grid: how many centers, at their mean point; the one center's id when alone. */
export const mapClusterSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  count: z.number().int(),
  centerId: z.string().nullable(),
});
export type MapCluster = z.infer<typeof mapClusterSchema>;

export const mapViewportSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('points'), points: z.array(mapPointSchema) }),
    z.object({
      kind: z.literal('clusters'),
      clusters: z.array(mapClusterSchema),
      /** all the centers in view */
      total: z.number().int(),
    }),
  ])
  .meta({ id: 'MapViewport' });
export type MapViewport = z.infer<typeof mapViewportSchema>;

export const mapListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  organizationShortName: z.string(),
  regionCode: z.string(),
  address: z.string(),
  services: z.array(centerServiceSchema),
  openNow: z.boolean(),
});
export type MapListItem = z.infer<typeof mapListItemSchema>;

export const mapListSchema = z
  .object({
    centers: z.array(mapListItemSchema),
    /** how many centers the filters find */
    total: z.number().int(),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MapList' });
export type MapList = z.infer<typeof mapListSchema>;

/** GET /api/map/settings: the optional raster tiles (MAP_TILE_URL); without them the shipped outlines. */
export const mapSettingsSchema = z
  .object({
    tileUrl: z.string().nullable(),
    tileAttribution: z.string().nullable(),
  })
  .meta({ id: 'MapSettings' });
export type MapSettings = z.infer<typeof mapSettingsSchema>;

/**
 * GET /api/map/centers/:centerId: the card. The services are the center's that the organization's
 * approvals allow now; the exceptions are those from today on, in the center's zone.
 */
export const publicCenterSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationId: z.string(),
    organizationShortName: z.string(),
    regionCode: z.string(),
    address: z.string(),
    location: geoPointSchema,
    timeZone: z.string(),
    hours: centerHoursSchema,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    directions: z.string().nullable(),
    accessibility: z.array(accessibilityFeatureSchema),
    services: z.array(centerServiceSchema),
    openNow: z.boolean(),
  })
  .meta({ id: 'PublicCenter' });
export type PublicCenter = z.infer<typeof publicCenterSchema>;
