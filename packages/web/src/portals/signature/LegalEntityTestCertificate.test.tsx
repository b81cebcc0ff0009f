import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { errorText } from '../../i18n/ru';
import { expectFieldError, field } from '../../test/field';
import { renderPage, sentRequests, stubApi } from '../../test/render';
import { account, refuse } from '../organization/test-fixtures';
import { LegalEntityTestCertificate } from './LegalEntityTestCertificate';

// The container's reading and the browser's key store are tested elsewhere: here, what is sent and kept.
const saved: string[] = [];
vi.mock('../../signature', async (original) => ({
  ...(await original<typeof import('../../signature')>()),
  readContainer: async () => ({ status: 'ready', draft: { label: 'Громова Анна Сергеевна' } }),
}));
vi.mock('./keys', async (original) => ({
  ...(await original<typeof import('./keys')>()),
  saveDraft: async (_draft: unknown, source: string, fileName: string) => {
    saved.push(`${source}:${fileName}`);
    return { id: 'k1', fileName };
  },
}));

const personalData = {
  data: {
    lastName: 'Громова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    gender: 'F',
    birthDate: '1980-01-01',
    birthPlace: 'г. Вологда',
    citizenship: 'RUS',
    passport: {
      series: '1900',
      number: '123456',
      issueDate: '2010-01-01',
      issuedBy: 'УФМС',
      issuerCode: '350-001',
    },
    snils: '11223344595',
  },
  verification: {
    state: 'passed',
    snils: 'passed',
    passport: 'passed',
    failureReasons: [],
    submittedAt: null,
    completedAt: null,
  },
  editable: true,
};

async function pick(label: string, option: string) {
  fireEvent.click(screen.getAllByLabelText(new RegExp(`^${label}( \\*)?$`))[0]);
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}

describe('«Сертификат руководителя организации»', () => {
  it('checks the form before sending, then issues for a new organization and keeps the key in the browser', async () => {
    const api = stubApi(
      {
        'GET /me/personal-data': { status: 200, body: personalData },
        'POST /test-ca/legal-entity-certificate': [
          refuse(409, 'test_ca.not_head'),
          {
            status: 200,
            body: {
              serialNumber: '01',
              certificate: 'AAAA',
              container: 'AAAA',
              containerFormat: 'pkcs12',
              info: {
                serialNumber: '01',
                algorithm: 'gost2012_256',
                subject: {
                  commonName: 'Громова Анна Сергеевна',
                  lastName: 'Громова',
                  firstName: 'Анна Сергеевна',
                  middleName: null,
                  snils: '11223344595',
                  inn: null,
                  innLe: '3525000014',
                  ogrn: '1023500000010',
                  ogrnip: null,
                  organization: 'Бюджетное учреждение «Многофункциональный центр»',
                  title: 'Директор',
                  email: null,
                },
                issuerName: 'Тестовый УЦ OpenESIA',
                notBefore: '2026-12-01T00:00:00.000Z',
                notAfter: '2027-12-01T00:00:00.000Z',
                thumbprint: 'ab',
              },
              revocationToken: null,
            },
          },
        ],
      },
      { account, demoMode: true },
    );
    renderPage(<LegalEntityTestCertificate />);
    expect(await screen.findByDisplayValue('Громова Анна Сергеевна')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Получить сертификат руководителя' }));
    await waitFor(() => expectFieldError('Полное наименование организации', 'Заполните поле.'));
    expect(sentRequests(api)).not.toContain('POST /api/test-ca/legal-entity-certificate');

    fireEvent.change(field('Полное наименование организации'), {
      target: { value: 'Бюджетное учреждение «Многофункциональный центр»' },
    });
    fireEvent.change(field('Краткое наименование организации'), { target: { value: 'БУ «МФЦ»' } });
    await pick('Тип организации', 'Многофункциональный центр');
    await pick('Регион', '35 — Вологодская область');
    fireEvent.change(field('Должность руководителя'), { target: { value: 'Директор' } });
    fireEvent.change(field('PIN-код'), { target: { value: '482915' } });
    fireEvent.change(field('PIN-код ещё раз'), { target: { value: '482915' } });

    // a refusal is told in Russian, nothing kept
    fireEvent.click(screen.getByRole('button', { name: 'Получить сертификат руководителя' }));
    expect((await screen.findByTestId('form-message')).textContent).toContain(errorText['test_ca.not_head']);
    expect(saved).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Получить сертификат руководителя' }));
    await screen.findByText('Сертификат руководителя выдан');
    expect(saved).toEqual(['test-ca:Громова_Анна_Сергеевна.p12']);
    const sent = api.mock.calls.filter(
      ([url, init]) => url.endsWith('/legal-entity-certificate') && init?.body,
    );
    expect(JSON.parse(String(sent.at(-1)![1]!.body))).toEqual({
      algorithm: 'gost2012_256',
      pin: '482915',
      organization: {
        kind: 'new',
        fullName: 'Бюджетное учреждение «Многофункциональный центр»',
        shortName: 'БУ «МФЦ»',
        type: 'mfc',
        regionCode: '35',
        position: 'Директор',
      },
    });
  });
});
