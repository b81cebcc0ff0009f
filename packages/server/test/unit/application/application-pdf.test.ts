import {
  applicationContentSchema,
  ogrnWithChecksum,
  organizationTypeLabels,
  type ApplicationContent,
} from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { readPdf, type PdfPage as Page } from '../../support/pdf.js';
import { applicationDigest, canonicalApplication } from '../../../src/domain/application/canonical.js';
import {
  renderApplicationPdf as sut,
  type ApplicationPdfInput,
} from '../../../src/services/application/form-pdf.js';

const ogrn = ogrnWithChecksum('102350000001');
const applicationId = '0b7e9f3c-5d2a-4c1e-9a8b-2f6d4e1c3a90';

function contentWith(organizationFullName: string): ApplicationContent {
  return applicationContentSchema.parse({
    organizationFullName,
    ogrn,
    organizationType: 'state_institution',
    responsible: {
      accountId: '5d0f3a52-9a0e-4c43-8f52-7c0b7e0c2a11',
      lastName: 'Соловьёва',
      firstName: 'Йоланта',
      middleName: 'Фёдоровна',
      position: 'Заместитель директора по информатизации',
      workPhone: '+7 (8172) 23-00-24',
      mobilePhone: '+7 921 000-00-01',
      email: 'solovyova@cit35.ru',
    },
    signatory: {
      role: 'head',
      accountId: '8e7c1b0a-2f3d-4e5a-9b6c-7d8e9f0a1b2c',
      lastName: 'Ёлкин',
      firstName: 'Пётр',
      middleName: 'Ильич',
      position: 'Директор',
    },
  });
}

function inputWith(
  content: ApplicationContent,
  form: ApplicationPdfInput['form'] = 'form_i',
): ApplicationPdfInput {
  return {
    form,
    applicationId,
    version: 3,
    content,
    organization: { shortName: 'БУ ВО «ЦИТ»' },
    generatedAt: new Date('2026-11-24T07:30:00Z'),
  };
}

const allText = (pages: Page[]): string => pages.map((p) => p.text).join(' ');

describe('the paper form of an application (seed 003, appendix 1)', () => {
  it('prints every label of the form and the values in Cyrillic as they were entered', async () => {
    const content = contentWith('Бюджетное учреждение Вологодской области «Центр информационных технологий»');

    const pages = await readPdf(await sut(inputWith(content)));

    const text = allText(pages);
    for (const label of [
      'Форма И',
      'Заявка на согласование права использования веб-приложения «Центр обслуживания»',
      'Полное наименование органа/организации',
      'ОГРН органа/организации',
      `Тип организации (${Object.values(organizationTypeLabels).join('/ ')})`,
      'Данные об УЛ',
      'Минкомсвязь России оставляет за собой право блокировать данного Оператора выдачи ключа ПЭП',
      'фамилия',
      'имя',
      'отчество',
      'должность',
      'рабочий телефон',
      'мобильный телефон',
      'адрес электронной почты',
      'Прошу предоставить доступ к веб-приложению «Центр обслуживания».',
      '(должность)',
      '(подпись)',
      '(расшифровка подписи)',
      'М.П.',
      '(дата)',
    ]) {
      expect(text).toContain(label);
    }
    for (const value of [
      content.organizationFullName,
      ogrn,
      'Государственное учреждение',
      'Соловьёва',
      'Йоланта',
      'Фёдоровна',
      'Заместитель директора по информатизации',
      '+7 (8172) 23-00-24',
      content.responsible.mobilePhone,
      'solovyova@cit35.ru',
      // the signatory (here the head): position and «И. О. Фамилия» on their lines
      'Директор',
      'П. И. Ёлкин',
    ]) {
      expect(text).toContain(value);
    }
  });

  it('titles Форма З with its own name and request', async () => {
    const pages = await readPdf(await sut(inputWith(contentWith('МФЦ'), 'form_z')));

    const text = allText(pages);
    expect(text).toContain('Форма З');
    expect(text).toContain(
      'Заявка на согласование права использования ЕСИА и создание записи регистра органов и организаций, ' +
        'имеющих право создания (замены) и выдачи ключа простой электронной подписи',
    );
    expect(text).toContain('Прошу присвоить организации статус уполномоченной организации');
    expect(text).not.toContain('Форма И');
  });

  it('prints on every page the application, its version and the start of its SHA-256', async () => {
    const input = inputWith(contentWith('МФЦ'));
    const digest = applicationDigest(
      canonicalApplication({ id: applicationId, form: 'form_i', version: 3, content: input.content }),
    );

    const pages = await readPdf(await sut(input));

    pages.forEach((page, i) => {
      expect(page.text).toContain(`заявка ${applicationId} · версия 3 · SHA-256: ${digest.slice(0, 16)}`);
      expect(page.text).toContain(
        `Сформирована 24.11.2026 10:30:00 (МСК) · лист ${i + 1} из ${pages.length}`,
      );
    });
  });

  it('gives another digest in the footer when the content of the version differs', async () => {
    const first = allText(await readPdf(await sut(inputWith(contentWith('МФЦ')))));
    const second = allText(await readPdf(await sut(inputWith(contentWith('МФЦ города Вологды')))));

    const digestOf = (text: string): string | undefined => /SHA-256: ([0-9a-f]{16})/.exec(text)?.[1];
    expect(digestOf(first)).toMatch(/^[0-9a-f]{16}$/);
    expect(digestOf(second)).toMatch(/^[0-9a-f]{16}$/);
    expect(digestOf(first)).not.toBe(digestOf(second));
  });

  it('prints a version the same way each time', async () => {
    const input = inputWith(contentWith('МФЦ'));

    expect(Buffer.from(await sut(input)).equals(Buffer.from(await sut(input)))).toBe(true);
  });

  it('wraps a 1000-character name inside the page and keeps all of it', async () => {
    const words = ['Государственное', 'бюджетное', 'учреждение', 'Йошкар-Олинский', 'ёмкий', 'центр'];
    let name = '';
    for (let i = 0; name.length < 1000; i++) name += `${words[i % words.length]} `;
    name = name.slice(0, 1000).trimEnd();
    expect(name.length).toBeGreaterThan(990);

    const pages = await readPdf(await sut(inputWith(contentWith(name))));

    expect(allText(pages)).toContain(name);
    expect(allText(pages)).toContain('адрес электронной почты');
    for (const page of pages) {
      for (const item of page.items) {
        expect(item.x).toBeGreaterThanOrEqual(0);
        expect(item.x + item.width).toBeLessThanOrEqual(page.width);
      }
    }
  });

  it('breaks a long value without spaces inside the page', async () => {
    const name = 'ЙЁ'.repeat(500);

    const pages = await readPdf(await sut(inputWith(contentWith(name))));

    expect(allText(pages).replace(/ /g, '')).toContain(name);
    for (const page of pages) {
      for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width);
    }
  });

  it('goes on to further pages when the content is longer than a page', async () => {
    // Beyond the contract's 1000 characters, to prove a row taller than a page is split, not lost.
    const name = 'Ёлочка Йода '.repeat(700).trim();
    const content = { ...contentWith('МФЦ'), organizationFullName: name };

    const pages = await readPdf(await sut(inputWith(content)));

    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map((p) => p.body).join(' ')).toContain(name);
    // the request stays on the sheet that is signed
    expect(pages.at(-1)!.text).toContain('Прошу предоставить доступ к веб-приложению «Центр обслуживания».');
    expect(pages.at(-1)!.text).toContain('М.П.');
    for (const page of pages) {
      for (const item of page.items) {
        expect(item.y).toBeGreaterThan(0);
        expect(item.x + item.width).toBeLessThanOrEqual(page.width);
      }
    }
  });
});
