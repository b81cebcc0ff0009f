import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestCenter, officeHours } from '../packages/server/test/support/centers.js';
import {
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from '../packages/server/test/support/organizations.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

const MIRA = 'МФЦ «Мои документы» на Мира';

/**
 * «Карта центров обслуживания» in Chromium (issue 11, item 3): a signed-out visitor opens
 * /public/ra, narrows it by region and service, finds the center and opens its card, on a laptop
 * and at 390 px; and reads the same centers «Списком», as a screen reader or a phone would.
 */
describe('the public map of service centers', () => {
  let e2e: E2E;
  let miraId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    const { system } = e2e;
    const organization = async (
      regionCode: string,
      shortName: string,
      approvals: ('form_z' | 'form_i')[],
    ) => {
      const head = await createConfirmedCitizen(system);
      const org = await insertTestOrganization(
        system,
        { id: head.id, ...head.personalData },
        { regionCode, shortName },
      );
      for (const approval of approvals) await grantTestApproval(system, org.id, approval);
      return { id: org.id, createdBy: head.id };
    };
    const mfc = await organization('35', 'МФЦ Вологодской области', ['form_z', 'form_i']);
    const hours = officeHours();
    hours.exceptions = [{ date: '2099-01-01', intervals: [], note: 'Новый год' }];
    miraId = (
      await insertTestCenter(system, mfc, {
        name: MIRA,
        address: '160000, г. Вологда, ул. Мира, д. 12',
        lat: 59.2205,
        lon: 39.8915,
        hours,
        phone: '+78172230130',
        email: 'mira@mfc35.example',
        directions: 'Остановка «Площадь Революции», вход с улицы Мира',
        accessibility: ['step_free_entrance', 'disabled_parking'],
        services: ['registration', 'confirmation', 'recovery', 'deletion'],
      })
    ).id;
    await insertTestCenter(system, mfc, {
      name: 'МФЦ в Соколе',
      address: '162130, г. Сокол, ул. Советская, д. 73',
      lat: 59.4633,
      lon: 40.1115,
      services: ['registration', 'confirmation'],
    });
    await insertTestCenter(system, mfc, {
      name: 'МФЦ в Череповце',
      address: '162600, г. Череповец, пр-кт Победы, д. 35',
      lat: 59.1269,
      lon: 37.9091,
      services: ['confirmation'],
    });
    const kamchatka = await organization('41', 'КГКУ «ЦСПН»', ['form_z']);
    await insertTestCenter(system, kamchatka, {
      name: 'ЦСПН на Ленинской',
      regionCode: '41',
      address: '683000, г. Петропавловск-Камчатский, ул. Ленинская, д. 12',
      lat: 53.0166,
      lon: 158.65,
      timeZone: 'Asia/Kamchatka',
      services: ['confirmation'],
    });
  });
  afterAll(async () => e2e?.close());

  /** A Mantine Select by its label: opened (and typed into, when it searches), then the option clicked. */
  async function choose(page: Page, label: string, option: string, typed?: string) {
    const input = page.getByRole('combobox', { name: label, exact: true });
    await input.click();
    if (typed) await input.fill(typed);
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** The map has answered for the view and the filters as they are now. */
  async function mapSettled(page: Page) {
    await page.waitForFunction(
      () => document.querySelector('.center-map')?.getAttribute('data-state') === 'ready',
    );
  }

  async function findOnMap(page: Page, shot: string) {
    await page.goto('/public/ra');
    await page.getByRole('heading', { name: 'Карта центров обслуживания', level: 1 }).waitFor();
    // the country at first: both regions' centers, as markers over the shipped outlines
    await page.locator('.map-pin, .map-cluster').first().waitFor();
    await page
      .locator('.leaflet-overlay-pane path, .leaflet-regions-pane path')
      .first()
      .waitFor({ state: 'attached' });
    await e2e.shot(`${shot}-country`, page);

    await choose(page, 'Регион', 'Вологодская область', 'Волог');
    await choose(page, 'Услуга', 'Регистрация');
    await page.waitForURL(/region=35.*service=registration|service=registration.*region=35/);
    await mapSettled(page);
    // Череповец offers only «Подтверждение»: the two others remain, and Камчатка is out of the filter
    await page.getByText(/В области карты: 2 центра обслуживания/).waitFor();

    await page.getByRole('searchbox', { name: 'Поиск' }).fill('мира 12');
    await page.waitForURL(/q=/);
    await mapSettled(page);
    await page.getByText(/В области карты: 1 центр обслуживания/).waitFor();
    const marker = page.getByRole('button', { name: MIRA });
    await marker.click();

    const card = page.getByRole('region', { name: 'Карточка центра обслуживания' });
    await card.getByRole('heading', { name: MIRA, level: 2 }).waitFor();
    for (const text of [
      '160000, г. Вологда, ул. Мира, д. 12',
      'Режим работы',
      '09:00–18:00, перерыв 13:00–14:00',
      'время московское',
      'Особые дни',
      '+7 (817) 223-01-30',
      'mira@mfc35.example',
      'Остановка «Площадь Революции», вход с улицы Мира',
      'Вход без ступеней или с пандусом',
      'Восстановление',
    ])
      await card.getByText(text, { exact: false }).first().waitFor();
    const complain = card.getByRole('link', { name: 'Пожаловаться на центр обслуживания' });
    expect(await complain.getAttribute('href')).toBe(`/complaint?center=${miraId}`);
    await e2e.shot(`${shot}-card`, page);
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    return complain;
  }

  it('on a laptop: a visitor filters by region and service, finds the center and opens its card', async () => {
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: desktopScreen },
      async ({ page }) => {
        const complain = await findOnMap(page, 'public-map-desktop');
        // the complaint form knows the center and its organization
        await complain.click();
        await page.getByRole('heading', { name: 'Пожаловаться на центр обслуживания', level: 1 }).waitFor();
        await page
          .getByText(`${MIRA}, 160000, г. Вологда, ул. Мира, д. 12 (МФЦ Вологодской области)`)
          .waitFor();
        expect(await page.getByRole('combobox', { name: /^Организация/ }).inputValue()).toBe(
          'МФЦ Вологодской области',
        );
        await e2e.shot('public-map-desktop-complaint', page);
      },
    );
  });

  it('at 390 px: the same, then «Списком» with the card opened in place', async () => {
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: phoneScreen },
      async ({ page }) => {
        await findOnMap(page, 'public-map-phone');

        await page.getByText('Списком', { exact: true }).click();
        await page.waitForURL(/view=list/);
        await page.getByRole('status').getByText('Найдено: 1 центр обслуживания').waitFor();
        await page.getByRole('searchbox', { name: 'Поиск' }).fill('');
        await page.getByRole('status').getByText('Найдено: 2 центра обслуживания').waitFor();
        const items = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
        expect(await items.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
          MIRA,
          'МФЦ в Соколе',
        ]);
        const more = page.getByRole('button', { name: `Подробнее: ${MIRA}` });
        await more.click();
        const less = page.getByRole('button', { name: `Скрыть подробности: ${MIRA}` });
        expect(await less.getAttribute('aria-expanded')).toBe('true');
        await page.getByText('Доступность для маломобильных граждан').waitFor();
        await e2e.shot('public-map-phone-list', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
      },
    );
  });
});
