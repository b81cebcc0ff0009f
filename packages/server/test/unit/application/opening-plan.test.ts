import { planTableQuerySchema, type PlanStage, type PlanTableQuery } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import {
  controlEvents,
  countByStage,
  isOverdue,
  openingPlan,
  planDeadline,
  planStage,
  planTable,
  type PlanFacts,
  type PlanRowKeys,
} from '../../../src/domain/application/plan.js';

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));

const registered: PlanFacts = {
  status: 'registered',
  registeredAt: day(1),
  technicalOfficials: 1,
  operators: 2,
  operatorsWithServiceCertificate: 1,
  formZApprovedAt: null,
  formIApprovedAt: null,
  firstActiveCenterAt: null,
  operatorsInWorkstationGroups: 0,
  operatorsAttachedToActiveCenters: 0,
  firstWorkstationSignInAt: null,
};

describe('where an organization stands on the plan', () => {
  it('stands at its first step not done, and at «complete» when every step is', () => {
    expect(planStage(openingPlan({ ...registered, status: 'awaiting_regional_operator' }))).toBe(
      'registration',
    );
    expect(planStage(openingPlan(registered))).toBe('form_z');
    expect(planStage(openingPlan({ ...registered, operatorsWithServiceCertificate: 0 }))).toBe('officials');
    expect(
      planStage(
        openingPlan({
          ...registered,
          formZApprovedAt: day(3),
          formIApprovedAt: day(4),
          firstActiveCenterAt: day(5),
          operatorsInWorkstationGroups: 1,
          operatorsAttachedToActiveCenters: 1,
          firstWorkstationSignInAt: day(6),
        }),
      ),
    ).toBe('complete');
  });

  it('dates each control event, and step 2 has none', () => {
    const events = controlEvents(openingPlan({ ...registered, formIApprovedAt: day(4) }));
    expect(events).toEqual({
      registration: day(1),
      form_z: null,
      form_i: day(4),
      centers: null,
      workstations: null,
    });
  });
});

describe('the deadline', () => {
  it("is the region's own, else the configured default, else none", () => {
    expect(planDeadline({ deadline: '2026-12-01', setAt: day(2) }, '2027-01-01')).toEqual({
      date: '2026-12-01',
      source: 'region',
      setAt: day(2),
    });
    expect(planDeadline(null, '2027-01-01')).toEqual({ date: '2027-01-01', source: 'default', setAt: null });
    expect(planDeadline(null, null)).toEqual({ date: null, source: null, setAt: null });
  });

  it('is overdue only after its last day, and never for a complete plan or without a deadline', () => {
    expect(isOverdue('form_z', '2017-08-28', '2017-08-28')).toBe(false);
    expect(isOverdue('form_z', '2017-08-28', '2017-08-29')).toBe(true);
    expect(isOverdue('complete', '2017-08-28', '2017-09-01')).toBe(false);
    expect(isOverdue('registration', null, '2017-09-01')).toBe(false);
  });
});

describe("the operators' table", () => {
  const row = (
    id: string,
    shortName: string,
    stage: PlanStage,
    events: Partial<PlanRowKeys['events']> = {},
    overdue = false,
  ): PlanRowKeys => ({
    id,
    shortName,
    fullName: `Государственное учреждение ${shortName}`,
    ogrn: `10235000000${id}`,
    inn: `35000000${id}`,
    stage,
    events: { registration: null, form_z: null, form_i: null, centers: null, workstations: null, ...events },
    overdue,
  });
  const rows = [
    row('01', 'МФЦ Вологды', 'form_i', { registration: day(1), form_z: day(9) }, true),
    row('02', 'Ёлкинская администрация', 'officials', { registration: day(2), form_z: day(3) }),
    row('03', 'Архив области', 'registration', {}, true),
    row('04', 'Больница №2', 'form_z', { registration: day(5) }),
    row('05', 'Больница №10', 'complete', { registration: day(4), form_z: day(6) }),
  ];
  const table = (query: PlanTableQuery) =>
    planTable(rows, planTableQuerySchema.parse(query)).map((r) => r.id);

  it('orders by stage, then by name, by default', () => {
    expect(table({})).toEqual(['03', '02', '04', '01', '05']);
    expect(table({ order: 'desc' })).toEqual(['05', '01', '04', '02', '03']);
  });

  it('orders names as Russian readers do: ё with е, numbers by value', () => {
    expect(table({ sort: 'name' })).toEqual(['03', '04', '05', '02', '01']);
  });

  it('orders by a control event, those not reached last in either order', () => {
    expect(table({ sort: 'form_z' })).toEqual(['02', '05', '01', '03', '04']);
    expect(table({ sort: 'form_z', order: 'desc' })).toEqual(['01', '05', '02', '03', '04']);
  });

  it('keeps the rows of a stage, the overdue ones, or those whose name, ОГРН or ИНН matches', () => {
    expect(table({ stage: 'form_z' })).toEqual(['04']);
    expect(table({ overdue: 'true' })).toEqual(['03', '01']);
    expect(table({ overdue: 'false', sort: 'name' })).toEqual(['04', '05', '02']);
    expect(table({ q: '  больница ' })).toEqual(['04', '05']);
    expect(table({ q: 'ЕЛКИН' })).toEqual(['02']);
    expect(table({ q: '1023500000003' })).toEqual(['03']);
    expect(table({ q: '3500000004' })).toEqual(['04']);
    expect(table({ stage: 'complete', q: 'мфц' })).toEqual([]);
  });

  it('counts every row by stage and the overdue ones', () => {
    expect(countByStage(rows)).toEqual({
      byStage: {
        registration: 1,
        officials: 1,
        form_z: 1,
        form_i: 1,
        centers: 0,
        workstations: 0,
        complete: 1,
      },
      overdue: 2,
    });
  });
});
