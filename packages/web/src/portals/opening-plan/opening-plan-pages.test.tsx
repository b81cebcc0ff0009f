import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { OrganizationPlan, RegionPlan } from '@openesia/contracts';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { OpeningPlanTab } from '../organization/OpeningPlanTab';
import { FederalPlanPage } from './FederalPlanPage';
import { RegionalPlanPage } from './RegionalPlanPage';

const organizationId = '00000000-0000-4000-8000-0000000000a1';

const ownPlan: OrganizationPlan = {
  organization: {
    id: organizationId,
    shortName: 'БУ ВО «МФЦ»',
    fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
    ogrn: '1023500000001',
    inn: '3525000001',
    type: 'mfc',
    regionCode: '35',
    status: 'registered',
  },
  stage: 'form_i',
  steps: [
    { step: 'registration', state: 'done', reachedAt: '2026-11-01T09:00:00.000Z', missing: [] },
    { step: 'officials', state: 'done', reachedAt: null, missing: [] },
    { step: 'form_z', state: 'done', reachedAt: '2026-11-24T22:30:00.000Z', missing: [] },
    { step: 'form_i', state: 'current', reachedAt: null, missing: ['form_i_not_approved'] },
    { step: 'centers', state: 'pending', reachedAt: null, missing: ['no_active_center'] },
    {
      step: 'workstations',
      state: 'pending',
      reachedAt: null,
      missing: ['no_operator_in_workstation_groups', 'no_operator_signed_in_to_workstation'],
    },
  ],
  facts: {
    technicalOfficials: 1,
    operators: 2,
    operatorsWithServiceCertificate: 1,
    operatorsInWorkstationGroups: 0,
  },
  deadline: { date: '2026-12-31', source: 'region', setAt: '2026-11-20T09:00:00.000Z' },
  overdue: false,
  today: '2026-11-26',
};

const counts = {
  registration: 0,
  officials: 1,
  form_z: 0,
  form_i: 1,
  centers: 0,
  workstations: 0,
  complete: 0,
};
const noEvents = { registration: null, form_z: null, form_i: null, centers: null, workstations: null };
const regionPlan: RegionPlan = {
  regionCode: '35',
  deadline: { date: '2026-11-25', source: 'region', setAt: '2026-11-20T09:00:00.000Z' },
  today: '2026-11-26',
  total: 2,
  byStage: counts,
  overdue: 2,
  rows: [
    {
      id: 'b1',
      shortName: 'Архив области',
      fullName: 'ГУ «Архив области»',
      ogrn: '1023500000002',
      inn: '3525000002',
      type: 'state_institution',
      status: 'registered',
      stage: 'officials',
      events: { ...noEvents, registration: '2026-11-02T09:00:00.000Z' },
      missing: ['no_operators'],
      overdue: true,
    },
    {
      id: organizationId,
      shortName: 'БУ ВО «МФЦ»',
      fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
      ogrn: '1023500000001',
      inn: '3525000001',
      type: 'mfc',
      status: 'registered',
      stage: 'form_i',
      events: { ...noEvents, registration: '2026-11-01T09:00:00.000Z', form_z: '2026-11-24T22:30:00.000Z' },
      missing: ['form_i_not_approved'],
      overdue: true,
    },
  ],
};

describe('«План открытия ЦО» of the organization', () => {
  it('shows the six steps, each control event with its date, and links what is missing to where it is done', async () => {
    stubApi({ 'GET /organization/opening-plan': { status: 200, body: ownPlan } });
    renderPage(<OpeningPlanTab />);
    const steps = await screen.findAllByTestId('plan-step');
    expect(steps).toHaveLength(6);
    expect(steps[0]!.textContent).toContain('1. Регистрация органа (организации) в ЕСИА');
    expect(steps[0]!.textContent).toContain(
      'Орган (организация) зарегистрирован в ЕСИА — достигнуто 01.11.2026',
    );
    // the event's Moscow day
    expect(steps[2]!.textContent).toContain('достигнуто 25.11.2026');
    expect(steps[3]!.textContent).toContain('Текущий этап');
    expect(within(steps[3]!).getByRole('link', { name: 'Перейти: «Заявки»' }).getAttribute('href')).toBe(
      '/organization?tab=applications',
    );
    expect(within(steps[5]!).getByRole('link', { name: 'Перейти: «Доступ к системам»' })).toBeTruthy();
    // no technological portal yet: the gap is named, with no link
    expect(steps[4]!.textContent).toContain('Не зарегистрирован ни один ЦО');
    expect(within(steps[4]!).queryByRole('link')).toBeNull();
    expect(screen.getByText(/Срок завершения работ: до 31\.12\.2026 включительно/)).toBeTruthy();
  });
});

describe("the regional operator's «План открытия ЦО»", () => {
  it('asks with the filter of the address, downloads the same rows, and sorts by a column', async () => {
    const stub = stubApi({
      'GET /regional-operator/opening-plan?overdue=true': { status: 200, body: regionPlan },
      'GET /regional-operator/opening-plan?overdue=true&sort=name': {
        status: 200,
        body: { ...regionPlan, rows: [...regionPlan.rows].reverse() },
      },
      'GET /regional-operator/opening-plan?overdue=true&q=%D0%BC%D1%84%D1%86&sort=name': {
        status: 200,
        body: { ...regionPlan, rows: [regionPlan.rows[1]] },
      },
    });
    renderPage(
      <Routes>
        <Route path="/regional-operator/opening-plan" element={<RegionalPlanPage />} />
      </Routes>,
      { path: '/regional-operator/opening-plan?overdue=true' },
    );
    const rows = await screen.findAllByTestId('plan-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Архив области');
    expect(rows[0]!.textContent).toContain('Просрочено');
    expect(within(rows[0]!).getByRole('link', { name: 'Архив области' }).getAttribute('href')).toBe(
      '/regional-operator/opening-plan/b1',
    );
    expect(screen.getByRole('link', { name: 'Скачать XLSX' }).getAttribute('href')).toBe(
      '/api/regional-operator/opening-plan.xlsx?overdue=true',
    );

    fireEvent.change(screen.getByLabelText('Сортировать по'), { target: { value: 'name' } });
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Скачать XLSX' }).getAttribute('href')).toBe(
        '/api/regional-operator/opening-plan.xlsx?overdue=true&sort=name',
      ),
    );
    expect(screen.getByRole('columnheader', { name: /^Организация/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );

    fireEvent.change(screen.getByLabelText('Наименование, ОГРН или ИНН'), { target: { value: 'мфц' } });
    fireEvent.click(screen.getByRole('button', { name: 'Найти' }));
    await waitFor(() => expect(screen.getAllByTestId('plan-row')).toHaveLength(1));
    expect(sentRequests(stub)).toContain(
      'GET /api/regional-operator/opening-plan?overdue=true&q=%D0%BC%D1%84%D1%86&sort=name',
    );
  });

  it('sets the region deadline and goes back to the default', async () => {
    const stub = stubApi({
      'GET /regional-operator/opening-plan': { status: 200, body: regionPlan },
      'PUT /regional-operator/opening-plan/deadline': [
        { status: 200, body: { date: '2027-03-01', source: 'region', setAt: '2026-11-26T09:00:00.000Z' } },
        { status: 200, body: { date: null, source: null, setAt: null } },
      ],
    });
    renderPage(<RegionalPlanPage />, { path: '/regional-operator/opening-plan' });
    const input = await screen.findByLabelText('Срок (включительно)');
    expect((input as HTMLInputElement).value).toBe('2026-11-25');
    fireEvent.change(input, { target: { value: '2027-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить срок' }));
    expect(await screen.findByText('Срок сохранён: до 01.03.2027.')).toBeTruthy();
    const body = stub.mock.calls.find(
      ([url, init]) => url.endsWith('/deadline') && init?.method === 'PUT',
    )![1]!.body;
    expect(JSON.parse(String(body))).toEqual({ deadline: '2027-03-01' });

    fireEvent.click(screen.getByRole('button', { name: 'Срок по умолчанию' }));
    expect(await screen.findByText('Установлен срок по умолчанию.')).toBeTruthy();
    const puts = stub.mock.calls.filter(([url, init]) => url.endsWith('/deadline') && init?.method === 'PUT');
    expect(JSON.parse(String(puts[1]![1]!.body))).toEqual({ deadline: null });
  });
});

describe("the federal operator's «План открытия ЦО по регионам»", () => {
  it('draws organizations by stage as an accessible chart and lists the regions with organizations', async () => {
    const none = { ...counts, officials: 0, form_i: 0 };
    stubApi({
      'GET /federal-operator/opening-plan': {
        status: 200,
        body: {
          today: '2026-11-26',
          total: 2,
          byStage: counts,
          regions: [
            {
              regionCode: '01',
              total: 0,
              byStage: none,
              overdue: 0,
              deadline: { date: null, source: null, setAt: null },
            },
            {
              regionCode: '35',
              total: 2,
              byStage: counts,
              overdue: 2,
              deadline: regionPlan.deadline,
            },
          ],
        },
      },
    });
    renderPage(<FederalPlanPage />);
    const chart = await screen.findByRole('img', { name: /Организации по этапам плана, все регионы/ });
    expect(chart.textContent).toContain('2. Должностные лица: 1');
    const regions = screen.getAllByTestId('plan-region');
    expect(regions).toHaveLength(1);
    expect(
      within(regions[0]!).getByRole('link', { name: '35 — Вологодская область' }).getAttribute('href'),
    ).toBe('/registry/opening-plan/35');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Показать регионы без организаций' }));
    expect(screen.getAllByTestId('plan-region')).toHaveLength(2);
  });
});
