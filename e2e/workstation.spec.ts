import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStandardCitizen,
  uniqueEmail,
  uniquePhone,
  validPersonalData,
  waitForMessage,
} from '../packages/server/test/support/factories.js';
import { TEST_PIN } from '../packages/server/test/support/test-ca.js';
import {
  workstationOperator,
  workstationOrganization,
  type TestOperator,
} from '../packages/server/test/support/workstation.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * АРМ «Центр обслуживания» (issue 12; seed 003) in Chromium against the real server, by the
 * Russian labels: an operator of «Специалисты по регистрации и подтверждению» signs in with his
 * service certificate (a PKCS#12 file loaded into the browser), chooses the center, accepts the
 * terms, finds nobody and registers the citizen; the simulated СФР and МВД checks confirm the
 * account, and the citizen signs in with the temporary password from the SMS and must replace it.
 * An operator of «Специалисты по подтверждению личности», at phone size, confirms a standard
 * account found by СНИЛС. Each step is checked at 390 px and on a laptop.
 */

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).first();
const ru = (iso: string) => iso.split('-').reverse().join('.');

/** The page fits the phone and the laptop, axe-core finds nothing serious; a screenshot of each. */
async function checkAndShoot(e2e: E2E, page: Page, name: string) {
  const original = page.viewportSize()!;
  for (const [size, suffix] of [
    [phoneScreen, '-phone'],
    [desktopScreen, ''],
  ] as const) {
    await page.setViewportSize(size);
    expect(await layoutProblems(page), `${name} ${size.width}`).toEqual([]);
    expect(await seriousViolations(page), `${name} ${size.width}`).toEqual([]);
    await e2e.shot(`workstation-${name}${suffix}`, page);
  }
  await page.setViewportSize(original);
}

/** «Загрузить файл ключа»: the operator's .p12 into this browser's key store, as a person loads it. */
async function loadKey(page: Page, operator: TestOperator) {
  await page.goto('/signature/keys');
  const load = page.getByRole('region', { name: 'Загрузить файл ключа' });
  await load.locator('input[type="file"]').setInputFiles({
    name: 'service.p12',
    mimeType: 'application/x-pkcs12',
    buffer: Buffer.from(operator.certificate.issued.container, 'base64'),
  });
  await load.getByRole('button', { name: 'Загрузить' }).click();
  await load.getByText('Ключ сохранён в браузере').waitFor();
}

/** Signs in at /ra through SignDialog, then chooses the center and accepts the terms. */
async function openWorkstation(e2e: E2E, page: Page, operator: TestOperator, shots: boolean) {
  await loadKey(page, operator);
  await page.goto('/ra');
  await page.getByRole('heading', { name: 'Вход в АРМ «Центр обслуживания»', level: 1 }).waitFor();
  if (shots) await checkAndShoot(e2e, page, 'sign-in');
  await page.getByRole('button', { name: 'Выбрать сертификат и войти' }).click();
  const dialog = page.getByRole('dialog', { name: 'Вход в АРМ «Центр обслуживания»' });
  const { lastName, firstName } = operator.person.personalData;
  await dialog
    .getByText(new RegExp(`${lastName} ${firstName}`))
    .first()
    .waitFor();
  await dialog.getByLabel('PIN-код').fill(TEST_PIN);
  await dialog.getByRole('button', { name: 'Подписать' }).click();

  await page.getByRole('heading', { name: 'Выберите центр обслуживания', level: 1 }).waitFor();
  await page.getByTestId('ra-center').first().waitFor();
  if (shots) await checkAndShoot(e2e, page, 'center');
  await page.getByRole('button', { name: /^Выбрать: / }).click();

  await page.getByRole('heading', { name: 'Условия использования ЕСИА', level: 1 }).waitFor();
  if (shots) await checkAndShoot(e2e, page, 'terms');
  await page.getByRole('button', { name: 'Принимаю условия' }).click();
  await page.getByRole('heading', { name: 'Поиск', level: 1 }).waitFor();
}

/** The citizen at /login; a temporary password leads to «Смена временного пароля» first. */
async function citizenSignIn(page: Page, login: string, password: string) {
  await page.goto('/login');
  await field(page, 'Телефон, почта или СНИЛС').fill(login);
  await field(page, 'Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

async function accountLevel(page: Page) {
  await page.waitForURL('**/profile');
  await page.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
  return page.getByTestId('account-level').textContent();
}

describe('АРМ «Центр обслуживания» in the browser', () => {
  let e2e: E2E;
  let registrar: TestOperator;
  let confirmer: TestOperator;

  beforeAll(async () => {
    e2e = await startE2E();
    const org = await workstationOrganization(e2e.system);
    registrar = await workstationOperator(e2e.system, org, { groups: ['registration_specialists'] });
    confirmer = await workstationOperator(e2e.system, org, { groups: ['identity_specialists'] });
  }, 120_000);
  afterAll(async () => e2e?.close());

  it('registers a citizen nobody found; the checks confirm the account; the temporary password is replaced', async () => {
    const { page, system } = e2e;
    const person = validPersonalData({
      lastName: 'Сидорова',
      firstName: 'Анна',
      middleName: 'Петровна',
      gender: 'F',
      birthDate: '1984-11-05',
    });
    const phone = uniquePhone();
    await openWorkstation(e2e, page, registrar, true);

    // ---- «Поиск» by ФИО and the birth date: nobody ----
    await field(page, 'Фамилия').fill(person.lastName);
    await field(page, 'Имя').fill(person.firstName);
    await field(page, 'Отчество').fill(person.middleName!);
    await field(page, 'Дата рождения').fill(ru(person.birthDate));
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('heading', { name: 'Результаты поиска' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Учётная запись не найдена' }).waitFor();
    await checkAndShoot(e2e, page, 'not-found');
    await page.getByRole('button', { name: 'Регистрация', exact: true }).click();

    // ---- «Регистрация»: started from what was searched ----
    await page.getByRole('heading', { name: 'Регистрация', level: 1 }).waitFor();
    expect(await field(page, 'Фамилия').inputValue()).toBe(person.lastName);
    expect(await field(page, 'Дата рождения').inputValue()).toBe(ru(person.birthDate));
    await page.getByRole('radio', { name: 'Женский' }).check();
    await field(page, 'Место рождения').fill(person.birthPlace);
    await field(page, 'Серия').fill(person.passport.series);
    await field(page, 'Номер').fill(person.passport.number);
    await field(page, 'Дата выдачи').fill(ru(person.passport.issueDate));
    await field(page, 'Код подразделения').fill(person.passport.issuerCode.replace('-', ''));
    await field(page, 'Кем выдан').fill(person.passport.issuedBy);
    await field(page, 'Страховой номер индивидуального лицевого счёта').fill(person.snils);
    await field(page, 'Мобильный телефон').fill(phone);
    await page.getByRole('radio', { name: 'SMS на мобильный телефон' }).check();
    await page.getByLabel('Заявитель подписал заявление').check();
    await page.getByLabel('Заявитель подписал согласие на обработку персональных данных').check();
    await checkAndShoot(e2e, page, 'registration');
    const since = new Date();
    await page.getByRole('button', { name: 'Выполнить' }).click();

    // ---- the outcome: checked in СФР and МВД (the page asks again), then done ----
    const done = page.getByRole('status').filter({ hasText: 'Операция выполнена' });
    const refused = page.getByText('Операция не выполнена');
    // a refusal ends the wait at once, and the assertion names it
    await done.or(refused).waitFor({ timeout: 60_000 });
    expect(await refused.count(), await page.locator('main').innerText()).toBe(0);
    expect(await done.innerText()).toContain('Уровень учётной записи: Подтверждённая');
    expect(await done.innerText()).toContain('Временный пароль отправлен в SMS');
    await page.getByText('Идентификатор учётной записи (OID)').waitFor();
    await page.getByRole('link', { name: 'Заявление', exact: true }).waitFor();
    await checkAndShoot(e2e, page, 'result');

    // ---- the citizen with the temporary password from the SMS ----
    const sms = await waitForMessage(system, phone, since, /временный пароль/);
    const temporary = /временный пароль (\S+)\./.exec(sms.body)![1];
    await withContext(
      e2e.browser,
      { baseURL: system.url, locale: 'ru-RU', viewport: phoneScreen },
      async ({ page: citizen }) => {
        await citizenSignIn(citizen, phone, temporary);
        await citizen.getByRole('heading', { name: 'Смена временного пароля' }).waitFor();
        await e2e.shot('workstation-temporary-password-phone', citizen);
        await field(citizen, 'Новый пароль').fill('Северная-Звезда-2026');
        await field(citizen, 'Повторите пароль').fill('Северная-Звезда-2026');
        await citizen.getByRole('button', { name: 'Сохранить пароль' }).click();
        expect(await accountLevel(citizen)).toBe('Подтверждённая учётная запись');
        await e2e.shot('workstation-citizen-profile-phone', citizen);
      },
    );
  });

  it('confirms a standard account found by СНИЛС, at phone size; the citizen sees it confirmed', async () => {
    const { system } = e2e;
    const citizen = await createStandardCitizen(system, {
      email: uniqueEmail(),
      lastName: 'Стандартов',
      firstName: 'Олег',
      middleName: 'Ильич',
    });
    await withContext(
      e2e.browser,
      { baseURL: system.url, locale: 'ru-RU', viewport: phoneScreen },
      async ({ page }) => {
        await openWorkstation(e2e, page, confirmer, false);
        await field(page, 'СНИЛС').fill(citizen.snils);
        await page.getByRole('button', { name: 'Найти' }).click();
        await page.getByRole('heading', { name: 'Результаты поиска' }).waitFor();
        const card = page.getByTestId('ra-result-card');
        await card.getByText('Стандартов О. И.', { exact: false }).waitFor();
        await card.getByText('Стандартная').waitFor();
        // this operator's group does not register: the button is not offered at all
        expect(await page.getByRole('button', { name: 'Регистрация', exact: true }).count()).toBe(0);
        await checkAndShoot(e2e, page, 'results');
        await card.getByRole('button', { name: 'Подтверждение', exact: true }).click();

        await page.getByRole('heading', { name: 'Подтверждение', level: 1 }).waitFor();
        await field(page, 'Серия').fill(citizen.personalData.passport.series);
        await field(page, 'Номер').fill(citizen.personalData.passport.number);
        await page.getByLabel('Заявитель подписал заявление').check();
        await page.getByLabel('Заявитель подписал согласие на обработку персональных данных').check();
        await checkAndShoot(e2e, page, 'confirmation');
        await page.getByRole('button', { name: 'Выполнить' }).click();
        const done = page.getByRole('status').filter({ hasText: 'Операция выполнена' });
        await done.waitFor();
        expect(await done.innerText()).toContain('Уровень учётной записи: Подтверждённая');
      },
    );
    await withContext(
      e2e.browser,
      { baseURL: system.url, locale: 'ru-RU', viewport: desktopScreen },
      async ({ page }) => {
        await citizenSignIn(page, citizen.email!, citizen.password);
        expect(await accountLevel(page)).toBe('Подтверждённая учётная запись');
      },
    );
  });
});
