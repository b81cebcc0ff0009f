import {
  planStages,
  planSteps,
  type OrganizationStatus,
  type PlanEventStep,
  type PlanGap,
  type PlanSortKey,
  type PlanStage,
  type PlanStep,
  type PlanTableFilter,
} from '@openesia/contracts';

/**
 * The opening plan of seed 004 («План мероприятий по открытию центров обслуживания»): six steps,
 * five of them ending in a control event («Контрольное событие»). Each step is computed from the
 * organization's real state, never ticked by hand; what is missing for the next event is named by
 * a code the pages turn into a sentence and a link to where it is done. The steps, their events
 * and the gaps' words are contracts' (opening-plan.ts):
 *  1. registration in ЕСИА → «Орган (организация) зарегистрирован в ЕСИА»
 *  2. officials defined: a technical official and operators, confirmed, with service certificates
 *  3. Форма З → «Получено согласование на выдачу ПЭП»
 *  4. Форма И → «Получено согласование на использование АРМ ЕСИА версии 2»
 *  5. centers → «На карте ЕСИА и в отчёте ЕСИА добавлен новый ЦО»
 *  6. operators' workstations → «Работы по организации ЦО завершены»
 */

/** What the plan is computed from: the organization's state, counted by the services. */
export interface PlanFacts {
  status: OrganizationStatus;
  registeredAt: Date | null;
  /** members of «Технологический портал», or administrators besides the head */
  technicalOfficials: number;
  /** employees other than the head (every employee's account is confirmed: invitations demand it) */
  operators: number;
  /**
   * of those, the ones who showed ЕСИА a qualified certificate with the organization's ОГРН (seed
   * 004, 2.3: «служебные, с указанием … ОГРН организации»): a document they signed with it is kept
   */
  operatorsWithServiceCertificate: number;
  formZApprovedAt: Date | null;
  formIApprovedAt: Date | null;
  /**
   * when the earliest of its centers the public map shows now became «Действующий» (the map's
   * rule: active, the organization not blocked, a service its approvals allow; domain/center/report.ts)
   */
  firstActiveCenterAt: Date | null;
  operatorsInWorkstationGroups: number;
  /** employees attached as operators to those centers */
  operatorsAttachedToActiveCenters: number;
  /** the first sign-in to the workstation by an operator in a group and attached to a center */
  firstWorkstationSignInAt: Date | null;
}

export interface PlanStepState {
  step: PlanStep;
  state: 'done' | 'current' | 'pending';
  /** when its control event was reached (the officials' step has none) */
  reachedAt: Date | null;
  /** what is missing for it, in order; empty when done */
  missing: PlanGap[];
}

/**
 * The steps in order: each done or not on its own facts; the first one not done is `current`, the
 * rest `pending`. Steps are not gated on the previous ones: an organization that registered its
 * centers before its officials' certificates arrived sees both facts as they are.
 */
export function openingPlan(facts: PlanFacts): PlanStepState[] {
  const gaps: Record<PlanStep, { missing: PlanGap[]; reachedAt: Date | null }> = {
    registration: {
      missing: facts.status === 'registered' ? [] : ['organization_not_registered'],
      reachedAt: facts.status === 'registered' ? facts.registeredAt : null,
    },
    officials: {
      missing: [
        ...(facts.technicalOfficials > 0 ? [] : (['no_technical_official'] as const)),
        ...(facts.operators > 0 ? [] : (['no_operators'] as const)),
        ...(facts.operators > 0 && facts.operatorsWithServiceCertificate === 0
          ? (['operators_without_service_certificate'] as const)
          : []),
      ],
      reachedAt: null,
    },
    form_z: {
      missing: facts.formZApprovedAt ? [] : ['form_z_not_approved'],
      reachedAt: facts.formZApprovedAt,
    },
    form_i: {
      missing: facts.formIApprovedAt ? [] : ['form_i_not_approved'],
      reachedAt: facts.formIApprovedAt,
    },
    centers: {
      missing: facts.firstActiveCenterAt ? [] : ['no_active_center'],
      reachedAt: facts.firstActiveCenterAt,
    },
    workstations: {
      missing: [
        ...(facts.operatorsInWorkstationGroups > 0 ? [] : (['no_operator_in_workstation_groups'] as const)),
        ...(facts.operatorsAttachedToActiveCenters > 0 ? [] : (['no_operator_attached_to_center'] as const)),
        ...(facts.firstWorkstationSignInAt ? [] : (['no_operator_signed_in_to_workstation'] as const)),
      ],
      reachedAt: facts.firstWorkstationSignInAt,
    },
  };
  let currentSeen = false;
  return planSteps.map((step) => {
    const { missing, reachedAt } = gaps[step];
    if (!missing.length) return { step, state: 'done', reachedAt, missing };
    const state = currentSeen ? 'pending' : 'current';
    currentSeen = true;
    return { step, state, reachedAt: null, missing };
  });
}

/** Where the organization stands: its first step not done (the `current` one), or `complete`. */
export function planStage(steps: readonly PlanStepState[]): PlanStage {
  return steps.find((s) => s.state === 'current')?.step ?? 'complete';
}

/** The date each control event was reached (step 2 has none), for the operators' tables. */
export function controlEvents(steps: readonly PlanStepState[]): Record<PlanEventStep, Date | null> {
  const at = (step: PlanEventStep) => steps.find((s) => s.step === step)?.reachedAt ?? null;
  return {
    registration: at('registration'),
    form_z: at('form_z'),
    form_i: at('form_i'),
    centers: at('centers'),
    workstations: at('workstations'),
  };
}

export interface PlanDeadlineState {
  /** the last day, an ISO date in Moscow time */
  date: string | null;
  source: 'region' | 'default' | null;
  setAt: Date | null;
}

/**
 * The deadline of a region's plan: the one its operator set (the governor's order of that region),
 * else the configured default, else none.
 */
export function planDeadline(
  regional: { deadline: string; setAt: Date } | null,
  defaultDeadline: string | null,
): PlanDeadlineState {
  if (regional) return { date: regional.deadline, source: 'region', setAt: regional.setAt };
  if (defaultDeadline) return { date: defaultDeadline, source: 'default', setAt: null };
  return { date: null, source: null, setAt: null };
}

/**
 * Overdue: the plan is not complete and the deadline's day is over in Moscow. The order sets the
 * day by which the center is organized («в срок до 28 августа»), so the last day itself is in time.
 * Both dates are ISO, so they compare as strings.
 */
export function isOverdue(stage: PlanStage, deadline: string | null, today: string): boolean {
  return stage !== 'complete' && deadline !== null && today > deadline;
}

/** A row of an operators' table, as far as the filter and the order need it. */
export interface PlanRowKeys {
  id: string;
  shortName: string;
  fullName: string;
  ogrn: string;
  inn: string;
  stage: PlanStage;
  events: Record<PlanEventStep, Date | null>;
  overdue: boolean;
}

/** Lower case, «ё» as «е», spaces collapsed: how a typed name is compared with a stored one. */
function searchKey(value: string): string {
  return value.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

function compareBy(key: PlanSortKey): (a: PlanRowKeys, b: PlanRowKeys) => number {
  if (key === 'name') return (a, b) => collator.compare(a.shortName, b.shortName);
  if (key === 'stage') return (a, b) => planStages.indexOf(a.stage) - planStages.indexOf(b.stage);
  return (a, b) => (a.events[key]?.getTime() ?? 0) - (b.events[key]?.getTime() ?? 0);
}

/**
 * The operators' table under its filter (a stage, overdue or not, a name, ОГРН or ИНН typed in
 * part) and in the order asked. An event not reached yet sorts last either way, and ties go by
 * name, then id, so the page and its XLSX list the rows in one order.
 */
export function planTable<R extends PlanRowKeys>(rows: readonly R[], filter: PlanTableFilter): R[] {
  const q = filter.q ? searchKey(filter.q) : '';
  const kept = rows.filter(
    (r) =>
      (filter.stage === undefined || r.stage === filter.stage) &&
      (filter.overdue === undefined || r.overdue === filter.overdue) &&
      (!q ||
        searchKey(r.shortName).includes(q) ||
        searchKey(r.fullName).includes(q) ||
        r.ogrn.startsWith(q) ||
        r.inn.startsWith(q)),
  );
  const primary = compareBy(filter.sort);
  const direction = filter.order === 'desc' ? -1 : 1;
  const unreached = (r: R) =>
    filter.sort !== 'name' && filter.sort !== 'stage' && r.events[filter.sort] === null ? 1 : 0;
  const byName = compareBy('name');
  return kept.sort(
    (a, b) =>
      unreached(a) - unreached(b) ||
      direction * primary(a, b) ||
      byName(a, b) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** How many organizations stand at each stage, and how many are overdue. */
export function countByStage(rows: readonly { stage: PlanStage; overdue: boolean }[]): {
  byStage: Record<PlanStage, number>;
  overdue: number;
} {
  const byStage = Object.fromEntries(planStages.map((s) => [s, 0])) as Record<PlanStage, number>;
  let overdue = 0;
  for (const r of rows) {
    byStage[r.stage]++;
    if (r.overdue) overdue++;
  }
  return { byStage, overdue };
}
