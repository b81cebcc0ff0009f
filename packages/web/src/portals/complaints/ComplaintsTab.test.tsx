import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ComplaintView } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { OrganizationPage } from '../organization/OrganizationPage';
import { account, organizationId, profile, refuse } from '../organization/test-fixtures';

const actingAs = (roles: string[]) => ({
  account,
  actingFor: { organizationId, shortName: 'БУ ВО «МФЦ»', roles, groups: [] },
});
const noRegion = { 'GET /regional-operator/organizations': refuse(403, 'auth.forbidden') };

const overdue: ComplaintView = {
  id: '9c0b6a3e-5d4f-4e21-8a7b-1c2d3e4f5a61',
  number: 42,
  organization: { id: organizationId, shortName: 'БУ ВО «МФЦ»', fullName: 'БУ ВО «МФЦ»', regionCode: '35' },
  category: 'refused_service',
  text: 'Оператор отказался восстановить доступ к учётной записи.',
  place: 'г. Вологда, ул. Козлёнская, д. 14',
  status: 'awaiting_answer',
  createdAt: '2026-11-01T09:00:00.000Z',
  answerDueAt: '2026-11-11T09:00:00.000Z',
  overdue: true,
  answer: null,
  answeredAt: null,
  answeredBy: null,
  answerByEmail: true,
  signedIn: false,
};
const page = (complaints: ComplaintView[], counts = { awaitingAnswer: 1, overdue: 1 }) => ({
  status: 200,
  body: { complaints, counts, nextCursor: null },
});

describe('«Жалобы» of the organization’s profile', () => {
  it('shows an overdue complaint marked, and the head answers it', async () => {
    const answer = 'Доступ восстановлен, с оператором проведена беседа.';
    const api = stubApi(
      {
        'GET /organization': { status: 200, body: profile() },
        'GET /organization/complaints?filter=awaiting_answer': [
          page([overdue]),
          page([], { awaitingAnswer: 0, overdue: 0 }),
        ],
        [`POST /organization/complaints/${overdue.id}/answer`]: {
          status: 200,
          body: {
            ...overdue,
            status: 'answered',
            overdue: false,
            answer,
            answeredAt: '2026-11-20T09:00:00.000Z',
          },
        },
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=complaints' });
    const card = await screen.findByTestId('complaint');
    expect(within(card).getByRole('heading', { name: 'Жалоба № 42' })).toBeTruthy();
    expect(within(card).getByTestId('overdue').textContent).toBe('Просрочена');
    expect(card.textContent).toContain('11.11.2026 — срок ответа истёк');
    expect(screen.getByRole('radio', { name: 'Просроченные (1)' })).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Ответить на жалобу № 42' }));
    fireEvent.change(screen.getByLabelText(/^Ответ заявителю/), { target: { value: answer } });
    fireEvent.click(screen.getByRole('button', { name: 'Отправить ответ' }));
    expect(await screen.findByText('Ответ на жалобу № 42 сохранён.')).toBeTruthy();
    expect(sentRequests(api)).toContain(`POST /api/organization/complaints/${overdue.id}/answer`);
    expect(await screen.findByText('Все жалобы рассмотрены.')).toBeTruthy();
  });

  it('tells an employee who does not answer complaints who does', async () => {
    stubApi(
      {
        'GET /organization': { status: 200, body: profile({ yourRoles: ['employee'] }) },
        'GET /organization/complaints?filter=awaiting_answer': refuse(403, 'complaint.not_responsible'),
        ...noRegion,
      },
      actingAs(['employee']),
    );
    renderPage(<OrganizationPage />, { path: '/organization?tab=complaints' });
    expect(
      await screen.findByText(/Жалобы рассматривают руководитель, администраторы и уполномоченное лицо/),
    ).toBeTruthy();
  });

  it('shows the blocking by the operator of ЕСИА with its reason above the tabs', async () => {
    stubApi(
      {
        'GET /organization': {
          status: 200,
          body: profile({
            approvals: ['form_z'],
            blocking: { blockedAt: '2026-11-20T09:00:00.000Z', reason: 'Жалобы оставлены без ответа.' },
          }),
        },
        ...noRegion,
      },
      actingAs(['head']),
    );
    renderPage(<OrganizationPage />);
    const alert = await screen.findByRole('alert', {
      name: 'Организация заблокирована как оператор выдачи ключа ПЭП',
    });
    expect(alert.textContent).toContain('Причина: Жалобы оставлены без ответа.');
    expect(alert.textContent).toContain('20.11.2026');
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Жалобы' })).toBeTruthy());
  });
});
