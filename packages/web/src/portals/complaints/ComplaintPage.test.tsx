import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../i18n/ru';
import { description, expectFieldError, expectNoFieldError } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { ComplaintPage } from './ComplaintPage';

const mfc = {
  id: '3b7e2a52-9a4b-4b1f-9a51-2f0c3f6a1d01',
  shortName: 'БУ ВО «МФЦ»',
  fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
  regionCode: '35',
};
const searched = `GET /complaints/organizations?q=${encodeURIComponent('мфц')}`;
const organizations = {
  'GET /complaints/organizations': { status: 200, body: { organizations: [mfc] } },
  [searched]: { status: 200, body: { organizations: [mfc] } },
};

/** A Select's input: its list shares the label. */
function selectInput(label: string): HTMLInputElement {
  const labelled = screen.getAllByLabelText(new RegExp(`^${label}( \\*)?$`));
  return labelled.find((e) => e.tagName === 'INPUT') as HTMLInputElement;
}

async function pick(label: string, option: string) {
  fireEvent.click(selectInput(label));
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }, { timeout: 3000 }));
}

/** A Select's input shows this error. */
function expectSelectError(label: string, message: string) {
  const input = selectInput(label);
  expect(input.getAttribute('aria-invalid')).toBe('true');
  expect(description(input)).toContain(message);
}

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(new RegExp(`^${label}( \\*)?$`)), { target: { value } });
}

async function fillIn(api: ReturnType<typeof stubApi>) {
  // typed by the person: Mantine treats a change to an input without focus as autofill
  const organization = selectInput('Организация');
  organization.focus();
  fireEvent.change(organization, { target: { value: 'мфц' } });
  // searched on the server by what was typed
  await waitFor(() => expect(sentRequests(api)).toContain(searched.replace('GET ', 'GET /api')), {
    timeout: 3000,
  });
  fireEvent.click(
    await screen.findByRole('option', { name: 'БУ ВО «МФЦ»', hidden: true }, { timeout: 3000 }),
  );
  await pick('Что случилось', 'Отказ в обслуживании');
  type('Текст жалобы', 'Оператор отказался подтвердить учётную запись без объяснения причин.');
  type('Электронная почта для ответа', 'person@example.ru');
}

describe('«Пожаловаться на центр обслуживания»', () => {
  it('names every missing field at once and sends nothing', async () => {
    const api = stubApi(organizations);
    renderPage(<ComplaintPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Отправить жалобу' }));
    await waitFor(() => expectFieldError('Текст жалобы', errorText.required!));
    expectSelectError('Организация', errorText.required!);
    expectSelectError('Что случилось', errorText.required!);
    expectNoFieldError('Электронная почта для ответа');
    expect(sentRequests(api).filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('sends the complaint about the organization found by name and says by when it is answered', async () => {
    const api = stubApi({
      ...organizations,
      'POST /complaints': {
        status: 200,
        body: {
          id: 'c1',
          number: 17,
          organization: { shortName: mfc.shortName },
          answerDueAt: '2026-12-03T09:00:00.000Z',
          answerByEmail: true,
        },
      },
    });
    renderPage(<ComplaintPage />);
    await fillIn(api);
    fireEvent.click(screen.getByRole('button', { name: 'Отправить жалобу' }));
    expect(await screen.findByText('Жалоба № 17 принята')).toBeTruthy();
    expect(screen.getByText(/должна ответить на жалобу до 03\.12\.2026/)).toBeTruthy();
    expect(screen.getByText(/Ответ придёт на указанный вами адрес/)).toBeTruthy();
    const [, init] = api.mock.calls.find(([url, i]) => url === '/api/complaints' && i?.method === 'POST')!;
    expect(JSON.parse(String((init as RequestInit).body))).toEqual({
      organizationId: mfc.id,
      category: 'refused_service',
      text: 'Оператор отказался подтвердить учётную запись без объяснения причин.',
      place: '',
      email: 'person@example.ru',
    });
  });

  it('shows the server’s refusal at the organization when it is no authorized one', async () => {
    const api = stubApi({
      ...organizations,
      'POST /complaints': {
        status: 400,
        body: {
          error: {
            code: 'validation.failed',
            fields: [{ path: 'organizationId', code: 'complaint.organization_unknown' }],
          },
        },
      },
    });
    renderPage(<ComplaintPage />);
    await fillIn(api);
    fireEvent.click(screen.getByRole('button', { name: 'Отправить жалобу' }));
    await waitFor(() => expectSelectError('Организация', errorText['complaint.organization_unknown']!));
    expect(screen.queryByText(/принята/)).toBeNull();
  });

  describe('from a center’s card on the map (?center=)', () => {
    const center = {
      id: '9d2f6c1e-4b7a-4c3d-8e5f-0a1b2c3d4e5f',
      name: 'МФЦ «Мои документы» на Мира',
      organizationId: mfc.id,
      organizationShortName: mfc.shortName,
      regionCode: '35',
      address: '160000, г. Вологда, ул. Мира, д. 12',
      location: { lat: 59.22, lon: 39.89 },
      timeZone: 'Europe/Moscow',
      hours: {
        weekly: {
          mon: [{ from: '09:00', to: '18:00' }],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: [],
          sun: [],
        },
        exceptions: [],
      },
      phone: '+78172123456',
      email: null,
      directions: null,
      accessibility: [],
      services: ['confirmation'],
      openNow: true,
    };
    const accepted = {
      status: 200,
      body: {
        id: 'c2',
        number: 18,
        organization: { shortName: mfc.shortName },
        answerDueAt: '2026-12-03T09:00:00.000Z',
        answerByEmail: false,
      },
    };

    it('names the center, fills in its organization and place, and sends its id', async () => {
      const api = stubApi({
        ...organizations,
        'GET /complaints/organizations?regionCode=35': { status: 200, body: { organizations: [mfc] } },
        [`GET /map/centers/${center.id}`]: { status: 200, body: center },
        'POST /complaints': accepted,
      });
      renderPage(<ComplaintPage />, { path: `/complaint?center=${center.id}` });
      expect(await screen.findByText(/ул\. Мира, д\. 12 \(БУ ВО «МФЦ»\)/)).toBeTruthy();
      expect(selectInput('Организация').value).toBe(mfc.shortName);
      expect((screen.getByLabelText('Центр обслуживания') as HTMLInputElement).value).toBe(
        'МФЦ «Мои документы» на Мира, 160000, г. Вологда, ул. Мира, д. 12',
      );
      await pick('Что случилось', 'Неверные сведения о центре: адрес, часы работы, телефон');
      type('Текст жалобы', 'В субботу центр был закрыт, хотя на карте указано, что он работает.');
      fireEvent.click(screen.getByRole('button', { name: 'Отправить жалобу' }));
      expect(await screen.findByText('Жалоба № 18 принята')).toBeTruthy();
      const [, init] = api.mock.calls.find(([url, i]) => url === '/api/complaints' && i?.method === 'POST')!;
      expect(JSON.parse(String((init as RequestInit).body))).toMatchObject({
        organizationId: mfc.id,
        centerId: center.id,
        category: 'wrong_center_information',
      });
    });

    it('says when the center is gone from the map and leaves the form empty', async () => {
      stubApi({
        ...organizations,
        [`GET /map/centers/${center.id}`]: {
          status: 404,
          body: { error: { code: 'map.center_not_found' } },
        },
      });
      renderPage(<ComplaintPage />, { path: `/complaint?center=${center.id}` });
      expect(await screen.findByText(/Центр обслуживания из ссылки не найден на карте/)).toBeTruthy();
      expect(selectInput('Организация').value).toBe('');
      expect((screen.getByLabelText('Центр обслуживания') as HTMLInputElement).value).toBe('');
    });
  });
});
