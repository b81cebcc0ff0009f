import type { RegionalStaffMember } from '@openesia/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../i18n/ru';
import { description, expectFieldError, field } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { account, refuse } from '../organization/test-fixtures';
import { RegionalStaffPage } from './RegionalStaffPage';

const member = (over: Partial<RegionalStaffMember> = {}): RegionalStaffMember => ({
  id: '6a1c7f3e-0d4b-4e0a-9f1b-2c3d4e5f6a01',
  accountId: '6a1c7f3e-0d4b-4e0a-9f1b-2c3d4e5f6a11',
  lastName: 'Широкова',
  firstName: 'Татьяна',
  middleName: 'Андреевна',
  contact: 'staff@gov35.example',
  regionCode: '35',
  grantedAt: '2026-03-02T09:00:00.000Z',
  grantedBy: { lastName: 'Кузнецов', firstName: 'Андрей', middleName: 'Николаевич' },
  grantedVia: 'registry',
  ...over,
});

const vologda = member();
const kamchatka = member({
  id: '6a1c7f3e-0d4b-4e0a-9f1b-2c3d4e5f6a02',
  lastName: 'Головин',
  firstName: 'Павел',
  middleName: 'Викторович',
  contact: 'staff@kamgov.example',
  regionCode: '41',
  grantedBy: null,
  grantedVia: 'seed',
});

/** The form's region (the filter above the list, «Показать регион», has its own options). */
const regionInput = () => screen.getByRole('combobox', { name: /^Регион( \*)?$/ });

async function pickRegion(option: string) {
  fireEvent.click(regionInput());
  const list = await screen.findByRole('listbox', { name: /^Регион( \*)?$/, hidden: true });
  fireEvent.click(within(list).getByRole('option', { name: option, hidden: true }));
}

describe('«Региональные операторы»', () => {
  it('lists the staff by region with who granted the role', async () => {
    stubApi(
      { 'GET /registry/regional-operators': { status: 200, body: { staff: [vologda, kamchatka] } } },
      { account },
    );
    renderPage(<RegionalStaffPage />);

    const vologdaSection = await screen.findByRole('region', { name: '35 — Вологодская область: 1' });
    expect(
      within(vologdaSection).getByRole('listitem', { name: 'Широкова Татьяна Андреевна' }).textContent,
    ).toContain('Кузнецов Андрей Николаевич');
    const kamchatkaSection = screen.getByRole('region', { name: '41 — Камчатский край: 1' });
    expect(kamchatkaSection.textContent).toContain('Назначен в демонстрационных данных 02.03.2026');
  });

  it('says a refusal about the person at «Логин сотрудника», then adds the person and says so', async () => {
    const stub = stubApi(
      {
        'GET /registry/regional-operators': { status: 200, body: { staff: [vologda] } },
        'POST /registry/regional-operators': [
          refuse(409, 'staff.other_region'),
          { status: 200, body: kamchatka },
        ],
      },
      { account },
    );
    renderPage(<RegionalStaffPage />);
    await screen.findByRole('listitem', { name: 'Широкова Татьяна Андреевна' });

    fireEvent.click(screen.getByRole('button', { name: 'Добавить' }));
    await waitFor(() => expectFieldError('Логин сотрудника', errorText.required!));
    await waitFor(() => expect(description(regionInput())).toContain(errorText['region.unknown']));
    expect(sentRequests(stub)).toEqual(['GET /api/registry/regional-operators']);

    fireEvent.change(field('Логин сотрудника'), { target: { value: 'staff@kamgov.example' } });
    await pickRegion('41 — Камчатский край');
    fireEvent.click(screen.getByRole('button', { name: 'Добавить' }));
    await waitFor(() => expectFieldError('Логин сотрудника', errorText['staff.other_region']!));

    fireEvent.click(screen.getByRole('button', { name: 'Добавить' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'Головин Павел Викторович — региональный оператор: 41 — Камчатский край.',
    );
    expect(field('Логин сотрудника').value).toBe('');
    const posts = stub.mock.calls.filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
    expect(JSON.parse((posts[1]![1] as RequestInit).body as string)).toEqual({
      login: 'staff@kamgov.example',
      regionCode: '41',
    });
  });

  it('revokes the role only after «Отозвать» is confirmed', async () => {
    const stub = stubApi(
      {
        'GET /registry/regional-operators': { status: 200, body: { staff: [vologda] } },
        [`DELETE /registry/regional-operators/${vologda.id}`]: { status: 204 },
      },
      { account },
    );
    renderPage(<RegionalStaffPage />);

    fireEvent.click(
      await screen.findByRole('button', { name: 'Отозвать роль у Широкова Татьяна Андреевна' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Отозвать роль регионального оператора?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Отмена' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sentRequests(stub).filter((r) => r.startsWith('DELETE'))).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Отозвать роль у Широкова Татьяна Андреевна' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Отозвать роль регионального оператора?' })).getByRole(
        'button',
        { name: 'Отозвать' },
      ),
    );
    expect((await screen.findByRole('status')).textContent).toContain(
      'Роль регионального оператора отозвана: Широкова Татьяна Андреевна, 35 — Вологодская область.',
    );
    expect(sentRequests(stub).filter((r) => r.startsWith('DELETE'))).toEqual([
      `DELETE /api/registry/regional-operators/${vologda.id}`,
    ]);
  });

  it('tells a person without the federal operator’s role why the list is not shown', async () => {
    stubApi({ 'GET /registry/regional-operators': refuse(403, 'auth.forbidden') }, { account });
    renderPage(<RegionalStaffPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('Региональных операторов назначает');
    expect(screen.queryByRole('button', { name: 'Добавить' })).toBeNull();
  });
});
