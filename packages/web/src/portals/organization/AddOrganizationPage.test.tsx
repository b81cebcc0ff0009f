import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { errorText } from '../../i18n/ru';
import { expectFieldError, field } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { AddOrganizationPage } from './AddOrganizationPage';
import { account, myOrganization, refuse } from './test-fixtures';

// The browser's key store and signer are not what is tested here: one head's certificate in the
// list, and a signature made of the PIN, so the page's path through the API is what is checked.
const certificate = {
  handle: 'software:head',
  signerId: 'software',
  location: 'Файл в браузере: head.p12',
  info: {
    id: 'head',
    der: new Uint8Array([48, 3, 2, 1, 1]),
    serialNumber: '01',
    subject: {
      fullName: 'Громова Анна Сергеевна',
      organization: 'БУ ВО «МФЦ»',
      ogrn: '1023500000010',
      innOrganization: '3525000014',
      title: 'Директор',
    },
    issuer: { commonName: 'Тестовый УЦ OpenESIA' },
    notBefore: new Date('2026-01-01'),
    notAfter: new Date('2036-01-01'),
    algorithm: 'gost2012_256',
    canSign: true,
  },
};
vi.mock('../signature/shared', async (original) => ({
  ...(await original<typeof import('../signature/shared')>()),
  useCertificates: () => ({ data: [certificate], isLoading: false, refetch: async () => undefined }),
}));
vi.mock('../../signature', async (original) => ({
  ...(await original<typeof import('../../signature')>()),
  signerOf: () => ({ asksPin: true }),
}));
vi.mock('../signature/signing', async (original) => ({
  ...(await original<typeof import('../signature/signing')>()),
  signChallenge: async (_c: unknown, _cert: unknown, pin: string) => {
    if (pin !== '123456') throw Object.assign(new Error('wrong pin'), { code: 'signature.wrong_pin' });
    return 'U0lHTkFUVVJF';
  },
}));

const entity = {
  ogrn: '1023500000010',
  inn: '3525000014',
  kpp: '352501001',
  fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
  head: { lastName: 'Громова', firstName: 'Анна', middleName: 'Сергеевна', position: 'Директор' },
};
const challenge = {
  challengeId: 'c1',
  dataToSign: 'dGV4dA==',
  text: 'Заявление на регистрацию организации ОГРН 1023500000010',
  expiresAt: new Date(Date.now() + 300_000).toISOString(),
};

async function toCertificateStep() {
  renderPage(<AddOrganizationPage />);
  expect(await screen.findByRole('radio', { name: 'Юридическое лицо' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Продолжить' }));
  await screen.findByRole('heading', { name: 'Выбор сертификата' });
}

async function pick(label: string, option: string) {
  // the Select's input and its list share the label; the input comes first
  fireEvent.click(screen.getAllByLabelText(new RegExp(`^${label}( \\*)?$`))[0]);
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}

describe('«+ Добавить организацию»', () => {
  it('refuses a personal certificate with the reason next to the choice', async () => {
    stubApi(
      { 'POST /me/organizations/certificate': refuse(422, 'organization.not_legal_entity_certificate') },
      { account },
    );
    await toCertificateStep();
    fireEvent.click(screen.getAllByRole('button', { name: 'Продолжить' })[0]);
    expect((await screen.findByTestId('form-message')).textContent).toMatch(/юридическ/i);
    expect(screen.queryByText('Сведения из сертификата')).toBeNull();
  });

  it('reads the certificate, checks the form before asking anything, signs with the PIN and follows the check', async () => {
    const api = stubApi(
      {
        'POST /me/organizations/certificate': { status: 200, body: entity },
        'POST /me/organizations/challenge': { status: 200, body: challenge },
        'POST /me/organizations': [
          refuse(409, 'organization.duplicate'),
          { status: 201, body: myOrganization({ status: 'checking' }) },
        ],
        'GET /me/organizations': {
          status: 200,
          body: { organizations: [myOrganization({ status: 'awaiting_regional_operator' })] },
        },
      },
      { account },
    );
    await toCertificateStep();
    fireEvent.click(screen.getAllByRole('button', { name: 'Продолжить' })[0]);
    expect(await screen.findByText('Сведения из сертификата')).toBeTruthy();
    expect(screen.getByText('1023500000010')).toBeTruthy();
    expect(screen.getByText('Громова Анна Сергеевна')).toBeTruthy();
    // the certificate's fields are shown, not offered for editing
    expect(screen.queryByLabelText(/^ОГРН/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Продолжить' }));
    await waitFor(() => expectFieldError('Краткое наименование', 'Заполните поле.'));
    expect(sentRequests(api)).not.toContain('POST /api/me/organizations/challenge');

    fireEvent.change(field('Краткое наименование'), { target: { value: 'БУ ВО «МФЦ»' } });
    await pick('Тип организации', 'Многофункциональный центр');
    await pick('Регион', '35 — Вологодская область');
    fireEvent.change(field('Юридический адрес'), { target: { value: 'г. Вологда, ул. Мира, д. 1' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Совпадает с юридическим' }));
    expect(screen.queryByLabelText(/^Почтовый адрес/)).toBeNull();
    fireEvent.change(field('Телефон'), { target: { value: '+7 (8172) 23-01-29' } });
    fireEvent.change(field('Электронная почта'), { target: { value: 'mfc@example.ru' } });
    fireEvent.click(screen.getByRole('button', { name: 'Продолжить' }));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(challenge.text)).toBeTruthy();
    const sentChallenge = api.mock.calls.find(([url]) => url === '/api/me/organizations/challenge')!;
    expect(JSON.parse(sentChallenge[1]!.body as string).details).toEqual({
      shortName: 'БУ ВО «МФЦ»',
      type: 'mfc',
      regionCode: '35',
      legalAddress: 'г. Вологда, ул. Мира, д. 1',
      postalAddress: 'г. Вологда, ул. Мира, д. 1',
      phone: '+7 (8172) 23-01-29',
      email: 'mfc@example.ru',
    });

    fireEvent.change(within(dialog).getByLabelText(/^PIN-код/), { target: { value: '000000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Подписать' }));
    expect(await within(dialog).findByText(errorText['signature.wrong_pin'])).toBeTruthy();
    expect(sentRequests(api)).not.toContain('POST /api/me/organizations');

    fireEvent.change(within(dialog).getByLabelText(/^PIN-код/), { target: { value: '123456' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Подписать' }));
    expect((await within(dialog).findByTestId('form-message')).textContent).toContain(
      'Организация с таким ОГРН уже зарегистрирована.',
    );

    fireEvent.click(within(dialog).getByRole('button', { name: 'Подписать' }));
    expect(await screen.findByText('Заявка на регистрацию организации отправлена')).toBeTruthy();
    const signed = api.mock.calls
      .filter(([url, init]) => url === '/api/me/organizations' && init?.method === 'POST')
      .at(-1)!;
    expect(JSON.parse(signed[1]!.body as string)).toMatchObject({
      challengeId: 'c1',
      signature: 'U0lHTkFUVVJF',
    });
    expect(screen.getByText(/можно закрыть эту страницу/)).toBeTruthy();
    // the page follows the check: the status comes from the personal page's list
    expect((await screen.findByTestId('organization-status')).textContent).toBe(
      'На проверке у регионального оператора',
    );
  });

  it('tells an account that is not confirmed why it cannot add an organization', async () => {
    stubApi({}, { account: { ...account, level: 'standard' } });
    renderPage(<AddOrganizationPage />);
    expect(await screen.findByText('Нужна подтверждённая учётная запись')).toBeTruthy();
    expect(screen.queryByRole('radio', { name: 'Юридическое лицо' })).toBeNull();
  });
});
