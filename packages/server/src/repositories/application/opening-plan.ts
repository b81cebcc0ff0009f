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

/**
 * Correlated subqueries over the organization of the row. Written as SQL text: inside a select
 * list over one table Drizzle prints columns without their table, which would make
 * `organization_id = id` compare the inner table with itself. Nothing in them comes from a request.
 */
const perOrganization = <T>(text: string) => sql<T>`(${sql.raw(text)})`;

const approvedAt = (approval: 'form_z' | 'form_i') =>
  perOrganization<Date | null>(
    `select a.granted_at from organization_approvals a
      where a.organization_id = organizations.id and a.approval = '${approval}' and a.revoked_at is null`,
  ).mapWith((v: Date | string | null) => (v === null ? null : new Date(v)));

/** an active employee `m` of the row's organization in one of `groups` */
const inGroup = (...groups: string[]) =>
  `exists (select 1 from organization_group_members g where g.organization_id = m.organization_id
    and g.account_id = m.account_id and g."group" in (${groups.map((g) => `'${g}'`).join(', ')}))`;

const countMembers = (condition: string) =>
  perOrganization<number>(
    `select count(*) from organization_members m
      where m.organization_id = organizations.id and m.removed_at is null and (${condition})`,
  ).mapWith(Number);

export async function listPlanOrganizations(db: DbOrTx, scope: PlanScope): Promise<PlanOrganizationRow[]> {
  return db
    .select({
      id: organizations.id,
      shortName: organizations.shortName,
      fullName: organizations.fullName,
      ogrn: organizations.ogrn,
      inn: organizations.inn,
      type: organizations.type,
      regionCode: organizations.regionCode,
      status: organizations.status,
      registeredAt: organizations.registeredAt,
      // seed 004, 2.1: the official of the technological functions — in the group «Технологический
      // портал», or an administrator of the profile (the seed's advice) other than the head
      technicalOfficials: countMembers(`(m.is_administrator and not m.is_head) or ${inGroup('tech_portal')}`),
      // seed 004, 2.2-2.3: the officials who will serve applicants, joined to the profile
      operators: countMembers('not m.is_head'),
      // seed 004, 6.1: employees in the groups of АРМ «Центр обслуживания»
      operatorsInWorkstationGroups: countMembers(inGroup('identity_specialists', 'registration_specialists')),
      formZApprovedAt: approvedAt('form_z'),
      formIApprovedAt: approvedAt('form_i'),
    })
    .from(organizations)
    .where(scopeCondition(scope));
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
