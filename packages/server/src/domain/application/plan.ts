import type { OrganizationStatus } from '@openesia/contracts';

/**
 * The opening plan of seed 004 («План мероприятий по открытию центров обслуживания»): six steps,
 * five of them ending in a control event («Контрольное событие»). Each step is computed from the
 * organization's real state, never ticked by hand; what is missing for the next event is named by
 * a code the pages turn into a sentence and a link to where it is done.
 */
export const planSteps = [
  /** 1. registration in ЕСИА → «Орган (организация) зарегистрирован в ЕСИА» */
  'registration',
  /** 2. officials defined: a technical official and operators, confirmed, with service certificates */
  'officials',
  /** 3. Форма З → «Получено согласование на выдачу ПЭП» */
  'form_z',
  /** 4. Форма И → «Получено согласование на использование АРМ ЕСИА версии 2» */
  'form_i',
  /** 5. centers → «На карте ЕСИА и в отчёте ЕСИА добавлен новый ЦО» */
  'centers',
  /** 6. operators' workstations → «Работы по организации ЦО завершены» */
  'workstations',
] as const;
export type PlanStep = (typeof planSteps)[number];

export type PlanGap =
  | 'organization_not_registered'
  | 'no_technical_official'
  | 'no_operators'
  | 'operators_without_service_certificate'
  | 'form_z_not_approved'
  | 'form_i_not_approved'
  | 'no_active_center'
  | 'no_operator_in_workstation_groups'
  | 'no_operator_attached_to_center'
  | 'no_operator_signed_in_to_workstation';

/** What the plan is computed from: the organization's state, counted by the services. */
export interface PlanFacts {
  status: OrganizationStatus;
  registeredAt: Date | null;
  /** members of «Технологический портал», or administrators besides the head */
  technicalOfficials: number;
  /** employees other than the head (every employee's account is confirmed: invitations demand it) */
  operators: number;
  /** of those, holding a qualified certificate with the organization's ОГРН (used to sign in) */
  operatorsWithServiceCertificate: number;
  formZApprovedAt: Date | null;
  formIApprovedAt: Date | null;
  /** when the first center became «Действующий» (and so appeared on the map), if one is now */
  firstActiveCenterAt: Date | null;
  operatorsInWorkstationGroups: number;
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
