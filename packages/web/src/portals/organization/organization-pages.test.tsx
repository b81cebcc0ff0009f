import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../i18n/ru';
import { expectFieldError, field } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { OrganizationsCard } from '../citizen/profile/OrganizationsCard';
import { RegionalQueuePage } from '../regional-operator/RegionalQueuePage';
import { InvitationPage } from './InvitationPage';
import { OrganizationPage } from './OrganizationPage';
import {
  account,
  employeeId,
  groups,
  invitation,
  member,
  myOrganization,
  organizationId,
  profile,
  refuse,
} from './test-fixtures';

const actingAs = (roles: string[]) => ({
  account,
  actingFor: { organizationId, shortName: 'БУ ВО «МФЦ»', roles, groups: [] },
});
const noRegion = { 'GET /regional-operator/organizations': refuse(403, 'auth.forbidden') };

describe('the personal page’s «Организации»', () => {
  it('lists the organizations with their status and why a registration stopped', async () => {
    stubApi({
      'GET /me/organizations': {
        status: 200,
        body: {
          organizations: [
            myOrganization(),
            myOrganization({
              id: 'a1',
              shortName: 'ГБУ «Ликвидированный центр»',
              status: 'rejected',
              refusal: 'liquidated',
            }),
            myOrganization({
              id: 'a2',
              shortName: 'КГКУ «ЦСПН»',
              status: 'returned',
              returnReason: 'Укажите почтовый адрес с индексом',
            }),
          ],
        },
      },
    });
    renderPage(<OrganizationsCard level="confirmed" />);
    const cards = await screen.findAllByTestId('my-organization');
    expect(cards).toHaveLength(3);
    expect(cards[0].textContent).toContain('Зарегистрирована');
    expect(cards[1].textContent).toContain('Отказано в регистрации');
    expect(cards[1].textContent).toContain('Организация ликвидирована');
    expect(cards[2].textContent).toContain('Причина возврата: Укажите почтовый адрес с индексом');
    expect(screen.getByRole('link', { name: '+ Добавить организацию' }).getAttribute('href')).toBe(
      '/profile/organizations/new',
    );
  });

  it('tells an unconfirmed account why it cannot add an organization and where to confirm', async () => {
    stubApi({ 'GET /me/organizations': { status: 200, body: { organizations: [] } } });
    renderPage(<OrganizationsCard level="standard" />);
    await screen.findByText('Вы не состоите ни в одной организации.');
    expect(screen.queryByRole('link', { name: '+ Добавить организацию' })).toBeNull();
    expect(screen.getByText(/только пользователь с подтверждённой учётной записью/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Подтвердить личность' }).getAttribute('href')).toBe(
      '/profile/confirm',
    );
  });
});

describe('the organization’s profile', () => {
  it('asks a person acting for nobody to choose the organization first', async () => {
    const api = stubApi(
      {
        'GET /me/organizations': { status: 200, body: { organizations: [myOrganization()] } },
        'PUT /session/acting-for': {
          status: 200,
          body: { actingFor: { organizationId, shortName: 'БУ ВО «МФЦ»', roles: ['head'], groups: [] } },
        },
      },
      { account },
    );
    renderPage(<OrganizationPage />);
    fireEvent.click(
      await screen.findByRole('button', { name: /^Войти как сотрудник организации\s*БУ ВО «МФЦ»/ }),
    );
    await waitFor(() => expect(sentRequests(api)).toContain('PUT /api/session/acting-for'));
  });

  it('shows an employee the data read-only: no editing, no «Обновить из ЕГРЮЛ»', async () => {
    stubApi(
      { 'GET /organization': { status: 200, body: profile({ yourRoles: ['employee'] }) }, ...noRegion },
      actingAs(['employee']),
    );
    renderPage(<OrganizationPage />);
    await screen.findByRole('heading', { name: 'БУ ВО «МФЦ»', level: 1 });
    expect(screen.getByText('Ваша роль: Сотрудник')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Обновить из ЕГРЮЛ' })).toBeNull();
  });

  it('lets the head refresh from ЕГРЮЛ and says a refusal in Russian', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile() },
        'POST /organization/refresh': refuse(503, 'tax_register.unavailable'),
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Обновить из ЕГРЮЛ' }));
    await waitFor(() => expect(sentRequests(api)).toContain('POST /api/organization/refresh'));
    expect((await screen.findAllByRole('alert')).length).toBeGreaterThan(0);
  });

  it('shows the regional operator’s return with its reason and sends the corrected details again', async () => {
    const api = stubApi(
      {
        'GET /organization': {
          status: 200,
          body: profile({
            status: 'returned',
            returnReason: 'Неверный почтовый адрес',
            type: 'state_institution',
          }),
        },
        [`POST /me/organizations/${organizationId}/resubmit`]: {
          status: 200,
          body: myOrganization({ status: 'checking' }),
        },
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />);
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === 'P' && el.textContent === 'Причина возврата: Неверный почтовый адрес',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Совпадает с юридическим' }));
    fireEvent.change(field('Телефон'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Отправить повторно' }));
    await waitFor(() => expectFieldError('Телефон', 'Введите номер'));
    expect(sentRequests(api)).not.toContain(`POST /api/me/organizations/${organizationId}/resubmit`);
    fireEvent.change(field('Телефон'), { target: { value: '+7 (8172) 23-01-29' } });
    fireEvent.click(screen.getByRole('button', { name: 'Отправить повторно' }));
    await waitFor(() =>
      expect(sentRequests(api)).toContain(`POST /api/me/organizations/${organizationId}/resubmit`),
    );
  });

  it('offers «Повторить проверку» when the register did not answer', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile({ status: 'check_failed', registeredAt: null }) },
        [`POST /me/organizations/${organizationId}/retry`]: {
          status: 200,
          body: myOrganization({ status: 'checking' }),
        },
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Повторить проверку' }));
    await waitFor(() =>
      expect(sentRequests(api)).toContain(`POST /api/me/organizations/${organizationId}/retry`),
    );
  });

  it('lets an employee leave after confirmation, back to «Частное лицо»; the head has no such button', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile({ yourRoles: ['employee'] }) },
        'DELETE /organization/membership': { status: 204 },
        'PUT /session/acting-for': { status: 200, body: { actingFor: null } },
        'GET /me/organizations': { status: 200, body: { organizations: [] } },
        ...noRegion,
      },
      actingAs(['employee']),
    );
    renderPage(
      <Routes>
        <Route path="/organization" element={<OrganizationPage />} />
        <Route path="/profile" element={<h1>Личный кабинет</h1>} />
      </Routes>,
      { path: '/organization' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Покинуть организацию' }));
    expect(sentRequests(api)).not.toContain('DELETE /api/organization/membership');
    const dialog = await screen.findByRole('dialog', { name: 'Покинуть организацию' });
    expect(dialog.textContent).toContain('«БУ ВО «МФЦ»»');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Покинуть' }));
    await screen.findByRole('heading', { name: 'Личный кабинет' });
    const sent = sentRequests(api);
    expect(sent.indexOf('PUT /api/session/acting-for')).toBeGreaterThan(
      sent.indexOf('DELETE /api/organization/membership'),
    );
    const body = api.mock.calls.find(([url]) => url === '/api/session/acting-for')![1]!.body;
    expect(JSON.parse(String(body))).toEqual({ organizationId: null });
  });

  it('refuses the last administrator leaving, with the reason, and stays', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile({ yourRoles: ['administrator', 'employee'] }) },
        'DELETE /organization/membership': refuse(409, 'organization.last_administrator'),
        ...noRegion,
      },
      actingAs(['administrator', 'employee']),
    );
    renderPage(<OrganizationPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Покинуть организацию' }));
    const dialog = await screen.findByRole('dialog', { name: 'Покинуть организацию' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Покинуть' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      errorText['organization.last_administrator'],
    );
    expect(sentRequests(api)).not.toContain('PUT /api/session/acting-for');
  });

  it('shows the head no «Покинуть организацию»', async () => {
    stubApi({ 'GET /organization': { status: 200, body: profile() }, ...noRegion }, actingAs(['head']));
    renderPage(<OrganizationPage />);
    await screen.findByRole('heading', { name: 'БУ ВО «МФЦ»', level: 1 });
    expect(screen.queryByRole('button', { name: 'Покинуть организацию' })).toBeNull();
  });

  it('removes an employee only after confirmation and shows the last-administrator refusal', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile({ yourRoles: ['administrator'] }) },
        'GET /organization/members': {
          status: 200,
          body: { members: [member()], total: 1, nextCursor: null },
        },
        [`DELETE /organization/members/${employeeId}`]: refuse(409, 'organization.last_administrator'),
        ...noRegion,
      },
      actingAs(['administrator']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=members' });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Исключить Петров Пётр Петрович из организации' }),
    );
    expect(sentRequests(api)).not.toContain(`DELETE /api/organization/members/${employeeId}`);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Исключить' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/администратор/i);
  });

  it('offers no «Исключить» on one’s own row (leaving is «Покинуть организацию»)', async () => {
    stubApi(
      {
        'GET /organization': { status: 200, body: profile({ yourRoles: ['administrator'] }) },
        'GET /organization/members': {
          status: 200,
          body: {
            members: [member(), member({ accountId: account.id, lastName: 'Сам', roles: ['administrator'] })],
            total: 2,
            nextCursor: null,
          },
        },
        ...noRegion,
      },
      actingAs(['administrator']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=members' });
    await screen.findByRole('button', { name: 'Исключить Петров Пётр Петрович из организации' });
    expect(screen.queryByRole('button', { name: /^Исключить Сам/ })).toBeNull();
  });

  it('invites an employee with groups, the locked АРМ groups offered disabled with their reason', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile() },
        'GET /organization/invitations': [
          { status: 200, body: { invitations: [] } },
          { status: 200, body: { invitations: [invitation({ groups: ['tech_portal'] })] } },
        ],
        'GET /organization/groups': { status: 200, body: { groups } },
        'POST /organization/invitations': [
          refuse(400, 'validation.failed', [{ path: 'email', code: 'email.invalid' }]),
          { status: 201, body: invitation({ groups: ['tech_portal'] }) },
        ],
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=invitations' });
    fireEvent.click(await screen.findByRole('button', { name: 'Пригласить сотрудника' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Продолжить' }));
    await waitFor(() => expectFieldError('Фамилия', 'Заполните поле.'));
    expect(sentRequests(api)).not.toContain('POST /api/organization/invitations');

    fireEvent.change(field('Адрес электронной почты'), { target: { value: 'petrov@example.ru' } });
    fireEvent.change(field('Фамилия'), { target: { value: 'Петров' } });
    fireEvent.change(field('Имя'), { target: { value: 'Пётр' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Включить участника в группы' }));
    const locked = await screen.findByRole('checkbox', { name: 'Специалисты по подтверждению личности' });
    expect((locked as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/заявка по форме З/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Технологический портал' }));

    fireEvent.click(screen.getByRole('button', { name: 'Продолжить' }));
    await waitFor(() => expectFieldError('Адрес электронной почты', 'name@example.ru'));
    fireEvent.click(screen.getByRole('button', { name: 'Продолжить' }));
    expect(await screen.findByText(/Приглашение отправлено на адрес petrov@example.ru/)).toBeTruthy();
    const sent = api.mock.calls.filter(
      ([url, init]) => url === '/api/organization/invitations' && init?.method === 'POST',
    );
    expect(JSON.parse(sent.at(-1)![1]!.body as string)).toEqual({
      email: 'petrov@example.ru',
      lastName: 'Петров',
      firstName: 'Пётр',
      groups: ['tech_portal'],
    });
    expect((await screen.findByTestId('invitation')).textContent).toContain('Ожидает ответа');
  });

  it('revokes and resends an invitation', async () => {
    const id = invitation().id;
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile() },
        'GET /organization/invitations': { status: 200, body: { invitations: [invitation()] } },
        [`POST /organization/invitations/${id}/resend`]: { status: 200, body: invitation() },
        [`POST /organization/invitations/${id}/revoke`]: refuse(409, 'invitation.used'),
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=invitations' });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Отправить повторно приглашение Петров Пётр' }),
    );
    expect(await screen.findByText('Приглашение отправлено повторно.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Отозвать приглашение Петров Пётр' }));
    expect(await screen.findByText('Приглашение уже принято. Ссылка действует один раз.')).toBeTruthy();
    expect(sentRequests(api)).toContain(`POST /api/organization/invitations/${id}/revoke`);
  });

  it('shows the АРМ groups locked with the approval that opens them and adds a member picked from suggestions', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile() },
        'GET /organization/groups': { status: 200, body: { groups } },
        'GET /organization/groups/tech_portal/members': [
          { status: 200, body: { members: [], total: 0 } },
          {
            status: 200,
            body: {
              members: [{ ...member(), addedAt: '2026-11-03T09:00:00.000Z' }],
              total: 1,
            },
          },
        ],
        'GET /organization/members/suggestions?q=%D0%9F%D0%B5%D1%82&group=tech_portal': {
          status: 200,
          body: {
            suggestions: [
              { accountId: employeeId, lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' },
            ],
          },
        },
        'POST /organization/groups/tech_portal/members': { status: 204 },
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=access' });
    const reasons = await screen.findAllByTestId('lock-reason');
    expect(reasons.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Статус уполномоченной организации на выдачу ПЭП (заявка по форме З)'),
      expect.stringContaining('Право использования АРМ «Центр обслуживания» 2.0 (заявка по форме И)'),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Участники (0) группы «Технологический портал»' }));
    const input = await screen.findByLabelText('Добавить участника в группу «Технологический портал»');
    fireEvent.change(input, { target: { value: 'Пет' } });
    await waitFor(() =>
      expect(sentRequests(api)).toContain(
        'GET /api/organization/members/suggestions?q=%D0%9F%D0%B5%D1%82&group=tech_portal',
      ),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'Петров Пётр Петрович' }, { timeout: 3000 }));
    fireEvent.click(screen.getByRole('button', { name: 'Добавить' }));
    await waitFor(() =>
      expect(sentRequests(api)).toContain('POST /api/organization/groups/tech_portal/members'),
    );
    expect((await screen.findByTestId('group-member')).textContent).toContain('Петров Пётр Петрович');
  });

  it('lets the head make an employee an administrator; an administrator only sees who they are', async () => {
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile() },
        'GET /organization/members': {
          status: 200,
          body: {
            members: [member(), member({ accountId: 'h', roles: ['head'], lastName: 'Громова' })],
            total: 2,
            nextCursor: null,
          },
        },
        [`PUT /organization/members/${employeeId}/administrator`]: { status: 204 },
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=administrators' });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Назначить администратором: Петров Пётр Петрович' }),
    );
    await waitFor(() =>
      expect(sentRequests(api)).toContain(`PUT /api/organization/members/${employeeId}/administrator`),
    );
    expect(screen.queryByRole('button', { name: /Громова/ })).toBeNull();
  });

  it('tells an employee who reads the journal and the invitations, without asking the server', async () => {
    const api = stubApi(
      { 'GET /organization': { status: 200, body: profile({ yourRoles: ['employee'] }) }, ...noRegion },
      actingAs(['employee']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=journal' });
    await screen.findByText('Журнал профиля организации доступен руководителю и администраторам.');
    fireEvent.click(screen.getByRole('tab', { name: 'Приглашения' }));
    await screen.findByText(/Приглашать сотрудников и видеть приглашения могут руководитель/);
    expect(sentRequests(api).filter((r) => /journal|invitations/.test(r))).toEqual([]);
  });

  it('shows the journal to an administrator', async () => {
    stubApi(
      {
        'GET /organization': { status: 200, body: profile({ yourRoles: ['administrator', 'employee'] }) },
        'GET /organization/journal': {
          status: 200,
          body: {
            entries: [
              {
                id: '1',
                at: '2026-11-03T09:00:00.000Z',
                event: 'organization.group_member_added',
                actor: 'Громова Анна Сергеевна',
                subject: 'Петров Пётр Петрович',
                details: 'Добавлен в группу «Технологический портал»',
              },
            ],
            nextCursor: null,
          },
        },
        ...noRegion,
      },
      actingAs(['administrator', 'employee']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=journal' });
    expect((await screen.findByTestId('journal-entry')).textContent).toContain(
      'Громова Анна Сергеевна: Добавлен в группу «Технологический портал» — Петров Пётр Петрович',
    );
  });
});

describe('the invitation link', () => {
  const preview = {
    organization: { shortName: 'БУ ВО «МФЦ»', fullName: 'Бюджетное учреждение Вологодской области «МФЦ»' },
    lastName: 'Петров',
    firstName: 'Пётр',
    expiresAt: '2027-01-01T09:00:00.000Z',
    state: 'pending',
  };

  it('asks to sign in first and keeps the token out of the address it returns to', async () => {
    window.location.hash = '#token=secret-token';
    stubApi({});
    renderPage(<InvitationPage />);
    const signIn = await screen.findByRole('link', { name: 'Войти' });
    expect(signIn.getAttribute('href')).toBe('/login?next=%2Forganizations%2Finvitation');
    expect(window.location.hash).toBe('');
    sessionStorage.clear();
  });

  it('shows each refusal next to «Принять приглашение», then accepts and acts for the organization', async () => {
    window.location.hash = '#token=secret-token';
    const api = stubApi(
      {
        'POST /invitations/preview': { status: 200, body: preview },
        'POST /invitations/accept': [
          refuse(422, 'invitation.name_mismatch'),
          { status: 200, body: myOrganization({ roles: ['employee'] }) },
        ],
        'PUT /session/acting-for': {
          status: 200,
          body: { actingFor: { organizationId, shortName: 'БУ ВО «МФЦ»', roles: ['employee'], groups: [] } },
        },
      },
      { account },
    );
    renderPage(<InvitationPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Принять приглашение' }));
    expect((await screen.findByTestId('accept-refusal')).textContent).toBeTruthy();
    const body = api.mock.calls.find(([url]) => url === '/api/invitations/accept')![1]!.body as string;
    expect(JSON.parse(body)).toEqual({ token: 'secret-token' });
    fireEvent.click(screen.getByRole('button', { name: 'Принять приглашение' }));
    await waitFor(() => expect(sentRequests(api)).toContain('PUT /api/session/acting-for'));
    sessionStorage.clear();
  });

  it('sends an unconfirmed account to confirm itself', async () => {
    window.location.hash = '#token=t';
    stubApi(
      {
        'POST /invitations/preview': { status: 200, body: preview },
        'POST /invitations/accept': refuse(409, 'invitation.account_not_confirmed'),
      },
      { account: { ...account, level: 'standard' } },
    );
    renderPage(<InvitationPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Принять приглашение' }));
    const refusal = await screen.findByTestId('accept-refusal');
    expect(within(refusal).getByRole('link', { name: 'Подтвердить личность' }).getAttribute('href')).toBe(
      '/profile/confirm',
    );
    sessionStorage.clear();
  });

  it('says an expired invitation in Russian', async () => {
    window.location.hash = '#token=old';
    stubApi({ 'POST /invitations/preview': refuse(410, 'invitation.expired') }, { account });
    renderPage(<InvitationPage />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Срок действия приглашения|истёк/);
    sessionStorage.clear();
  });
});

describe('the regional operator’s queue', () => {
  const item = (() => {
    const {
      yourRoles: _r,
      approvals: _a,
      revision: _v,
      ...rest
    } = profile({
      status: 'awaiting_regional_operator',
      type: 'state_institution',
      registeredAt: null,
    });
    return rest;
  })();

  it('confirms a registration', async () => {
    const api = stubApi(
      {
        'GET /regional-operator/organizations': [
          { status: 200, body: { organizations: [item], nextCursor: null } },
          { status: 200, body: { organizations: [], nextCursor: null } },
        ],
        [`POST /regional-operator/organizations/${organizationId}/decision`]: { status: 204 },
      },
      actingAs(['employee']),
    );
    renderPage(<RegionalQueuePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Подтвердить регистрацию БУ ВО «МФЦ»' }));
    expect(await screen.findByText('Регистрация организации «БУ ВО «МФЦ»» подтверждена.')).toBeTruthy();
    const call = api.mock.calls.find(([url]) => String(url).endsWith('/decision'))!;
    expect(JSON.parse(call[1]!.body as string)).toEqual({ decision: 'confirm' });
  });

  it('returns a registration only with a reason', async () => {
    const api = stubApi(
      {
        'GET /regional-operator/organizations': {
          status: 200,
          body: { organizations: [item], nextCursor: null },
        },
        [`POST /regional-operator/organizations/${organizationId}/decision`]: { status: 204 },
      },
      actingAs(['employee']),
    );
    renderPage(<RegionalQueuePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Вернуть на доработку заявку БУ ВО «МФЦ»' }));
    fireEvent.click(screen.getByRole('button', { name: 'Вернуть на доработку' }));
    await waitFor(() => expectFieldError('Причина возврата', 'Заполните поле.'));
    expect(sentRequests(api).some((r) => r.endsWith('/decision'))).toBe(false);
    fireEvent.change(field('Причина возврата'), { target: { value: 'Неверный почтовый адрес' } });
    fireEvent.click(screen.getByRole('button', { name: 'Вернуть на доработку' }));
    await waitFor(() => expect(sentRequests(api).some((r) => r.endsWith('/decision'))).toBe(true));
    const call = api.mock.calls.find(([url]) => String(url).endsWith('/decision'))!;
    expect(JSON.parse(call[1]!.body as string)).toEqual({
      decision: 'return',
      reason: 'Неверный почтовый адрес',
    });
  });

  it('tells a person who is not a regional operator why the queue is closed', async () => {
    stubApi({ 'GET /regional-operator/organizations': refuse(403, 'auth.forbidden') }, { account });
    renderPage(<RegionalQueuePage />);
    expect(await screen.findByText('Нет доступа к заявкам')).toBeTruthy();
  });
});
