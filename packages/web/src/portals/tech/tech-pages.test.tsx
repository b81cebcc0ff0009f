import type { CenterList, CenterView } from '@openesia/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Layout } from '../../components/Layout';
import { errorText } from '../../i18n/ru';
import { description, expectFieldError } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { account, organizationId, refuse } from '../organization/test-fixtures';
import { EditCenterPage, NewCenterPage } from './CenterFormPages';
import { CenterPage } from './CenterPage';
import { CentersPage } from './CentersPage';

const centerId = '5d1c7a52-6f0e-4c1a-9d2b-3e4f5a6b7c8d';
const operatorId = '7b2e9c10-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const actingFor = {
  account,
  actingFor: {
    organizationId,
    shortName: 'КГКУ «ЦСПН»',
    roles: ['administrator', 'employee'],
    groups: ['tech_portal'],
  },
};
const weekday = [
  { from: '09:00', to: '13:00' },
  { from: '14:00', to: '18:00' },
];

const list = (over: Partial<CenterList> = {}): CenterList => ({
  centers: [],
  allowedServices: ['confirmation'],
  organizationRegionCode: '41',
  ...over,
});

const view = (over: Partial<CenterView> = {}): CenterView => ({
  id: centerId,
  organizationId,
  organizationShortName: 'КГКУ «ЦСПН»',
  name: 'Центр обслуживания на Ленинской',
  regionCode: '41',
  address: '683000, Камчатский край, г. Петропавловск-Камчатский, ул. Ленинская, д. 42',
  location: { lat: 53.0146, lon: 158.6493 },
  timeZone: 'Asia/Kamchatka',
  hours: {
    weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
    exceptions: [],
  },
  phone: '+74152200041',
  email: 'co@cspn41.example',
  directions: null,
  accessibility: ['step_free_entrance'],
  services: ['confirmation'],
  status: 'inactive',
  revision: 3,
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  operators: [],
  quality: [],
  allowedServices: ['confirmation'],
  missingForActivation: [],
  operations30d: 0,
  ...over,
});

/** The page at its route, as the app mounts it: the form's pages read `:centerId`. */
function renderAt(path: string) {
  return renderPage(
    <Routes>
      <Route path="/tech/centers" element={<CentersPage />} />
      <Route path="/tech/centers/new" element={<NewCenterPage />} />
      <Route path="/tech/centers/:centerId" element={<CenterPage />} />
      <Route path="/tech/centers/:centerId/edit" element={<EditCenterPage />} />
    </Routes>,
    { path },
  );
}

const day = (name: string) => within(screen.getByRole('group', { name }));
/** A time input of a weekday's row, by its label there («с», «до», «Перерыв с»). */
const dayField = (name: string, label: string) =>
  day(name).getByLabelText(new RegExp(`^${label}( \\*)?$`)) as HTMLInputElement;

describe('the header’s link to the technological portal', () => {
  const links = () => screen.queryAllByRole('link', { name: 'Технологический портал', hidden: true });

  it('is shown to a member of «Технологический портал», not to another employee or a private person', async () => {
    const organizations = { 'GET /me/organizations': { status: 200, body: { organizations: [] } } };
    stubApi(organizations, actingFor);
    const member = renderPage(<Layout />);
    await waitFor(() => expect(links().length).toBeGreaterThan(0));
    for (const link of links()) expect(link.getAttribute('href')).toBe('/tech/centers');
    member.unmount();

    stubApi(organizations, {
      ...actingFor,
      actingFor: { ...actingFor.actingFor, groups: ['identity_specialists'] },
    });
    const employee = renderPage(<Layout />);
    await screen.findAllByRole('link', { name: 'Анна Громова', hidden: true });
    expect(links()).toEqual([]);
    employee.unmount();

    stubApi(organizations, { account });
    renderPage(<Layout />);
    await screen.findAllByRole('link', { name: 'Анна Громова', hidden: true });
    expect(links()).toEqual([]);
  });
});

describe('«Центры обслуживания»', () => {
  it('lists the centers with their status, services, operators and the data check’s findings', async () => {
    stubApi(
      {
        'GET /tech/centers': {
          status: 200,
          body: list({
            centers: [
              {
                id: centerId,
                name: 'Центр обслуживания на Ленинской',
                regionCode: '41',
                address: 'г. Петропавловск-Камчатский, ул. Ленинская, д. 42',
                status: 'active',
                services: ['confirmation'],
                operatorCount: 2,
                quality: ['duplicate_address'],
                updatedAt: '2026-03-02T09:00:00.000Z',
              },
            ],
          }),
        },
      },
      actingFor,
    );
    renderAt('/tech/centers');
    const card = await screen.findByTestId('center-card');
    expect(
      within(card).getByRole('link', { name: 'Центр обслуживания на Ленинской' }).getAttribute('href'),
    ).toBe(`/tech/centers/${centerId}`);
    expect(within(card).getByTestId('center-status').textContent).toBe('Действующий');
    expect(card.textContent).toContain('41 — Камчатский край');
    expect(card.textContent).toContain('Услуги: Подтверждение');
    expect(card.textContent).toContain('Операторов: 2');
    expect(card.textContent).toContain('Такой же адрес указан у другого центра обслуживания');
    expect(screen.getByRole('link', { name: 'Добавить центр обслуживания' }).getAttribute('href')).toBe(
      '/tech/centers/new',
    );
  });

  it('tells a member outside the group «Технологический портал» why the portal is closed', async () => {
    stubApi({ 'GET /tech/centers': refuse(403, 'auth.forbidden') }, actingFor);
    renderAt('/tech/centers');
    const alert = await screen.findByTestId('tech-forbidden');
    expect(alert.textContent).toContain(
      'Технологический портал доступен сотрудникам группы «Технологический портал».',
    );
    expect(screen.queryByRole('link', { name: 'Добавить центр обслуживания' })).toBeNull();
  });

  it('asks a person acting as a private person to choose the organization first', async () => {
    stubApi({ 'GET /me/organizations': { status: 200, body: { organizations: [] } } }, { account });
    renderAt('/tech/centers');
    await screen.findByText(/Технологический портал открывается от имени организации/);
  });
});

describe('«Добавить центр обслуживания»', () => {
  it('starts in the organization’s region and offers only the services the approvals allow', async () => {
    stubApi({ 'GET /tech/centers': { status: 200, body: list() } }, actingFor);
    renderAt('/tech/centers/new');
    await screen.findByRole('button', { name: 'Сохранить' });
    const region = screen.getAllByLabelText(/^Регион/).find((e) => e.tagName === 'INPUT') as HTMLInputElement;
    expect(region.value).toBe('41 — Камчатский край');
    const confirmation = screen.getByRole('checkbox', { name: 'Подтверждение' }) as HTMLInputElement;
    expect(confirmation.disabled).toBe(false);
    for (const name of ['Регистрация', 'Восстановление', 'Удаление']) {
      const box = screen.getByRole('checkbox', { name }) as HTMLInputElement;
      expect(box.disabled).toBe(true);
      expect(description(box)).toContain('Доступно после согласования заявки по форме И');
    }
  });

  it('refuses hours that end before they start at that day’s «до», before any request', async () => {
    const api = stubApi({ 'GET /tech/centers': { status: 200, body: list() } }, actingFor);
    renderAt('/tech/centers/new');
    await screen.findByRole('button', { name: 'Сохранить' });
    fireEvent.change(screen.getByLabelText(/^Наименование/), { target: { value: 'Центр на Ленинской' } });
    fireEvent.change(screen.getByLabelText(/^Почтовый адрес/), {
      target: { value: 'г. Елизово, ул. Ленина, д. 10' },
    });
    fireEvent.click(day('Понедельник').getByRole('checkbox', { name: 'Выходной' }));
    fireEvent.change(dayField('Понедельник', 'с'), { target: { value: '18:00' } });
    fireEvent.change(dayField('Понедельник', 'до'), { target: { value: '09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(dayField('Понедельник', 'до').getAttribute('aria-invalid')).toBe('true'));
    expect(description(dayField('Понедельник', 'до'))).toContain(errorText['hours.end_before_start']);
    expect(dayField('Понедельник', 'с').getAttribute('aria-invalid')).not.toBe('true');
    expect(sentRequests(api)).not.toContain('POST /api/tech/centers');
  });

  it('puts the server’s refusal of a break at «Перерыв с» of its day, and a service at «Услуги»', async () => {
    const api = stubApi(
      {
        'GET /tech/centers': { status: 200, body: list() },
        'POST /tech/centers': refuse(400, 'validation.failed', [
          { path: 'hours.weekly.tue.0.to', code: 'hours.overlap' },
          { path: 'services.0', code: 'center.service_not_allowed' },
        ]),
      },
      actingFor,
    );
    renderAt('/tech/centers/new');
    await screen.findByRole('button', { name: 'Сохранить' });
    fireEvent.change(screen.getByLabelText(/^Наименование/), { target: { value: 'Центр на Ленинской' } });
    fireEvent.change(screen.getByLabelText(/^Почтовый адрес/), {
      target: { value: 'г. Елизово, ул. Ленина, д. 10' },
    });
    fireEvent.click(day('Вторник').getByRole('checkbox', { name: 'Выходной' }));
    fireEvent.click(day('Вторник').getByRole('button', { name: 'Добавить перерыв' }));
    expect(dayField('Вторник', 'Перерыв с').value).toBe('13:00');
    expect(dayField('Вторник', 'Перерыв до').value).toBe('14:00');
    expect(dayField('Вторник', 'до').value).toBe('18:00');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Подтверждение' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(sentRequests(api)).toContain('POST /api/tech/centers'));
    await waitFor(() => expect(dayField('Вторник', 'Перерыв с').getAttribute('aria-invalid')).toBe('true'));
    expect(description(dayField('Вторник', 'Перерыв с'))).toContain(errorText['hours.overlap']);
    expect(screen.getByText(errorText['center.service_not_allowed'])).toBeTruthy();
    expect(screen.getByTestId('form-message').textContent).toContain('Проверьте поля, отмеченные красным.');
  });

  it('copies Monday’s hours with «Как в понедельник» and adds the federal holidays as closed days', async () => {
    stubApi({ 'GET /tech/centers': { status: 200, body: list() } }, actingFor);
    renderAt('/tech/centers/new');
    await screen.findByRole('button', { name: 'Сохранить' });
    fireEvent.click(day('Понедельник').getByRole('checkbox', { name: 'Выходной' }));
    fireEvent.change(dayField('Понедельник', 'с'), { target: { value: '8' } });
    fireEvent.blur(dayField('Понедельник', 'с'));
    expect(dayField('Понедельник', 'с').value).toBe('08:00');
    fireEvent.click(screen.getByRole('button', { name: 'Среда: как в понедельник' }));
    expect(dayField('Среда', 'с').value).toBe('08:00');
    expect(dayField('Среда', 'до').value).toBe('18:00');

    const year = new Date().getFullYear();
    const button = screen.getByRole('button', {
      name: new RegExp(`^Добавить праздничные дни (${year}|${year + 1})$`),
    });
    fireEvent.click(button);
    const days = screen.getAllByTestId('hours-exception');
    expect(days).toHaveLength(14);
    expect(
      days
        .map((d) => within(d).getByRole('checkbox', { name: 'Выходной' }) as HTMLInputElement)
        .every((c) => c.checked),
    ).toBe(true);
    expect((within(days[6]!).getByLabelText(/^Примечание/) as HTMLInputElement).value).toBe(
      'Рождество Христово',
    );
    expect((within(days.at(-1)!).getByLabelText(/^Дата/) as HTMLInputElement).value).toMatch(/^\d{4}-11-04$/);
    expect(days.at(-1)!.getAttribute('aria-label')).toMatch(/^Особый день 04\.11\.\d{4}$/);
  });
});

describe('«Редактировать»', () => {
  it('says what «Действующий» still needs before the officer tries', async () => {
    stubApi(
      {
        [`GET /tech/centers/${centerId}`]: {
          status: 200,
          body: view({ phone: null, missingForActivation: ['phone', 'operators'] }),
        },
      },
      actingFor,
    );
    renderAt(`/tech/centers/${centerId}/edit`);
    const missing = await screen.findByTestId('missing-for-activation');
    expect(missing.textContent).toContain('телефон');
    expect(missing.textContent).toContain('прикреплённого оператора с доступом к АРМ «Центр обслуживания»');
    expect(screen.getByRole('radio', { name: 'Недействующий' })).toHaveProperty('checked', true);
  });

  it('sends the status at the revision read, and tells a stale page to read the center again', async () => {
    const api = stubApi(
      {
        [`GET /tech/centers/${centerId}`]: { status: 200, body: view() },
        [`PUT /tech/centers/${centerId}`]: refuse(409, 'center.stale'),
      },
      actingFor,
    );
    renderAt(`/tech/centers/${centerId}/edit`);
    fireEvent.click(await screen.findByRole('radio', { name: 'Действующий' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(sentRequests(api)).toContain(`PUT /api/tech/centers/${centerId}`));
    const put = api.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'PUT')!;
    const body = JSON.parse(String((put[1] as RequestInit).body));
    expect(body).toMatchObject({ status: 'active', revision: 3, phone: '+7 (415) 220-00-41' });
    expect((await screen.findByTestId('form-message')).textContent).toContain(errorText['center.stale']);
    expect(screen.getByRole('button', { name: 'Загрузить сведения заново' })).toBeTruthy();
  });

  it('shows the server’s missing fields at them when «Действующий» is refused', async () => {
    stubApi(
      {
        [`GET /tech/centers/${centerId}`]: { status: 200, body: view() },
        [`PUT /tech/centers/${centerId}`]: refuse(409, 'center.incomplete', [
          { path: 'phone', code: 'required' },
        ]),
      },
      actingFor,
    );
    renderAt(`/tech/centers/${centerId}/edit`);
    fireEvent.click(await screen.findByRole('radio', { name: 'Действующий' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expectFieldError('Телефон', errorText.required));
  });
});

describe('the center’s page', () => {
  it('warns of an operator without access and detaches one after a confirmation', async () => {
    const api = stubApi(
      {
        [`GET /tech/centers/${centerId}`]: {
          status: 200,
          body: view({
            operators: [
              {
                accountId: operatorId,
                name: { lastName: 'Медведев', firstName: 'Илья', middleName: null },
                attachedAt: '2026-03-02T08:30:00.000Z',
                groups: [],
                hasAccess: false,
                operations30d: 0,
              },
            ],
            quality: ['phone_not_dialable'],
          }),
        },
        [`GET /tech/centers/${centerId}/history`]: {
          status: 200,
          body: {
            events: [
              {
                id: 'e2',
                at: '2026-03-02T09:00:00.000Z',
                kind: 'updated',
                actor: 'Ковалёва Мария',
                changedFields: ['phone', 'hours'],
                operatorName: null,
              },
              {
                id: 'e1',
                at: '2026-03-02T08:30:00.000Z',
                kind: 'operator_attached',
                actor: 'Ковалёва Мария',
                changedFields: [],
                operatorName: 'Медведев Илья',
              },
            ],
          },
        },
        [`DELETE /tech/centers/${centerId}/operators/${operatorId}`]: { status: 200, body: view() },
      },
      actingFor,
    );
    renderAt(`/tech/centers/${centerId}`);
    const operator = await screen.findByTestId('center-operator');
    expect(operator.textContent).toContain('Нет доступа: не состоит в группе АРМ');
    expect(screen.getByTestId('center-quality').textContent).toBe(
      'Телефон не набирается: такого номера нет в плане нумерации',
    );
    const events = await screen.findAllByTestId('center-event');
    expect(events[0]!.textContent).toContain('Сведения изменены: телефон, режим работы');
    expect(events[1]!.textContent).toContain('Оператор прикреплён: Медведев Илья');

    fireEvent.click(within(operator).getByRole('button', { name: 'Открепить: Медведев Илья' }));
    const dialog = await screen.findByRole('dialog');
    expect(sentRequests(api)).not.toContain(`DELETE /api/tech/centers/${centerId}/operators/${operatorId}`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Открепить' }));
    await waitFor(() =>
      expect(sentRequests(api)).toContain(`DELETE /api/tech/centers/${centerId}/operators/${operatorId}`),
    );
  });
});
