import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  applicationEventKinds,
  applicationForms,
  applicationSigningMethods,
  applicationStatuses,
  type ApplicationContent,
  type ApplicationDraft,
} from '@openesia/contracts';
import { accounts } from './accounts.js';
import { bytea, ts } from './columns.js';
import { organizations } from './organizations.js';
import { signedDocuments } from './signatures.js';

/**
 * Applications Форма З and Форма И (seed 000, section 4; seed 004, steps 3-4). The status moves
 * only along the route of `domain/application/route.ts`, each move a conditional update on the
 * status it starts from, so that two operators deciding at once cannot both win.
 */
export const organizationApplications = pgTable(
  'organization_applications',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    form: text('form', { enum: applicationForms }).notNull(),
    status: text('status', { enum: applicationStatuses }).notNull(),
    /** the region whose operator checks it: the organization's region when it was created */
    regionCode: text('region_code').notNull(),
    /** what the organization has typed so far; validated whole by `applicationContentSchema` at submit */
    content: jsonb('content').$type<ApplicationDraft>().notNull(),
    signingMethod: text('signing_method', { enum: applicationSigningMethods }),
    /** the signed canonical form (qualified signature) or the signed scan, of the last submit */
    signedDocumentId: uuid('signed_document_id').references(() => signedDocuments.id),
    /** the regional operator's remarks of the last return */
    remarks: text('remarks'),
    /** the federal operator's reason of a rejection */
    rejectionReason: text('rejection_reason'),
    /** how many versions were signed and sent (organization_application_versions) */
    version: integer('version').notNull().default(0),
    /** bumped on every change: an edit made on a stale page is refused, not written over */
    revision: integer('revision').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    submittedAt: ts('submitted_at'),
    forwardedAt: ts('forwarded_at'),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    // One live application of a form per organization: a draft, or one on its way.
    uniqueIndex('organization_applications_one_live')
      .on(t.organizationId, t.form)
      .where(sql`${t.status} in ('draft', 'submitted', 'returned', 'forwarded')`),
    index('organization_applications_organization').on(t.organizationId, t.createdAt),
    // The regional operator's queue: submitted, oldest first.
    index('organization_applications_regional_queue')
      .on(t.regionCode, t.submittedAt, t.id)
      .where(sql`${t.status} = 'submitted'`),
    // The federal operator's queue: forwarded, oldest first.
    index('organization_applications_federal_queue')
      .on(t.forwardedAt, t.id)
      .where(sql`${t.status} = 'forwarded'`),
  ],
);

/**
 * The history of an application, one row per step of its route (the «История» the organization
 * and both operators see). Append-only, like the audit log it mirrors for this one application.
 */
export const organizationApplicationEvents = pgTable(
  'organization_application_events',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => organizationApplications.id),
    event: text('event', { enum: applicationEventKinds }).notNull(),
    /** the version sent or decided on, when the step concerns one */
    version: integer('version'),
    fromStatus: text('from_status', { enum: applicationStatuses }),
    toStatus: text('to_status', { enum: applicationStatuses }).notNull(),
    actorAccountId: uuid('actor_account_id')
      .notNull()
      .references(() => accounts.id),
    /** the remarks of a return or the reason of a rejection */
    comment: text('comment'),
    at: ts('at').notNull(),
  },
  (t) => [index('organization_application_events_application').on(t.applicationId, t.at)],
);

/**
 * Every version the organization signed and sent, as it was sent: the content, the signed
 * document (a qualified signature over the canonical form, in signed_documents) or the scan of
 * the hand-signed paper. Append-only: the operators and the organization see every version and
 * the remarks between them, and a later edit never changes what was signed.
 */
export const organizationApplicationVersions = pgTable(
  'organization_application_versions',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => organizationApplications.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ApplicationContent>().notNull(),
    /** SHA-256 of the canonical form (domain/application/canonical.ts) */
    digest: text('digest').notNull(),
    signingMethod: text('signing_method', { enum: applicationSigningMethods }).notNull(),
    signedDocumentId: uuid('signed_document_id').references(() => signedDocuments.id),
    scan: bytea('scan'),
    scanType: text('scan_type'),
    scanFileName: text('scan_file_name'),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => accounts.id),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.version] })],
);

/**
 * The opening plan's deadline in a region (seed 000: the governor's order «в срок до 28 августа
 * 2017г. организовать … центр обслуживания»), set by the region's operator; a region without a row
 * has the configured default (OPENING_PLAN_DEADLINE), or none. Every change is in the audit log.
 */
export const regionPlanDeadlines = pgTable('region_plan_deadlines', {
  regionCode: text('region_code').primaryKey(),
  /** the last day of the plan, a calendar date in Moscow */
  deadline: date('deadline', { mode: 'string' }).notNull(),
  setBy: uuid('set_by')
    .notNull()
    .references(() => accounts.id),
  setAt: ts('set_at').notNull(),
});
