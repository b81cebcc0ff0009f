import { organizationApprovalLabels, testCaIssuedSchema } from '@openesia/contracts';
import { randomInt } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, seedDemoData } from '../packages/server/src/db/seed.js';
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
const field = (page: Page | Locator, label: string) =>
  page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).first();

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

describe('organizations in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ env });
    // the regional operators («Электронный регион» for Вологодская область) are the demo seed's
    await seedDemoData(e2e.system);
  });
  afterAll(async () => e2e?.close());

  it('registers an organization by the head’s signature, invites an employee and gives them access', async () => {
    const suffix = String(randomInt(0, 1e6)).padStart(6, '0');
    // ОГРН and ИНН are the test CA's, read from its answer below
    const organization = {
      ogrn: '',
      inn: '',
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
    const { page } = e2e;

    // ---- The head gets the test CA's certificate of the organization's head (demo mode): the
    // simulated ЕГРЮЛ learns the organization, with its ОГРН and ИНН (docs/SIMULATORS.md) ----
    await signIn(page, head);
    await page.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
    await page.goto('/signature/keys');
    const ca = page.getByRole('region', { name: 'Сертификат руководителя организации' });
    await field(ca, 'Полное наименование организации').fill(organization.fullName);
    await field(ca, 'Краткое наименование организации').fill(organization.shortName);
    await field(ca, 'Тип организации').click();
    await page.getByRole('option', { name: 'Многофункциональный центр' }).click();
    await field(ca, 'Регион').fill('Волог');
    await page.getByRole('option', { name: '35 — Вологодская область' }).click();
    await field(ca, 'Должность руководителя').fill('Директор');
    await field(ca, 'PIN-код').fill(PIN);
    await field(ca, 'PIN-код ещё раз').fill(PIN);
    const issuing = page.waitForResponse((r) => r.url().endsWith('/api/test-ca/legal-entity-certificate'));
    await ca.getByRole('button', { name: 'Получить сертификат руководителя' }).click();
    const issued = testCaIssuedSchema.parse(await (await issuing).json());
    await ca.getByText('Сертификат руководителя выдан').waitFor();
    await e2e.shot('organization-head-certificate');
    Object.assign(organization, { ogrn: issued.info.subject.ogrn!, inn: issued.info.subject.innLe! });

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
    // The page follows the ЕГРЮЛ check; an МФЦ then waits for the regional operator (seed 004, step 1.4).
    await page
      .getByTestId('organization-status')
      .filter({ hasText: 'На проверке у регионального оператора' })
      .waitFor({ timeout: 30_000 });
    await e2e.shot('organization-awaiting-regional-operator');

    // ---- The regional operator of Вологодская область («Электронный регион») confirms ----
    const operator = demoAccounts.find((a) => a.login === 'operator@gov35.example')!;
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: { width: 390, height: 844 } },
      async ({ page: theirs }) => {
        await signIn(theirs, { email: operator.login, password: operator.password });
        await theirs.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
        await theirs.goto('/organization');
        await theirs
          .getByRole('button', { name: /Войти как сотрудник организации.*Электронный регион/ })
          .click();
        await theirs.getByRole('link', { name: /^Заявки на регистрацию организаций/ }).click();
        await theirs.getByRole('heading', { name: 'Заявки на регистрацию организаций', level: 1 }).waitFor();
        const application = theirs.getByTestId('application').filter({ hasText: organization.ogrn });
        await application.getByText(organization.fullName).waitFor();
        await e2e.shot('organization-regional-queue', theirs);
        await application
          .getByRole('button', { name: `Подтвердить регистрацию ${organization.shortName}` })
          .click();
        await theirs.getByText(`Регистрация организации «${organization.shortName}» подтверждена.`).waitFor();
      },
    );

    // The head comes back to the personal page later: registered now.
    await page.getByRole('link', { name: 'Перейти на личную страницу' }).click();
    await page.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
    await page.reload();
    const mine = page.getByTestId('my-organization').filter({ hasText: organization.shortName });
    await mine.getByText('Зарегистрирована').waitFor();
    await e2e.shot('organization-registered');

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

    // ---- The employee leaves («Покинуть организацию») and loses the group at once ----
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: { width: 390, height: 844 } },
      async ({ page: theirs }) => {
        await signIn(theirs, employee);
        await theirs.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
        await theirs.goto('/organization');
        await theirs
          .getByRole('main')
          .getByRole('button', { name: new RegExp(`Войти как сотрудник организации.*${suffix}`) })
          .click();
        await theirs.getByRole('heading', { name: organization.shortName, level: 1 }).waitFor();
        await theirs.getByRole('button', { name: 'Покинуть организацию' }).click();
        const confirm = theirs.getByRole('dialog', { name: 'Покинуть организацию' });
        await confirm.getByText(/Вы выйдете из организации/).waitFor();
        await e2e.shot('organization-leave', theirs);
        await confirm.getByRole('button', { name: 'Покинуть', exact: true }).click();
        await theirs.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
        const session = await (await theirs.request.get('/api/session')).json();
        expect(session.actingFor).toBeNull();
      },
    );
    await page.reload();
    await page.getByRole('button', { name: 'Участники (0) группы «Технологический портал»' }).waitFor();
  });
});
