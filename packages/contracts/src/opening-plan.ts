import { z } from 'zod';
import { isoDate, text } from './fields.js';
import { organizationStatusSchema, organizationTypeSchema, regionCodeSchema } from './organization.js';

/**
 * The opening plan of seed 004 («План мероприятий по открытию центров обслуживания …»): six steps,
 * five of them ending in a control event («Контрольное событие»), computed on the server from the
 * organization's real state (domain/application/plan.ts), never ticked by hand. The step and gap
 * codes, their Russian words and the answers of the three audiences: the organization itself, the
 * regional operator (its region's table, downloadable as XLSX) and the federal operator (per region).
 */

export const planSteps = [
  'registration',
  'officials',
  'form_z',
  'form_i',
  'centers',
  'workstations',
] as const;
export const planStepSchema = z.enum(planSteps);
export type PlanStep = z.infer<typeof planStepSchema>;

/** The steps that end in a control event (step 2 has none in seed 004). */
export const planEventSteps = ['registration', 'form_z', 'form_i', 'centers', 'workstations'] as const;
export type PlanEventStep = (typeof planEventSteps)[number];

/** Seed 004's words: each step's heading and its control event. */
export const planStepInfo: Record<
  PlanStep,
  { number: number; title: string; short: string; event: string | null }
> = {
  registration: {
    number: 1,
    title: 'Регистрация органа (организации) в ЕСИА',
    short: 'Регистрация в ЕСИА',
    event: 'Орган (организация) зарегистрирован в ЕСИА',
  },
  officials: {
    number: 2,
    title: 'Определение соответствующих должностных лиц',
    short: 'Должностные лица',
    event: null,
  },
  form_z: {
    number: 3,
    title: 'Получение статуса «Уполномоченной организации на выдачу ПЭП»',
    short: 'Форма З',
    event: 'Получено согласование на выдачу ПЭП',
  },
  form_i: {
    number: 4,
    title: 'Согласование права использования веб-приложения «Центр обслуживания» (АРМ ЕСИА версии 2)',
    short: 'Форма И',
    event: 'Получено согласование на использование АРМ ЕСИА версии 2',
  },
  centers: {
    number: 5,
    title: 'Регистрация центров обслуживания',
    short: 'Центры обслуживания',
    event: 'На карте ЕСИА и в отчёте ЕСИА добавлен новый ЦО',
  },
  workstations: {
    number: 6,
    title: 'Настройка рабочих мест операторов (должностных лиц) ЦО',
    short: 'Рабочие места операторов',
    event: 'Работы по организации ЦО завершены',
  },
};

/** Where an organization stands: the first step not done, or every step done. */
export const planStages = [...planSteps, 'complete'] as const;
export const planStageSchema = z.enum(planStages, { error: 'plan.stage_unknown' });
export type PlanStage = z.infer<typeof planStageSchema>;

export const planStageLabels: Record<PlanStage, string> = {
  ...(Object.fromEntries(
    planSteps.map((s) => [s, `${planStepInfo[s].number}. ${planStepInfo[s].short}`]),
  ) as Record<PlanStep, string>),
  complete: 'Работы завершены',
};

/** What is missing for a step's control event, in the order a step lists them. */
export const planGaps = [
  'organization_not_registered',
  'no_technical_official',
  'no_operators',
  'operators_without_service_certificate',
  'form_z_not_approved',
  'form_i_not_approved',
  'no_active_center',
  'no_operator_in_workstation_groups',
  'no_operator_attached_to_center',
  'no_operator_signed_in_to_workstation',
] as const;
export const planGapSchema = z.enum(planGaps);
export type PlanGap = z.infer<typeof planGapSchema>;

export const planGapLabels: Record<PlanGap, string> = {
  organization_not_registered: 'Регистрация органа (организации) в ЕСИА не завершена',
  no_technical_official:
    'Не определено должностное лицо для технологических функций: нет сотрудника в группе «Технологический портал» и нет администратора, кроме руководителя',
  no_operators: 'К профилю организации не присоединён ни один сотрудник, кроме руководителя',
  operators_without_service_certificate:
    'Ни один сотрудник не подписывал документы в ЕСИА служебной электронной подписью с ОГРН организации',
  form_z_not_approved: 'Заявка по форме З не согласована',
  form_i_not_approved: 'Заявка по форме И не согласована',
  no_active_center:
    'Не зарегистрирован ни один ЦО в статусе «Действующий», который виден на карте: с услугой, которую открывают согласования организации, при снятой блокировке',
  no_operator_in_workstation_groups:
    'Ни один сотрудник не входит в группы АРМ «Центр обслуживания» («Специалисты по подтверждению личности», «Специалисты по регистрации и подтверждению»)',
  no_operator_attached_to_center: 'Ни один оператор не прикреплён к действующему ЦО',
  no_operator_signed_in_to_workstation: 'Ни один оператор ещё не входил в АРМ ЕСИА версии 2',
};

export const planStepStates = ['done', 'current', 'pending'] as const;

export const planStepViewSchema = z.object({
  step: planStepSchema,
  state: z.enum(planStepStates),
  /** when its control event was reached */
  reachedAt: z.iso.datetime().nullable(),
  missing: z.array(planGapSchema),
});
export type PlanStepView = z.infer<typeof planStepViewSchema>;

/** The plan deadline of a region (a governor's order, seed 000: «в срок до 28 августа 2017г.»). */
export const planDeadlineSchema = z.object({
  /** ISO date, the last day; null: no deadline set and none configured */
  date: z.iso.date().nullable(),
  /** set by the region's operator, or the default of the server's configuration */
  source: z.enum(['region', 'default']).nullable(),
  setAt: z.iso.datetime().nullable(),
});
export type PlanDeadline = z.infer<typeof planDeadlineSchema>;

/** The counts the steps were computed from, shown beside them. */
export const planFactsViewSchema = z.object({
  technicalOfficials: z.number().int(),
  operators: z.number().int(),
  operatorsWithServiceCertificate: z.number().int(),
  operatorsInWorkstationGroups: z.number().int(),
});

const planOrganizationSchema = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  ogrn: z.string(),
  inn: z.string(),
  type: organizationTypeSchema,
  regionCode: z.string(),
  status: organizationStatusSchema,
});

/** One organization's plan: GET /organization/opening-plan, and the operators' view of it. */
export const organizationPlanSchema = z
  .object({
    organization: planOrganizationSchema,
    stage: planStageSchema,
    steps: z.array(planStepViewSchema),
    facts: planFactsViewSchema,
    deadline: planDeadlineSchema,
    overdue: z.boolean(),
    /** the Moscow date the plan was computed on */
    today: z.iso.date(),
  })
  .meta({ id: 'OrganizationOpeningPlan' });
export type OrganizationPlan = z.infer<typeof organizationPlanSchema>;

/** The columns the region's table sorts by: the name, the stage, each control event's date. */
export const planSortKeys = ['name', 'stage', ...planEventSteps] as const;
export type PlanSortKey = (typeof planSortKeys)[number];

const booleanParam = z
  .enum(['true', 'false'], { error: 'boolean.invalid' })
  .transform((v) => v === 'true')
  .optional();

/** The table's filter and order, the same for the page and its XLSX download. */
export const planTableQuerySchema = z.object({
  stage: planStageSchema.optional(),
  overdue: booleanParam,
  q: text().trim().max(100, { error: 'too_long' }).optional(),
  sort: z.enum(planSortKeys, { error: 'plan.sort_unknown' }).default('stage'),
  order: z.enum(['asc', 'desc'], { error: 'plan.order_unknown' }).default('asc'),
});
export type PlanTableQuery = z.input<typeof planTableQuerySchema>;
export type PlanTableFilter = z.output<typeof planTableQuerySchema>;

const reached = z.iso.datetime().nullable();

export const planTableRowSchema = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  ogrn: z.string(),
  inn: z.string(),
  type: organizationTypeSchema,
  status: organizationStatusSchema,
  stage: planStageSchema,
  /** the date each control event was reached, null while it is not */
  events: z.object({
    registration: reached,
    form_z: reached,
    form_i: reached,
    centers: reached,
    workstations: reached,
  }) satisfies z.ZodType<Record<PlanEventStep, string | null>>,
  /** what the current step misses */
  missing: z.array(planGapSchema),
  overdue: z.boolean(),
});
export type PlanTableRow = z.infer<typeof planTableRowSchema>;

const count = z.number().int();
const stageCounts = z.object({
  registration: count,
  officials: count,
  form_z: count,
  form_i: count,
  centers: count,
  workstations: count,
  complete: count,
}) satisfies z.ZodType<Record<PlanStage, number>>;
export type PlanStageCounts = z.infer<typeof stageCounts>;

/** GET /regional-operator/opening-plan (and the federal operator's per region). */
export const regionPlanSchema = z
  .object({
    regionCode: z.string(),
    deadline: planDeadlineSchema,
    today: z.iso.date(),
    /** organizations of the region, before the filter */
    total: z.number().int(),
    /** of all the region's organizations, by stage (before the filter) */
    byStage: stageCounts,
    overdue: z.number().int(),
    /** the rows the filter keeps, in the order asked */
    rows: z.array(planTableRowSchema),
  })
  .meta({ id: 'RegionOpeningPlan' });
export type RegionPlan = z.infer<typeof regionPlanSchema>;

/** GET /federal-operator/opening-plan: every region's organizations by stage. */
export const federalPlanSchema = z
  .object({
    today: z.iso.date(),
    regions: z.array(
      z.object({
        regionCode: z.string(),
        total: z.number().int(),
        byStage: stageCounts,
        overdue: z.number().int(),
        deadline: planDeadlineSchema,
      }),
    ),
    byStage: stageCounts,
    total: z.number().int(),
  })
  .meta({ id: 'FederalOpeningPlan' });
export type FederalPlan = z.infer<typeof federalPlanSchema>;

/** PUT /regional-operator/opening-plan/deadline: the governor's order date; null returns to the default. */
export const planDeadlineRequestSchema = z.object({ deadline: isoDate.nullable() });
export type PlanDeadlineRequest = z.input<typeof planDeadlineRequestSchema>;

export const planRegionPathSchema = z.object({ regionCode: regionCodeSchema });
export const planOrganizationPathSchema = z.object({ organizationId: z.uuid({ error: 'id.invalid' }) });
