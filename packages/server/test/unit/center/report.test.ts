import { describe, expect, it } from 'vitest';
import { servicesOnMap, tallyCenters, type CenterGroup } from '../../../src/domain/center/report.js';

const group = (over: Partial<CenterGroup>): CenterGroup => ({
  organizationId: 'o1',
  regionCode: '35',
  status: 'active',
  services: ['confirmation'],
  count: 1,
  shortName: 'МФЦ',
  ogrn: '1027700132195',
  blocked: false,
  approvals: ['form_z'],
  ...over,
});

describe('a center on the public map', () => {
  it('is active, of an organization not blocked, with a service its approvals allow', () => {
    expect(servicesOnMap(group({}), group({}))).toEqual(['confirmation']);
    expect(servicesOnMap(group({ status: 'inactive' }), group({}))).toEqual([]);
    expect(servicesOnMap(group({}), group({ blocked: true }))).toEqual([]);
    expect(servicesOnMap(group({}), group({ approvals: [] }))).toEqual([]);
    // Форма И opens «Регистрация» only beside Форма З
    const offers = group({ services: ['registration', 'confirmation', 'deletion'] });
    expect(servicesOnMap(offers, group({ approvals: ['form_i'] }))).toEqual([]);
    expect(servicesOnMap(offers, group({ approvals: ['form_z', 'form_i'] }))).toEqual([
      'registration',
      'confirmation',
      'deletion',
    ]);
    expect(servicesOnMap(offers, group({}), 'registration')).toEqual([]);
    expect(servicesOnMap(offers, group({}), 'confirmation')).toEqual(['confirmation']);
  });
});

describe('the centers counted', () => {
  const groups = [
    group({ count: 3, services: ['confirmation', 'registration'], approvals: ['form_z', 'form_i'] }),
    group({ count: 2, status: 'inactive' }),
    group({ organizationId: 'o2', shortName: 'Архив', count: 4, blocked: true }),
    group({
      organizationId: 'o3',
      shortName: 'Больница',
      regionCode: '41',
      count: 5,
      services: ['registration'],
    }),
  ];

  it('by status, with «На карте» among the active', () => {
    const t = tallyCenters(groups);
    expect(t.totals).toEqual({ total: 14, active: 12, inactive: 2, onMap: 3 });
    expect(t.byService.find((s) => s.service === 'registration')).toEqual({
      service: 'registration',
      total: 8,
      active: 8,
      inactive: 0,
      onMap: 3,
    });
  });

  it('by region, every region listed, and by organization in the order of their names', () => {
    const t = tallyCenters(groups);
    expect(t.byRegion).toHaveLength(89);
    expect(t.byRegion.find((r) => r.regionCode === '35')).toMatchObject({
      organizations: 2,
      total: 9,
      onMap: 3,
    });
    expect(t.byRegion.find((r) => r.regionCode === '41')).toMatchObject({
      organizations: 1,
      total: 5,
      onMap: 0,
    });
    expect(t.byOrganization.map((o) => o.shortName)).toEqual(['Архив', 'Больница', 'МФЦ']);
    expect(t.byOrganization[2]).toMatchObject({
      total: 5,
      active: 3,
      inactive: 2,
      onMap: 3,
      services: { registration: 3, confirmation: 5, recovery: 0, deletion: 0 },
    });
  });

  it('under «На карте», each center under the services the map shows it with', () => {
    const mixed = group({ count: 2, services: ['confirmation', 'registration'] });
    const t = tallyCenters([mixed, ...groups], { status: 'on_map' });
    expect(t.totals).toEqual({ total: 5, active: 5, inactive: 0, onMap: 5 });
    expect(t.byService.find((s) => s.service === 'registration')!.total).toBe(3);
    expect(t.byService.find((s) => s.service === 'confirmation')!.total).toBe(5);
    expect(t.byOrganization.map((o) => o.organizationId)).toEqual(['o1']);
  });

  it('under a service, «На карте» means shown with that service', () => {
    const t = tallyCenters(groups, { service: 'registration' });
    expect(t.totals).toEqual({ total: 8, active: 8, inactive: 0, onMap: 3 });
    expect(tallyCenters(groups, { status: 'inactive' }).totals).toEqual({
      total: 2,
      active: 0,
      inactive: 2,
      onMap: 0,
    });
  });
});
