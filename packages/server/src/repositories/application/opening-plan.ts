import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { CenterService } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { organizationMembers, organizations, signedDocuments } from '../../db/schema/index.js';

/**
 * What the opening plan (seed 004) is computed from, for one organization, a region's or all of
 * them, in three statements whatever their number: the organizations with their counts and
 * approvals (correlated subqueries, each an index lookup by organization: the active-members
 * index, the groups' and the approvals' primary keys), the certificates their employees
 * signed with, and their active service centers grouped by services. A rejected registration is no organization of the region's register: the
 * operators' tables leave it out.
 */
export type PlanScope = { organizationId: string } | { regionCode: string } | 'all';

export interface PlanOrganizationRow {
  id: string;
  shortName: string;
  fullName: string;
  ogrn: string;
  inn: string;
  type: (typeof organizations.$inferSelect)['type'];
  regionCode: string;
  status: (typeof organizations.$inferSelect)['status'];
  registeredAt: Date | null;
  /** blocked by the federal operator now: none of its centers is on the map */
  blocked: boolean;
  technicalOfficials: number;
  operators: number;
  operatorsInWorkstationGroups: number;
  formZApprovedAt: Date | null;
  formIApprovedAt: Date | null;
}

/** One organization whatever its status (its own page shows where it stands); a region's live ones. */
function scopeCondition(scope: PlanScope): SQL {
  const live = ne(organizations.status, 'rejected');
  if (scope === 'all') return live;
  if ('organizationId' in scope) return eq(organizations.id, scope.organizationId);
  return and(eq(organizations.regionCode, scope.regionCode), live)!;
}

interface PlanOrganizationDbRow {
  id: string;
  short_name: string;
  full_name: string;
  ogrn: string;
  inn: string;
  type: PlanOrganizationRow['type'];
  region_code: string;
  status: PlanOrganizationRow['status'];
  registered_at: Date | string | null;
  blocked: boolean;
  technical_officials: number;
  operators: number;
  in_workstation_groups: number;
  form_z_at: Date | string | null;
  form_i_at: Date | string | null;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));

/**
 * The organizations in scope with what their plan counts. Each count is one grouped pass over the
 * employees (and their groups, and the approvals) of the organizations in scope, joined to them:
 * for a region the planner reaches them through the organization indexes, for the whole country
 * it hashes each table once, where subqueries per organization would repeat five lookups for each.
 */
export async function listPlanOrganizations(db: DbOrTx, scope: PlanScope): Promise<PlanOrganizationRow[]> {
  const result: unknown = await db.execute(sql`
    with scoped as not materialized (
      select ${organizations.id} as id from ${organizations} where ${scopeCondition(scope)}
    ),
    groups as (
      select g.organization_id, g.account_id,
        bool_or(g."group" = 'tech_portal') as tech_portal,
        bool_or(g."group" in ('identity_specialists', 'registration_specialists')) as workstation
      from organization_group_members g join scoped s on s.id = g.organization_id
      group by g.organization_id, g.account_id
    ),
    members as (
      select m.organization_id,
        -- seed 004, 2.1: the official of the technological functions — in the group «Технологический
        -- портал», or an administrator of the profile (the seed's advice) other than the head
        count(*) filter (where (m.is_administrator and not m.is_head) or coalesce(g.tech_portal, false))::int
          as technical_officials,
        -- seed 004, 2.2-2.3: the officials who will serve applicants, joined to the profile
        count(*) filter (where not m.is_head)::int as operators,
        -- seed 004, 6.1: employees in the groups of АРМ «Центр обслуживания»
        count(*) filter (where coalesce(g.workstation, false))::int as in_workstation_groups
      from organization_members m
        join scoped s on s.id = m.organization_id
        left join groups g on g.organization_id = m.organization_id and g.account_id = m.account_id
      where m.removed_at is null
      group by m.organization_id
    ),
    approvals as (
      select a.organization_id,
        max(a.granted_at) filter (where a.approval = 'form_z') as form_z_at,
        max(a.granted_at) filter (where a.approval = 'form_i') as form_i_at
      from organization_approvals a join scoped s on s.id = a.organization_id
      where a.revoked_at is null
      group by a.organization_id
    )
    select o.id, o.short_name, o.full_name, o.ogrn, o.inn, o.type, o.region_code, o.status, o.registered_at,
      o.blocked_at is not null as blocked,
      coalesce(mc.technical_officials, 0) as technical_officials,
      coalesce(mc.operators, 0) as operators,
      coalesce(mc.in_workstation_groups, 0) as in_workstation_groups,
      ap.form_z_at, ap.form_i_at
    from scoped s
      join organizations o on o.id = s.id
      left join members mc on mc.organization_id = s.id
      left join approvals ap on ap.organization_id = s.id`);
  // read as trustListVersion does: the result may be { rows } or the rows, by driver
  const rows = ((result as { rows?: unknown }).rows ?? result) as PlanOrganizationDbRow[];
  return rows.map((r) => ({
    id: r.id,
    shortName: r.short_name,
    fullName: r.full_name,
    ogrn: r.ogrn,
    inn: r.inn,
    type: r.type,
    regionCode: r.region_code,
    status: r.status,
    registeredAt: date(r.registered_at),
    blocked: r.blocked,
    technicalOfficials: Number(r.technical_officials),
    operators: Number(r.operators),
    operatorsInWorkstationGroups: Number(r.in_workstation_groups),
    formZApprovedAt: date(r.form_z_at),
    formIApprovedAt: date(r.form_i_at),
  }));
}

/**
 * The certificates the employees (not the head) of the organizations in scope signed documents
 * with in ЕСИА (signed_documents keeps each signer's certificate), one row per employee and
 * certificate. Only certificates whose bytes hold the organization's ОГРН as text are read: a
 * certificate's ОГРН attribute is a NumericString, its digits stored as they are, so this keeps
 * every certificate that can be the organization's and drops the personal ones; the caller parses
 * the rest and compares the attribute itself.
 */
export async function listEmployeeCertificates(
  db: DbOrTx,
  scope: PlanScope,
): Promise<{ organizationId: string; accountId: string; certificate: Buffer }[]> {
  const m = organizationMembers;
  const d = signedDocuments;
  const rows = await db
    .selectDistinct({ organizationId: m.organizationId, accountId: m.accountId, certificate: d.certificate })
    .from(m)
    .innerJoin(organizations, eq(organizations.id, m.organizationId))
    .innerJoin(d, eq(d.accountId, m.accountId))
    .where(
      and(
        scopeCondition(scope),
        sql`${m.removedAt} is null`,
        eq(m.isHead, false),
        eq(d.result, 'valid'),
        sql`position(convert_to(${organizations.ogrn}, 'UTF8') in ${d.certificate}) > 0`,
      ),
    );
  return rows.filter((r): r is typeof r & { certificate: Buffer } => r.certificate !== null);
}

/** Active centers of one organization offering one list of services. */
export interface ActiveCenterGroupRow {
  organizationId: string;
  services: CenterService[];
  /** when the earliest of them last became «Действующий» */
  firstActiveAt: Date;
  /** the employees attached to them as operators */
  operatorIds: string[];
}

/** A text[] as the driver gives it: an array, or its literal. */
function textArray<T extends string>(value: T[] | string): T[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return (inner ? inner.split(',') : []) as T[];
}

/**
 * The active service centers of the organizations in scope, grouped by organization and services
 * (whether a group is on the map is the approvals' rule, applied by the caller): since when, the
 * latest «activated» event of each center (its creation when the history has none), and the
 * operators attached who are still employees.
 */
export async function listActiveCenterGroups(db: DbOrTx, scope: PlanScope): Promise<ActiveCenterGroupRow[]> {
  const result: unknown = await db.execute(sql`
    with scoped as not materialized (
      select ${organizations.id} as id from ${organizations} where ${scopeCondition(scope)}
    ),
    active as (
      select c.id, c.organization_id, c.services,
        coalesce(
          (select max(e.at) from service_center_events e where e.center_id = c.id and e.kind = 'activated'),
          c.created_at
        ) as since
      from service_centers c join scoped s on s.id = c.organization_id
      where c.status = 'active'
    )
    select a.organization_id, a.services, min(a.since) as first_at,
      coalesce(array_agg(distinct op.account_id::text) filter (where m.id is not null), '{}'::text[]) as operators
    from active a
      left join service_center_operators op on op.center_id = a.id
      left join organization_members m
        on m.organization_id = a.organization_id and m.account_id = op.account_id and m.removed_at is null
    group by a.organization_id, a.services`);
  const rows = ((result as { rows?: unknown }).rows ?? result) as {
    organization_id: string;
    services: CenterService[] | string;
    first_at: Date | string;
    operators: string[] | string;
  }[];
  return rows.map((r) => ({
    organizationId: r.organization_id,
    services: textArray(r.services),
    firstActiveAt: new Date(r.first_at),
    operatorIds: textArray(r.operators),
  }));
}
