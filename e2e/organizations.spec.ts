import { innLeWithChecksum, organizationApprovalLabels, ogrnWithChecksum } from '@openesia/contracts';
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccountForUpdate } from '../packages/server/src/repositories/citizen/accounts.js';
import {
  createStandardCitizen,
  uniqueEmail,
  waitForMessage,
  type CreatedStandardCitizen,
} from '../packages/server/test/support/factories.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * Seed 000, sections 2, 3 and 5 in the browser, by the Russian labels: the head registers the
 * organization with a test legal-entity certificate («+ Добавить организацию», «Выбор
 * сертификата», PIN), the ЕГРЮЛ check passes, an employee is invited («Пригласить сотрудника»),
 * accepts from the e-mail, acts for the organization, and is added to «Технологический портал»;
 * the АРМ groups show as locked with the approval that opens them.
 */

const PIN = '482915';
const env = { SIMULATOR_DELAY_FACTOR: '0.2', REGISTRY_RETRY_DELAY_SECONDS: '0' };

/** A form field by its label; Mantine adds " *" to required ones. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).first();

/** A confirmed account, as the service center confirms one (seed 000, section 1, step 3). */
async function createConfirmedCitizen(
  e2e: E2E,
  person: { lastName: string; firstName: string; middleName: string },
): Promise<CreatedStandardCitizen> {
  const citizen = await createStandardCitizen(e2e.system, { ...person, email: uniqueEmail() });
  await e2e.system.database.db.transaction(async (tx) =>
    e2e.system.services.confirmation.confirmIdentity(
      tx,
      await getAccountForUpdate(tx, citizen.id),
      'service_center',
      { actorType: 'system' },
      e2e.system.clock.now(),
    ),
  );
  return citizen;
}

async function signIn(page: Page, citizen: { email?: string; password: string }) {
  await page.goto('/login');
  await field(page, 'Телефон, почта или СНИЛС').fill(citizen.email!);
  await field(page, 'Пароль').fill(citizen.password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

/** «Загрузить файл ключа»: the head's .p12, as a person loads the file the CA gave them. */
async function loadContainer(page: Page, container: string) {
  await page.goto('/signature/keys');
  const load = page.getByRole('region', { name: 'Загрузить файл ключа' });
  await load.locator('input[type="file"]').setInputFiles({
    name: 'head.p12',
    mimeType: 'application/x-pkcs12',
    buffer: Buffer.from(container, 'base64'),
  });
  await load.getByRole('button', { name: 'Загрузить' }).click();
  await load.getByText('Ключ сохранён в браузере').waitFor();
}

describe('organizations in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ env });
  });
  afterAll(async () => e2e?.close());

  it('registers an organization by the head’s signature, invites an employee and gives them access', async () => {
    const suffix = String(randomInt(0, 1e6)).padStart(6, '0');
    const organization = {
      ogrn: ogrnWithChecksum(`102350${suffix}`),
      inn: innLeWithChecksum(`352${suffix}`),
      fullName: `Бюджетное учреждение «Многофункциональный центр № ${suffix}»`,
      shortName: `БУ «МФЦ № ${suffix}»`,
    };
    const head = await createConfirmedCitizen(e2e, {
      lastName: 'Соколова',
      firstName: 'Елена',
      middleName: 'Андреевна',
    });
    const employee = await createConfirmedCitizen(e2e, {
      lastName: 'Петров',
      firstName: 'Пётр',
      middleName: 'Петрович',
    });
    // The test CA issues the head's legal-entity certificate (ОГРН, ИНН ЮЛ, the head's СНИЛС and
    // ФИО) and enters the organization in the simulated ЕГРЮЛ (docs/SIMULATORS.md).
    const issued = await e2e.system.services.testCa.issue(
      {
        algorithm: 'gost2012_256',
        pin: PIN,
        subject: {
          lastName: head.personalData.lastName,
          firstName: head.personalData.firstName,
          middleName: head.personalData.middleName,
          snils: head.snils,
          ogrn: organization.ogrn,
          innLe: organization.inn,
          organization: organization.fullName,
          title: 'Директор',
        },
      },
      { accountId: null, meta: { ip: null } },
    );
    const { page } = e2e;

    // ---- The head: «+ Добавить организацию» (seed 000, section 2) ----
    await signIn(page, head);
    await page.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
    await loadContainer(page, issued.container);
    await page.goto('/profile');
    await page.getByRole('link', { name: '+ Добавить организацию' }).click();
    await page.getByRole('heading', { name: 'Добавление организации', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Юридическое лицо' }).check();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Выбор сертификата' }).waitFor();
    await page.getByRole('radio', { name: new RegExp(organization.fullName.slice(0, 20)) }).check();
    await e2e.shot('organization-certificate-choice');
    await page.getByRole('button', { name: 'Продолжить' }).first().click();

    // The certificate's fields are shown, not editable.
    await page.getByRole('heading', { name: 'Сведения из сертификата' }).waitFor();
    await page.getByText(organization.ogrn, { exact: true }).waitFor();
    await page.getByText(organization.inn, { exact: true }).waitFor();
    await page.getByText('Соколова Елена Андреевна', { exact: true }).waitFor();
    expect(await page.getByRole('textbox', { name: /^ОГРН/ }).count()).toBe(0);

    await field(page, 'Краткое наименование').fill(organization.shortName);
    await field(page, 'Тип организации').click();
    await page.getByRole('option', { name: 'Многофункциональный центр' }).click();
    await field(page, 'Регион').fill('Волог');
    await page.getByRole('option', { name: '35 — Вологодская область' }).click();
    await field(page, 'Юридический адрес').fill('160000, г. Вологда, ул. Мира, д. 1');
    await page.getByRole('checkbox', { name: 'Совпадает с юридическим' }).check();
    await field(page, 'Телефон').fill('+7 (8172) 23-01-29');
    await field(page, 'Электронная почта').fill(head.email!);
    await e2e.shot('organization-registration-form');
    await page.getByRole('button', { name: 'Продолжить' }).click();

    const dialog = page.getByRole('dialog', { name: 'Регистрация организации' });
    await dialog.getByText('Вы подписываете').waitFor();
    await dialog.getByLabel('PIN-код').fill(PIN);
    await dialog.getByRole('button', { name: 'Подписать' }).click();
    await page.getByRole('heading', { name: 'Заявка на регистрацию организации отправлена' }).waitFor();
    await page.getByText(/можно закрыть эту страницу/).waitFor();
    // The page follows the ЕГРЮЛ check until it passes.
    await page
      .getByTestId('organization-status')
      .filter({ hasText: 'Зарегистрирована' })
      .waitFor({ timeout: 30_000 });
    await e2e.shot('organization-registered');

    // On the personal page too.
    await page.getByRole('link', { name: 'Перейти на личную страницу' }).click();
    const mine = page.getByTestId('my-organization').filter({ hasText: organization.shortName });
    await mine.getByText('Зарегистрирована').waitFor();

    // ---- «Войти как сотрудник организации», «Пригласить сотрудника» (seed 000, section 3) ----
    await mine
      .getByRole('button', { name: `Войти как сотрудник организации ${organization.shortName}` })
      .click();
    await page.getByRole('heading', { name: organization.shortName, level: 1 }).waitFor();
    await page.getByText('Ваша роль: Руководитель').waitFor();
    await page.getByRole('tab', { name: 'Приглашения' }).click();
    await page.getByRole('button', { name: 'Пригласить сотрудника' }).click();
    await field(page, 'Адрес электронной почты').fill(employee.email!);
    await field(page, 'Фамилия').fill('Петров');
    await field(page, 'Имя').fill('Пётр');
    const since = e2e.system.clock.now();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByText(`Приглашение отправлено на адрес ${employee.email}`).waitFor();
    await page.getByTestId('invitation').filter({ hasText: 'Ожидает ответа' }).waitFor();
    await e2e.shot('organization-invitations');

    // ---- The employee accepts from the e-mail, in a browser of their own ----
    const letter = await waitForMessage(e2e.system, employee.email!, since, /invitation#token=/);
    const link = /\/organizations\/invitation#token=[^\s"'<>]+/.exec(letter.body)![0];
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: { width: 390, height: 844 } },
      async ({ page: theirs }) => {
        await theirs.goto(link);
        await theirs.getByRole('heading', { name: 'Приглашение в организацию', level: 1 }).waitFor();
        // the token never stays in the address bar, nor goes into the sign-in address
        expect(theirs.url()).not.toContain('token');
        await theirs.getByRole('main').getByRole('link', { name: 'Войти' }).click();
        expect(theirs.url()).not.toContain('token');
        await field(theirs, 'Телефон, почта или СНИЛС').fill(employee.email!);
        await field(theirs, 'Пароль').fill(employee.password);
        await theirs.getByRole('button', { name: 'Войти', exact: true }).click();
        await theirs.getByText(organization.fullName).first().waitFor();
        await e2e.shot('organization-invitation-accept', theirs);
        await theirs.getByRole('button', { name: 'Принять приглашение' }).click();
        // The new employee acts for the organization at once.
        await theirs.getByRole('heading', { name: organization.shortName, level: 1 }).waitFor();
        await theirs.getByText('Ваша роль: Сотрудник').waitFor();
        const session = await (await theirs.request.get('/api/session')).json();
        expect(session.actingFor).toMatchObject({ shortName: organization.shortName, roles: ['employee'] });
        // An employee reads: no «Изменить», no «Пригласить сотрудника».
        expect(await theirs.getByRole('button', { name: 'Изменить' }).count()).toBe(0);
        await theirs.getByRole('tab', { name: 'Приглашения' }).click();
        await theirs.getByRole('tab', { name: 'Приглашения', selected: true }).waitFor();
        expect(await theirs.getByRole('button', { name: 'Пригласить сотрудника' }).count()).toBe(0);
      },
    );

    // ---- «Доступ к системам» (seed 000, section 5) ----
    await page.getByRole('tab', { name: 'Доступ к системам' }).click();
    const locks = page.getByTestId('lock-reason');
    await locks.first().waitFor();
    expect(await locks.allTextContents()).toEqual([
      expect.stringContaining(organizationApprovalLabels.form_z),
      expect.stringContaining(organizationApprovalLabels.form_i),
    ]);
    await page.getByRole('button', { name: 'Участники (0) группы «Технологический портал»' }).click();
    await page.getByLabel('Добавить участника в группу «Технологический портал»').fill('Петров П');
    await page.getByRole('option', { name: 'Петров Пётр Петрович' }).click();
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByTestId('group-member').filter({ hasText: 'Петров Пётр Петрович' }).waitFor();
    await page.getByRole('button', { name: 'Участники (1) группы «Технологический портал»' }).waitFor();
    await e2e.shot('organization-access');
  });
});
