import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, withContext, type E2E } from './support/browser.js';

describe('home page', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('leads to every portal and speaks Russian', async () => {
    const { page } = e2e;
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Единая система идентификации и аутентификации',
    );
    for (const portal of [
      'Личный кабинет гражданина',
      'Технологический портал',
      'АРМ «Центр обслуживания»',
      'Карта центров обслуживания',
    ]) {
      expect(await page.getByText(portal, { exact: true }).count()).toBeGreaterThan(0);
    }
    await e2e.shot('home');
  });

  it('shows an unknown address as a Russian not-found page', async () => {
    const { page } = e2e;
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: 'Страница не найдена' }).waitFor();
  });

  it('fits a phone screen', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        viewport: { width: 375, height: 740 },
        locale: 'ru-RU',
      },
      async ({ page }) => {
        await page.goto('/');
        await page.getByRole('button', { name: 'Меню' }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow).toBe(false);
        await e2e.shot('home-phone', page);
      },
    );
  });
});
