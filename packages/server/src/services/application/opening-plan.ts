import {
  digitsOnly,
  type FederalPlan,
  type OrganizationApproval,
  type OrganizationPlan,
  type PlanDeadline,
  type PlanEventStep,
  type PlanGap,
  type PlanStage,
  type PlanTableFilter,
  type PlanTableRow,
  regions,
  type RegionPlan,
} from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  controlEvents,
  countByStage,
  isOverdue,
  openingPlan,
  planDeadline,
  planStage,
  planTable,
  type PlanDeadlineState,
  type PlanFacts,
  type PlanStepState,
} from '../../domain/application/plan.js';
import { servicesOnMap } from '../../domain/center/report.js';
import type { Actor, RegionalOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { moscowToday } from '../../domain/shared/moscow-time.js';
import { parseCertificate } from '../../domain/signature/certificate.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import {
  listActiveCenterGroups,
  listEmployeeCertificates,
  listPlanOrganizations,
  type PlanOrganizationRow,
  type PlanScope,
} from '../../repositories/application/opening-plan.js';
import {
  deletePlanDeadline,
  findPlanDeadline,
  listPlanDeadlines,
  upsertPlanDeadline,
} from '../../repositories/application/plan-deadlines.js';
import type { RequestMeta } from '../platform/sessions.js';
import { planWorkbook, XLSX_TYPE } from './plan-xlsx.js';

/** The XLSX of a region's table, named with the region's code and the day. */
export interface PlanFile {
  bytes: Buffer;
  type: string;
  fileName: string;
}

/** One organization's plan as computed now. */
interface ComputedPlan {
  organization: PlanOrganizationRow;
  facts: PlanFacts;
  steps: PlanStepState[];
  stage: PlanStage;
  events: Record<PlanEventStep, Date | null>;
  missing: PlanGap[];
  overdue: boolean;
}

/** The ОГРН a certificate carries (OID 1.2.643.100.1), or null; a certificate we cannot read has none. */
function certificateOgrn(der: Buffer): string | null {
  try {
    return digitsOnly(parseCertificate(der).subject.ogrn ?? '') || null;
  } catch {
    return null;
  }
}

/** The approvals an organization holds now, from the dates the loader reads. */
function approvalsHeld(o: PlanOrganizationRow): OrganizationApproval[] {
  return [
    ...(o.formZApprovedAt ? (['form_z'] as const) : []),
    ...(o.formIApprovedAt ? (['form_i'] as const) : []),
  ];
}

/**
 * The facts loader: everything the plan of the organizations in `scope` is computed from, in three
 * statements (repositories/application/opening-plan.ts), whatever their number.
 */
async function loadFacts(
  db: DbOrTx,
  scope: PlanScope,
): Promise<{ organization: PlanOrganizationRow; facts: PlanFacts }[]> {
  const [organizations, certificates, centerGroups] = await Promise.all([
    listPlanOrganizations(db, scope),
    listEmployeeCertificates(db, scope),
    listActiveCenterGroups(db, scope),
  ]);
  const ogrnOf = new Map(organizations.map((o) => [o.id, o.ogrn]));
  // seed 004, 2.3: «получить ЭП (служебные, с указанием соответственного ИНН и ОГРН организации)».
  // Sign-in by signature keeps no certificate (only its serial number, in the audit log), so the
  // evidence is a document the employee signed in ЕСИА with a certificate of this ОГРН.
  const holders = new Map<string, Set<string>>();
  for (const c of certificates) {
    if (certificateOgrn(c.certificate) !== ogrnOf.get(c.organizationId)) continue;
    const set = holders.get(c.organizationId) ?? new Set<string>();
    set.add(c.accountId);
    holders.set(c.organizationId, set);
  }
  // seed 004, step 5: «На карте ЕСИА и в отчёте ЕСИА добавлен новый ЦО» — an active center the
  // public map shows (the map's and the report's rule: domain/center/report.ts), reached when the
  // earliest of those became «Действующий»; step 6 counts the employees attached to them.
  const byOrganization = new Map(organizations.map((o) => [o.id, o]));
  const onMap = new Map<string, { since: Date; operators: Set<string> }>();
  for (const g of centerGroups) {
    const o = byOrganization.get(g.organizationId);
    if (
      !o ||
      !servicesOnMap(
        { status: 'active', services: g.services },
        { approvals: approvalsHeld(o), blocked: o.blocked },
      ).length
    )
      continue;
    const entry = onMap.get(o.id) ?? { since: g.firstActiveAt, operators: new Set<string>() };
    if (g.firstActiveAt < entry.since) entry.since = g.firstActiveAt;
    g.operatorIds.forEach((id) => entry.operators.add(id));
    onMap.set(o.id, entry);
  }
  return organizations.map((o) => ({
    organization: o,
    facts: {
      status: o.status,
      registeredAt: o.status === 'registered' ? o.registeredAt : null,
      technicalOfficials: o.technicalOfficials,
      operators: o.operators,
      operatorsWithServiceCertificate: holders.get(o.id)?.size ?? 0,
      formZApprovedAt: o.formZApprovedAt,
      formIApprovedAt: o.formIApprovedAt,
      operatorsInWorkstationGroups: o.operatorsInWorkstationGroups,
      firstActiveCenterAt: onMap.get(o.id)?.since ?? null,
      operatorsAttachedToActiveCenters: onMap.get(o.id)?.operators.size ?? 0,
      // The operator's workstation (АРМ «Центр обслуживания» 2.0) is the issue after this one:
      // no workstation sign-in is stored yet, so nobody signed in, and the plan says so.
      firstWorkstationSignInAt: null,
    },
  }));
}

function compute(
  loaded: { organization: PlanOrganizationRow; facts: PlanFacts },
  deadline: PlanDeadlineState,
  today: string,
): ComputedPlan {
  const steps = openingPlan(loaded.facts);
  const stage = planStage(steps);
  return {
    ...loaded,
    steps,
    stage,
    events: controlEvents(steps),
    missing: steps.find((s) => s.state === 'current')?.missing ?? [],
    overdue: isOverdue(stage, deadline.date, today),
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function deadlineView(d: PlanDeadlineState): PlanDeadline {
  return { date: d.date, source: d.source, setAt: iso(d.setAt) };
}

function organizationView(plan: ComputedPlan, deadline: PlanDeadlineState, today: string): OrganizationPlan {
  const o = plan.organization;
  return {
    organization: {
      id: o.id,
      shortName: o.shortName,
      fullName: o.fullName,
      ogrn: o.ogrn,
      inn: o.inn,
      type: o.type,
      regionCode: o.regionCode,
      status: o.status,
    },
    stage: plan.stage,
    steps: plan.steps.map((s) => ({ ...s, reachedAt: iso(s.reachedAt) })),
    facts: {
      technicalOfficials: plan.facts.technicalOfficials,
      operators: plan.facts.operators,
      operatorsWithServiceCertificate: plan.facts.operatorsWithServiceCertificate,
      operatorsInWorkstationGroups: plan.facts.operatorsInWorkstationGroups,
    },
    deadline: deadlineView(deadline),
    overdue: plan.overdue,
    today,
  };
}

function rowView(plan: ComputedPlan): PlanTableRow {
  const o = plan.organization;
  return {
    id: o.id,
    shortName: o.shortName,
    fullName: o.fullName,
    ogrn: o.ogrn,
    inn: o.inn,
    type: o.type,
    status: o.status,
    stage: plan.stage,
    events: {
      registration: iso(plan.events.registration),
      form_z: iso(plan.events.form_z),
      form_i: iso(plan.events.form_i),
      centers: iso(plan.events.centers),
      workstations: iso(plan.events.workstations),
    },
    missing: plan.missing,
    overdue: plan.overdue,
  };
}

/** A region's table under the filter, with the rows as the domain sorted them. */
interface RegionTable {
  regionCode: string;
  deadline: PlanDeadlineState;
  today: string;
  all: ComputedPlan[];
  rows: ComputedPlan[];
}

/**
 * «План открытия ЦО» (issue 10, item 6; seed 004): each organization sees its six steps and their
 * control events computed from its state now (domain/application/plan.ts), with what is missing
 * for the next one; the regional operator sees every organization of its region with its stage,
 * the date of each event and the region's deadline (seed 000: the governor's order), filtered,
 * sorted and downloadable as XLSX, and sets that deadline; the federal operator sees every region
 * by stage, and any region's table or organization. Nothing is stored but the deadlines: the plan
 * is always computed, never ticked by hand.
 */
export class OpeningPlanService {
  constructor(private readonly deps: { db: Db; clock: Clock; config: Config }) {}

  private today(): string {
    return moscowToday(this.deps.clock.now());
  }

  private async deadlineOf(db: DbOrTx, regionCode: string): Promise<PlanDeadlineState> {
    const row = await findPlanDeadline(db, regionCode);
    return planDeadline(row ?? null, this.deps.config.openingPlan.defaultDeadline);
  }

  private async organizationPlan(organizationId: string): Promise<OrganizationPlan & { regionCode: string }> {
    const { db } = this.deps;
    const [loaded] = await loadFacts(db, { organizationId });
    if (!loaded) throw new AppError('organization.not_found');
    const deadline = await this.deadlineOf(db, loaded.organization.regionCode);
    const today = this.today();
    return {
      ...organizationView(compute(loaded, deadline, today), deadline, today),
      regionCode: loaded.organization.regionCode,
    };
  }

  private async regionTable(regionCode: string, filter: PlanTableFilter): Promise<RegionTable> {
    const { db } = this.deps;
    const [loaded, deadline] = await Promise.all([
      loadFacts(db, { regionCode }),
      this.deadlineOf(db, regionCode),
    ]);
    const today = this.today();
    const all = loaded.map((l) => compute(l, deadline, today));
    const rows = planTable(
      all.map((plan) => ({
        ...plan.organization,
        stage: plan.stage,
        events: plan.events,
        overdue: plan.overdue,
        plan,
      })),
      filter,
    ).map((r) => r.plan);
    return { regionCode, deadline, today, all, rows };
  }

  private static regionView(table: RegionTable): RegionPlan {
    const { byStage, overdue } = countByStage(table.all);
    return {
      regionCode: table.regionCode,
      deadline: deadlineView(table.deadline),
      today: table.today,
      total: table.all.length,
      byStage,
      overdue,
      rows: table.rows.map(rowView),
    };
  }

  private static async workbook(table: RegionTable, filter: PlanTableFilter) {
    const bytes = await planWorkbook({
      regionCode: table.regionCode,
      deadline: table.deadline.date,
      today: table.today,
      filter,
      rows: table.rows.map((p) => ({ ...rowView(p), events: p.events })),
    });
    return {
      bytes,
      type: XLSX_TYPE,
      fileName: `План открытия ЦО — ${table.regionCode} — ${table.today}.xlsx`,
    };
  }

  // ---- the organization ----

  /** «План открытия ЦО» of the organization the person acts for (any employee). */
  async own(actor: Actor): Promise<OrganizationPlan> {
    assertAllowed(actor, 'opening_plan.read');
    const organizationId = actor.kind === 'organization_member' ? actor.organizationId : '';
    assertAllowed(actor, 'opening_plan.read', { organizationId });
    const { regionCode: _, ...plan } = await this.organizationPlan(organizationId);
    return plan;
  }

  // ---- the regional operator: its own region only ----

  private region(actor: Actor, action: 'opening_plan.read_regional' | 'opening_plan.set_deadline'): string {
    assertAllowed(actor, action);
    const { regionCode } = actor as RegionalOperatorActor;
    assertAllowed(actor, action, { regionCode });
    return regionCode;
  }

  async regional(actor: Actor, filter: PlanTableFilter): Promise<RegionPlan> {
    const regionCode = this.region(actor, 'opening_plan.read_regional');
    return OpeningPlanService.regionView(await this.regionTable(regionCode, filter));
  }

  async regionalXlsx(actor: Actor, filter: PlanTableFilter): Promise<PlanFile> {
    const regionCode = this.region(actor, 'opening_plan.read_regional');
    return OpeningPlanService.workbook(await this.regionTable(regionCode, filter), filter);
  }

  /** One organization's plan; another region's organization is not found, as an unknown one is. */
  async regionalOrganization(actor: Actor, organizationId: string): Promise<OrganizationPlan> {
    const regionCode = this.region(actor, 'opening_plan.read_regional');
    const { regionCode: of, ...plan } = await this.organizationPlan(organizationId);
    if (of !== regionCode || plan.organization.status === 'rejected')
      throw new AppError('organization.not_found');
    return plan;
  }

  /**
   * The region's deadline (the governor's order, seed 000), or null to return to the configured
   * default; one transaction with its audit entry, which keeps the previous date.
   */
  async setDeadline(actor: Actor, deadline: string | null, meta: RequestMeta): Promise<PlanDeadline> {
    const regionCode = this.region(actor, 'opening_plan.set_deadline');
    const { db, clock, config } = this.deps;
    const { accountId } = actor as RegionalOperatorActor;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const previous = await findPlanDeadline(tx, regionCode, { forUpdate: true });
      if (deadline === null) await deletePlanDeadline(tx, regionCode);
      else await upsertPlanDeadline(tx, { regionCode, deadline, setBy: accountId, setAt: now });
      await appendAudit(
        tx,
        {
          event: 'opening_plan.deadline_set',
          ...auditActor(actor),
          subjectId: null,
          ip: meta.ip,
          data: { regionCode, deadline, previous: previous?.deadline ?? null },
        },
        now,
      );
      return deadlineView(
        planDeadline(deadline === null ? null : { deadline, setAt: now }, config.openingPlan.defaultDeadline),
      );
    });
  }

  // ---- the federal operator: every region ----

  /** Every region (all 89, those without organizations too) by stage, with its deadline. */
  async federal(actor: Actor): Promise<FederalPlan> {
    assertAllowed(actor, 'opening_plan.read_federal');
    const { db, config } = this.deps;
    const [loaded, deadlines] = await Promise.all([loadFacts(db, 'all'), listPlanDeadlines(db)]);
    const today = this.today();
    const deadlineOf = (code: string) =>
      planDeadline(deadlines.get(code) ?? null, config.openingPlan.defaultDeadline);
    const byRegion = new Map<string, ComputedPlan[]>();
    for (const l of loaded) {
      const code = l.organization.regionCode;
      const list = byRegion.get(code) ?? [];
      list.push(compute(l, deadlineOf(code), today));
      byRegion.set(code, list);
    }
    const summaries = regions.map(([code]) => {
      const plans = byRegion.get(code) ?? [];
      return {
        regionCode: code,
        total: plans.length,
        ...countByStage(plans),
        deadline: deadlineView(deadlineOf(code)),
      };
    });
    const all = countByStage([...byRegion.values()].flat());
    return { today, regions: summaries, byStage: all.byStage, total: loaded.length };
  }

  async federalRegion(actor: Actor, regionCode: string, filter: PlanTableFilter): Promise<RegionPlan> {
    assertAllowed(actor, 'opening_plan.read_federal');
    return OpeningPlanService.regionView(await this.regionTable(regionCode, filter));
  }

  async federalRegionXlsx(actor: Actor, regionCode: string, filter: PlanTableFilter): Promise<PlanFile> {
    assertAllowed(actor, 'opening_plan.read_federal');
    return OpeningPlanService.workbook(await this.regionTable(regionCode, filter), filter);
  }

  async federalOrganization(actor: Actor, organizationId: string): Promise<OrganizationPlan> {
    assertAllowed(actor, 'opening_plan.read_federal');
    const { regionCode: _, ...plan } = await this.organizationPlan(organizationId);
    return plan;
  }
}
