import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, stubApi } from '../test/render';
import { account } from '../portals/organization/test-fixtures';
import { Layout } from './Layout';

const links = (name: string) => screen.queryAllByRole('link', { name, hidden: true });

describe('the header’s staff links', () => {
  it('leads a regional operator to the region’s queue without choosing an organization', async () => {
    stubApi(
      { 'GET /me/organizations': { status: 200, body: { organizations: [] } } },
      { account, staff: { federalOperator: false, regionalOperatorOf: '35' } },
    );
    renderPage(<Layout />);
    await waitFor(() => expect(links('Региональный оператор').length).toBeGreaterThan(0));
    for (const link of links('Региональный оператор'))
      expect(link.getAttribute('href')).toBe('/regional-operator/organizations');
    expect(links('Реестр')).toEqual([]);
  });

  it('leads the federal operator to the registry, and shows a citizen neither', async () => {
    stubApi(
      { 'GET /me/organizations': { status: 200, body: { organizations: [] } } },
      { account, staff: { federalOperator: true, regionalOperatorOf: null } },
    );
    const federal = renderPage(<Layout />);
    await waitFor(() => expect(links('Реестр').length).toBeGreaterThan(0));
    expect(links('Реестр')[0]!.getAttribute('href')).toBe('/registry/trust-list');
    expect(links('Региональный оператор')).toEqual([]);
    federal.unmount();

    stubApi(
      { 'GET /me/organizations': { status: 200, body: { organizations: [] } } },
      { account, staff: { federalOperator: false, regionalOperatorOf: null } },
    );
    renderPage(<Layout />);
    await screen.findAllByRole('link', { name: 'Анна Громова', hidden: true });
    expect(links('Реестр')).toEqual([]);
    expect(links('Региональный оператор')).toEqual([]);
  });
});
