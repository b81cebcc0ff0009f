import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organizationMembers, organizations, signedDocuments } from '../../db/schema/index.js';

/**
 * What the opening plan (seed 004) is computed from, for one organization, a region's or all of
 * them, in two statements whatever their number: the organizations with their counts and
 * approvals (correlated subqueries, each an index lookup by organization: the active-members
 * index, the groups' and the approvals' primary keys), and the certificates their employees
 * signed with. A rejected registration is no organization of the region's register: the
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
