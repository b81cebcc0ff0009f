import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFederalOperator,
  uniqueEmail,
  type CreatedStandardCitizen,
} from '../packages/server/test/support/factories.js';
import {
  addTestMember,
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from '../packages/server/test/support/organizations.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * The technological portal in Chromium, by the Russian labels (issue 11; seed 000, section 5;
 * seed 002, steps 5-7 and 10): a technical officer of an organization holding Форма З's approval,
 * in the group «Технологический портал», adds a service center («Добавить центр обслуживания»:
 * the point found by its address, the hours with a break, the holidays, only «Подтверждение»
 * offered), it is saved «Недействующий»; an employee of «Специалисты по подтверждению личности» is
 * attached; «Редактировать» makes it «Действующий». An employee outside the group is told why the
 * portal stays closed. Each page is checked at 390 px and on a laptop.
 */

const field = (page: Page | Locator, label: string) =>
  page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).first();
const day = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function checkLayout(page: Page, label: string) {
  for (const size of [phoneScreen, desktopScreen]) {
    await page.setViewportSize(size);
    expect(await layoutProblems(page), `${label} ${size.width}`).toEqual([]);
    expect(await seriousViolations(page), `${label} ${size.width}`).toEqual([]);
  }
}

/**
 * At laptop widths the header holds every link in one line (components/Layout.tsx), with a long
 * organization's name and the portal's link among them.
 */
async function checkHeader(page: Page) {
  for (const width of [992, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const wrapped = await page
      .getByRole('banner')
      .locator('a, button')
      .evaluateAll((elements) =>
        elements
          .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 44)
          .map((e) => `${e.textContent} (${Math.round(e.getBoundingClientRect().height)} px)`),
      );
    expect(wrapped, `header at ${width} px`).toEqual([]);
  }
  await page.setViewportSize(desktopScreen);
}

/** Signs in and acts for the organization («Войти как сотрудник организации»). */
async function actFor(page: Page, who: { email?: string; password: string }, organization: string) {
  await page.goto('/login');
  await field(page, 'Телефон, почта или СНИЛС').fill(who.email!);
  await field(page, 'Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForURL('**/profile');
  await page.goto('/organization');
  await page
    .getByRole('button', {
      name: new RegExp(`Войти как сотрудник организации.*${escapeRegExp(organization)}`),
    })
    .click();
  await page.getByRole('heading', { name: organization, level: 1 }).waitFor();
}

describe('the technological portal in the browser', () => {
  let e2e: E2E;
  let organization: { id: string; shortName: string };
  type Person = CreatedStandardCitizen & { lastName: string; firstName: string; middleName: string };
  let officer: Person;
  let specialist: Person;

  beforeAll(async () => {
    e2e = await startE2E();
    const { system } = e2e;
    // the factories answer with the account; the organization's tables want the names too
    const person = async (name: { lastName: string; firstName: string; middleName: string }) => ({
      ...(await createConfirmedCitizen(system, { ...name, email: uniqueEmail() })),
      ...name,
    });
    const head = await person({ lastName: 'Смирнов', firstName: 'Андрей', middleName: 'Викторович' });
    officer = await person({ lastName: 'Лебедева', firstName: 'Светлана', middleName: 'Игоревна' });
    specialist = await person({ lastName: 'Орлов', firstName: 'Денис', middleName: 'Павлович' });
    const shortName = 'БУ ВО «МФЦ Шекснинского района»';
    const inserted = await insertTestOrganization(system, head, { regionCode: '35', type: 'mfc', shortName });
    organization = { id: inserted.id, shortName };
    // seed 000, section 5: the officer in «Технологический портал», the operator in an АРМ group
    await addTestMember(system, inserted.id, officer, { groups: ['tech_portal'] });
    await addTestMember(system, inserted.id, specialist, { groups: ['identity_specialists'] });
    await grantTestApproval(system, inserted.id, 'form_z');
  });
  afterAll(async () => e2e?.close());

  it('adds a center, attaches an operator and makes the center «Действующий»', async () => {
    const { page } = e2e;
    await actFor(page, officer, organization.shortName);

    // ---- «Технологический портал» → «Центры обслуживания» ----
    await checkHeader(page);
    await page.getByRole('banner').getByRole('link', { name: 'Технологический портал' }).click();
    await page.getByRole('heading', { name: 'Центры обслуживания', level: 1 }).waitFor();
    await page.getByText('Центров обслуживания пока нет.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Добавить центр обслуживания' }).click();
    await page.getByRole('heading', { name: 'Добавить центр обслуживания', level: 1 }).waitFor();

    // ---- the data, the point found by the address ----
    expect(await field(page, 'Регион').inputValue()).toBe('35 — Вологодская область');
    await field(page, 'Наименование').fill('Центр обслуживания в Вологде на Мира');
    await field(page, 'Почтовый адрес').fill('160000, Вологодская область, г. Вологда, ул. Мира, д. 12');
    await page.getByRole('button', { name: 'Найти по адресу' }).click();
    const found = page.getByRole('status').filter({ hasText: 'Найдено адресов' });
    await found.waitFor();
    await found
      .getByRole('button', { name: /г\. Вологда/ })
      .first()
      .click();
    const lat = Number(await field(page, 'Широта').inputValue());
    const lon = Number(await field(page, 'Долгота').inputValue());
    expect(Math.abs(lat - 59.22)).toBeLessThan(0.1);
    expect(Math.abs(lon - 39.89)).toBeLessThan(0.15);
    await page.getByRole('button', { name: 'Точка центра обслуживания' }).waitFor();

    // ---- «Режим работы»: Monday with a break, copied to the other working days ----
    const monday = day(page, 'Понедельник');
    await monday.getByRole('checkbox', { name: 'Выходной' }).uncheck();
    await field(monday, 'с').fill('8');
    await field(monday, 'до').fill('1700');
    await monday.getByRole('button', { name: 'Добавить перерыв' }).click();
    expect(await field(monday, 'с').inputValue()).toBe('08:00');
    expect(await field(monday, 'до').inputValue()).toBe('17:00');
    expect(await field(monday, 'Перерыв с').inputValue()).toBe('13:00');
    for (const name of ['Вторник', 'Среда', 'Четверг', 'Пятница'])
      await page.getByRole('button', { name: `${name}: как в понедельник` }).click();
    expect(await field(day(page, 'Пятница'), 'Перерыв до').inputValue()).toBe('14:00');
    await page.getByRole('button', { name: /^Добавить праздничные дни \d{4}$/ }).click();
    expect(await page.getByTestId('hours-exception').count()).toBeGreaterThan(0);

    // ---- contacts, accessibility, and only «Подтверждение» after Форма З ----
    await field(page, 'Телефон').fill('8 (8172) 72-00-35');
    await field(page, 'Электронная почта').fill('co@mfc-sheksna.example');
    await field(page, 'Как добраться').fill('Вход со двора, первый этаж, окна 1-4');
    await page.getByRole('checkbox', { name: 'Вход без ступеней или с пандусом' }).check();
    expect(await page.getByRole('checkbox', { name: 'Регистрация' }).isDisabled()).toBe(true);
    await page.getByText('Доступно после согласования заявки по форме И').first().waitFor();
    await page.getByRole('checkbox', { name: 'Подтверждение' }).check();
    await checkLayout(page, 'center form');
    await page.setViewportSize(phoneScreen);
    await e2e.shot('tech-center-form-phone', page);
    await page.setViewportSize(desktopScreen);
    await e2e.shot('tech-center-form', page);

    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('heading', { name: 'Центр обслуживания в Вологде на Мира', level: 1 }).waitFor();
    await page.getByText('Центр обслуживания добавлен со статусом «Недействующий».').waitFor();
    expect(await page.getByTestId('center-status').textContent()).toBe('Недействующий');
    expect(await page.getByTestId('activation-hint').innerText()).toContain('прикреплённого оператора');

    // ---- «Операторы»: an employee of an АРМ group ----
    await page.getByRole('button', { name: 'Прикрепить оператора' }).click();
    await field(page, 'Сотрудник').click();
    await page.getByRole('option', { name: /^Орлов Денис Павлович/ }).click();
    await page.getByRole('button', { name: 'Прикрепить', exact: true }).click();
    const attached = page.getByTestId('center-operator').filter({ hasText: 'Орлов Денис Павлович' });
    await attached.getByText('Специалисты по подтверждению личности').waitFor();
    await page.getByTestId('activation-hint').waitFor({ state: 'detached' });
    await checkLayout(page, 'center page');

    // ---- «Редактировать» → «Действующий» ----
    await page.getByRole('link', { name: 'Редактировать' }).click();
    await page.getByRole('heading', { name: 'Редактирование центра обслуживания', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Действующий', exact: true }).check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Изменения сохранены.').waitFor();
    expect(await page.getByTestId('center-status').textContent()).toBe('Действующий');
    const events = page.getByTestId('center-event');
    await events.filter({ hasText: 'Статус: «Действующий»' }).waitFor();
    await events.filter({ hasText: 'Оператор прикреплён: Орлов Денис Павлович' }).waitFor();
    await events.filter({ hasText: 'Центр обслуживания добавлен' }).waitFor();
    expect(await events.first().innerText()).toContain('Лебедева');
    await e2e.shot('tech-center-page', page);
    await page.setViewportSize(phoneScreen);
    await e2e.shot('tech-center-page-phone', page);
    await page.setViewportSize(desktopScreen);

    // ---- the list ----
    await page
      .getByRole('navigation', { name: 'Технологический портал' })
      .getByRole('link', { name: 'Центры обслуживания' })
      .click();
    const card = page.getByTestId('center-card').filter({ hasText: 'Центр обслуживания в Вологде на Мира' });
    await card.getByText('Действующий', { exact: true }).waitFor();
    expect(await card.innerText()).toContain('Операторов: 1');
    await checkLayout(page, 'centers list');
    await e2e.shot('tech-centers', page);
  });

  it('puts the active center on the public map for a signed-out visitor, by region and service, and takes it off when the organization is blocked', async () => {
    const name = 'Центр обслуживания в Вологде на Мира';
    /** The visitor's list of centers (the map's «Списком») for Вологодская область and «Подтверждение». */
    async function visitorList(viewport: typeof desktopScreen, shot: string, expectListed: boolean) {
      await withContext(
        e2e.browser,
        { baseURL: e2e.system.url, locale: 'ru-RU', viewport },
        async ({ page }) => {
          await page.goto('/public/ra');
          await page.getByRole('heading', { name: 'Карта центров обслуживания', level: 1 }).waitFor();
          for (const [label, option, typed] of [
            ['Регион', 'Вологодская область', 'Волог'],
            ['Услуга', 'Подтверждение', undefined],
          ] as const) {
            const input = page.getByRole('combobox', { name: label, exact: true });
            await input.click();
            if (typed) await input.fill(typed);
            await page.getByRole('option', { name: option, exact: true }).click();
          }
          await page.waitForURL(/region=35/);
          await page.getByText('Списком', { exact: true }).click();
          await page.waitForURL(/view=list/);
          const status = page.getByRole('status').filter({ hasText: /^Найдено: / });
          await status.waitFor();
          const listed = page.getByRole('heading', { name, level: 2 });
          if (expectListed) {
            await listed.waitFor();
            await page.getByRole('button', { name: `Подробнее: ${name}` }).click();
            await page.getByText('+7 (817) 272-00-35').first().waitFor();
            expect(await layoutProblems(page)).toEqual([]);
          } else {
            await page.getByRole('status').getByText('Найдено: 0 центров обслуживания').waitFor();
            expect(await listed.count()).toBe(0);
          }
          await e2e.shot(shot, page);
        },
      );
    }
    await visitorList(desktopScreen, 'tech-center-on-map', true);
    await visitorList(phoneScreen, 'tech-center-on-map-phone', true);

    // The federal operator blocks the organization as an issuer: its centers leave the map at once.
    const operator = await createFederalOperator(e2e.system);
    await e2e.system.services.organizationBlocking.block(
      { kind: 'federal_operator', accountId: operator.id },
      organization.id,
      { reason: 'Жалобы на центры обслуживания остались без ответа' },
      { ip: null },
    );
    await visitorList(desktopScreen, 'tech-center-blocked', false);
  });

  it('tells an employee outside «Технологический портал» why the portal stays closed', async () => {
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: desktopScreen },
      async ({ page }) => {
        await actFor(page, specialist, organization.shortName);
        await page.goto('/tech/centers');
        await page
          .getByText('Технологический портал доступен сотрудникам группы «Технологический портал».')
          .waitFor();
        expect(await page.getByRole('link', { name: 'Добавить центр обслуживания' }).count()).toBe(0);
        await checkLayout(page, 'tech portal refused');
      },
    );
  });
});
