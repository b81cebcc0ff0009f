import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CenterQualityPage, CenterReport } from '@openesia/contracts';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { FederalCentersPage, RegionalCentersPage } from './CentersReportPages';

const counts = (total: number, active: number, onMap: number) => ({
  total,
  active,
  inactive: total - active,
  onMap,
});
const services = { registration: 1, confirmation: 3, recovery: 0, deletion: 0 };

const regionReport: CenterReport = {
  regionCode: '35',
  filter: { status: null, service: null },
  totals: counts(4, 3, 1),
  byService: [
    { service: 'registration', ...counts(1, 1, 1) },
    { service: 'confirmation', ...counts(3, 2, 1) },
    { service: 'recovery', ...counts(0, 0, 0) },
    { service: 'deletion', ...counts(0, 0, 0) },
  ],
  byRegion: null,
  byOrganization: [
    {
      organizationId: 'o1',
      shortName: 'БУ ВО «МФЦ»',
      ogrn: '1023500000001',
      blocked: false,
      ...counts(3, 2, 1),
      services,
    },
    {
      organizationId: 'o2',
      shortName: 'ГУ «Заблокированный»',
      ogrn: '1023500000002',
      blocked: true,
      ...counts(1, 1, 0),
      services: { ...services, registration: 0, confirmation: 1 },
    },
  ],
};

const quality: CenterQualityPage = {
  regionCode: '35',
  checked: 4,
  flagged: 1,
  byIssue: { phone_not_dialable: 1, never_open: 0, location_outside_region: 0, duplicate_address: 0 },
  page: 1,
  pageSize: 50,
  centers: [
    {
      id: 'c1',
      name: 'Центр на Мира',
      regionCode: '35',
      address: '160000, г. Вологда, ул. Мира, д. 12',
      status: 'active',
      organizationId: 'o2',
      organizationShortName: 'ГУ «Заблокированный»',
      issues: ['phone_not_dialable'],
    },
  ],
};

describe("the regional operator's «Центры обслуживания региона»", () => {
  it('shows the organizations and services, the files with the filter, and the flagged centers in words', async () => {
    const stub = stubApi({
      'GET /regional-operator/centers-report': { status: 200, body: regionReport },
      'GET /regional-operator/centers-report?status=on_map': {
        status: 200,
        body: { ...regionReport, filter: { status: 'on_map', service: null } },
      },
      'GET /regional-operator/centers-report/quality': { status: 200, body: quality },
    });
    renderPage(
      <Routes>
        <Route path="/regional-operator/centers" element={<RegionalCentersPage />} />
      </Routes>,
      { path: '/regional-operator/centers' },
    );
    const rows = await screen.findAllByTestId('centers-organization');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'БУ ВО «МФЦ»ОГРН 1023500000001',
      'ГУ «Заблокированный»ОГРН 1023500000002 · заблокирована: центры не на карте',
    ]);
    expect(screen.getByText('Центров: 4; действующих: 3; недействующих: 1; на карте: 1.')).toBeTruthy();
    expect(
      screen.getByRole('img', { name: /по организациям.*БУ ВО «МФЦ»: всего 3, на карте 1/ }),
    ).toBeTruthy();
    expect(screen.getByRole('table', { name: /по услугам/ })).toBeTruthy();

    const flagged = await screen.findAllByTestId('flagged-center');
    expect(flagged[0]!.textContent).toContain('Телефон не набирается');
    expect(flagged[0]!.textContent).toContain('ГУ «Заблокированный»');

    fireEvent.change(screen.getByLabelText('Статус'), { target: { value: 'on_map' } });
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Скачать CSV' }).getAttribute('href')).toBe(
        '/api/regional-operator/centers-report.csv?status=on_map',
      ),
    );
    expect(screen.getByRole('link', { name: 'Скачать XLSX' }).getAttribute('href')).toBe(
      '/api/regional-operator/centers-report.xlsx?status=on_map',
    );
    expect(sentRequests(stub)).toContain('GET /api/regional-operator/centers-report?status=on_map');
  });

  it('tells a person without the role why the report is not shown', async () => {
    stubApi({
      'GET /regional-operator/centers-report': {
        status: 403,
        body: { error: { code: 'auth.forbidden', fields: [] } },
      },
    });
    renderPage(<RegionalCentersPage />, { path: '/regional-operator/centers' });
    expect((await screen.findByRole('alert')).textContent).toContain('доступен региональному оператору');
  });
});

describe("the federal operator's «Центры обслуживания»", () => {
  it('lists the regions with centers, each opening its organizations', async () => {
    const byRegion = [
      { regionCode: '35', organizations: 2, ...counts(4, 3, 1), services },
      {
        regionCode: '41',
        organizations: 0,
        ...counts(0, 0, 0),
        services: { registration: 0, confirmation: 0, recovery: 0, deletion: 0 },
      },
    ];
    stubApi({
      'GET /federal-operator/centers-report': {
        status: 200,
        body: { ...regionReport, regionCode: null, byRegion, byOrganization: null },
      },
      'GET /federal-operator/centers-report/quality': { status: 200, body: { ...quality, regionCode: null } },
    });
    renderPage(
      <Routes>
        <Route path="/registry/centers" element={<FederalCentersPage />} />
      </Routes>,
      { path: '/registry/centers' },
    );
    const rows = await screen.findAllByTestId('centers-region');
    // a region without centers is left out until asked for
    expect(rows).toHaveLength(1);
    expect(
      within(rows[0]!).getByRole('link', { name: '35 — Вологодская область' }).getAttribute('href'),
    ).toBe('/registry/centers?region=35');
    fireEvent.click(screen.getByLabelText('Показать регионы без центров'));
    expect(screen.getAllByTestId('centers-region')).toHaveLength(2);
  });
});
