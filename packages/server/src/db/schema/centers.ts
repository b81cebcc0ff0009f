import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  centerEventKinds,
  centerStatuses,
  type AccessibilityFeature,
  type CenterHours,
  type CenterService,
} from '@openesia/contracts';
import { accounts } from './accounts.js';
import { ts } from './columns.js';
import { organizations } from './organizations.js';

/**
 * A multirange, written and compared in SQL only (the service builds its literal; nothing reads it
 * back): «Открыто сейчас» is then one index-free test per row in the map's query.
 */
const multirange = (kind: 'int4multirange' | 'tstzmultirange') =>
  customType<{ data: string; driverData: string }>({ dataType: () => kind });

/**
 * Service centers (issue 11; seed 000, section 5; seed 002, steps 6-10), registered by an
 * organization's technical officers on the technological portal. A new center is «Недействующий»;
 * «Действующий» needs its data complete and an operator attached. The map shows the active centers
 * of organizations that are not blocked, with the services the approvals allow now (computed on
 * each read from domain/organization/approvals.ts, never stored here).
 */
export const serviceCenters = pgTable(
  'service_centers',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address').notNull(),
    /** the address in lower case with its punctuation and abbreviations folded: duplicates are equal keys */
    addressKey: text('address_key').notNull(),
    /** WGS 84 degrees; null until the point is picked */
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    timeZone: text('time_zone').notNull(),
    hours: jsonb('hours').$type<CenterHours>().notNull(),
    /**
     * The weekly hours as minutes of the week in UTC ([0, 10080), Monday 00:00 UTC = 0), and the
     * exceptions' dates and hours as absolute time: «Открыто сейчас» in SQL is
     * (weekly @> minute and not exception_days @> now) or exception_open @> now.
     */
    weeklyOpenUtc: multirange('int4multirange')('weekly_open_utc').notNull(),
    exceptionDays: multirange('tstzmultirange')('exception_days').notNull(),
    exceptionOpen: multirange('tstzmultirange')('exception_open').notNull(),
    phone: text('phone'),
    email: text('email'),
    directions: text('directions'),
    accessibility: text('accessibility').array().$type<AccessibilityFeature[]>().notNull(),
    services: text('services').array().$type<CenterService[]>().notNull(),
    status: text('status', { enum: centerStatuses }).notNull(),
    /** every change bumps it: a page edited from a stale read is refused */
    revision: integer('revision').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('service_centers_organization').on(t.organizationId, t.name, t.id),
    index('service_centers_region').on(t.regionCode, t.status),
    index('service_centers_address').on(t.addressKey),
    // The map's viewport: a range on latitude, then longitude, over the active centers only.
    index('service_centers_map')
      .on(t.lat, t.lon)
      .where(sql`${t.status} = 'active'`),
    index('service_centers_map_region')
      .on(t.regionCode, t.lat, t.lon)
      .where(sql`${t.status} = 'active'`),
  ],
);

/**
 * Operators attached to a center (seed 002, step 7). Access at a center needs the row and, at that
 * moment, membership of an АРМ group: leaving the group ends it without touching this table, and
 * coming back restores it. Detaching deletes the row; the history keeps who did it.
 */
export const serviceCenterOperators = pgTable(
  'service_center_operators',
  {
    centerId: uuid('center_id')
      .notNull()
      .references(() => serviceCenters.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    attachedAt: ts('attached_at').notNull(),
    attachedBy: uuid('attached_by')
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [
    primaryKey({ columns: [t.centerId, t.accountId] }),
    index('service_center_operators_account').on(t.accountId),
  ],
);

/** A center's history: every change with who made it, append-only (a trigger refuses the rest). */
export const serviceCenterEvents = pgTable(
  'service_center_events',
  {
    id: uuid('id').primaryKey(),
    /** the order of the events, also of those written within one clock tick */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => serviceCenters.id),
    at: ts('at').notNull(),
    kind: text('kind', { enum: centerEventKinds }).notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    /** the name shown: the person's, or «Система» */
    actorName: text('actor_name').notNull(),
    changedFields: text('changed_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    operatorAccountId: uuid('operator_account_id').references(() => accounts.id),
    operatorName: text('operator_name'),
  },
  (t) => [index('service_center_events_center').on(t.centerId, t.seq)],
);
