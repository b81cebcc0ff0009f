import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, seedDemoData } from '../packages/server/src/db/seed.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * «Перечень аккредитованных удостоверяющих центров» (63-ФЗ ст. 16) in the browser: the demo federal
 * operator («оператор ЕСИА») keeps it at /registry/trust-list; anybody else is refused in Russian.
 */

const fixtures = join(import.meta.dirname, '../packages/server/test/fixtures/signature');
const operator = demoAccounts.find((a) => a.title === 'Оператор ЕСИА (федеральный оператор)')!;
const citizen = demoAccounts.find((a) => a.level === 'confirmed' && a !== operator)!;

async function signIn(page: Page, account: { login: string; password: string }) {
  await page.getByLabel(/^Телефон, почта или СНИЛС\s*\*?$/).fill(account.login);
  await page.getByLabel(/^Пароль\s*\*?$/).fill(account.password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

async function choose(page: Page, button: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(join(fixtures, file));
}

/** The row (wide screen) or card (phone) of one CA. */
const entry = (page: Page, name: string) =>
  page.getByRole('row').filter({ hasText: name }).or(page.getByRole('listitem', { name }));

/** The options of a fresh context at `width` px wide. */
const contextOptions = (url: string, width: number) => ({
  baseURL: url,
  locale: 'ru-RU',
  viewport: { width, height: 800 },
});

describe('trust list page of the federal operator', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await seedDemoData(e2e.system);
  });
  afterAll(async () => e2e?.close());

  it('sends a signed-out visitor from the home page card to sign in, then to the applications and the list', async () => {
    const { page } = e2e;
    await page.goto('/');
    const card = page.getByRole('link', { name: /Реестр и заявки/ });
    expect(await card.innerText()).toContain('заявки организаций по формам З и И');
    await e2e.shot('registry-home');
    await card.click();
    await page.waitForURL(/\/login\?next=%2Fregistry%2Fapplications$/);
    await signIn(page, operator);
    await page.waitForURL(/\/registry\/applications$/);
    await page
      .getByRole('navigation', { name: 'Разделы реестра' })
      .getByRole('link', { name: 'Перечень УЦ' })
      .click();
    await page.waitForURL(/\/registry\/trust-list$/);
    await page.getByRole('heading', { name: 'Перечень аккредитованных удостоверяющих центров' }).waitFor();
  });

  it('shows the test CA root with its ОГРН, validity, CRL address, status and source', async () => {
    const { page } = e2e;
    const row = entry(page, 'Тестовый УЦ OpenESIA');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Действует');
    expect(text).toContain('Тестовый УЦ');
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4} — \d{2}\.\d{2}\.\d{4}/);
    expect(text).toContain(`${e2e.system.config.publicUrl}/api/test-ca/crl`);
    const { roots } = await (await page.request.get('/api/registry/trust-list')).json();
    const testCaRoot = roots.find((r: { source: string }) => r.source === 'test_ca');
    expect(text).toContain(testCaRoot.ogrn ?? 'нет в сертификате');
    await e2e.shot('registry-trust-list');
  });

  it('imports the fixture trust-list XML: the accredited CA is added, the terminated one is not', async () => {
    const { page } = e2e;
    await choose(page, 'Выбрать перечень…', 'trust-list.xml');
    await page.getByRole('status').getByText('Перечень загружен: добавлено 1, пропущено 1').waitFor();
    const row = entry(page, 'АО «Фикстурный УЦ»');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/1027700132195[\s\S]*Реестровый|Реестровый[\s\S]*1027700132195/);
    expect(await row.innerText()).toContain('http://fixtures.openesia.test/root.crl');
    expect(await entry(page, 'ООО «Посторонний УЦ»').count()).toBe(0);
    await e2e.shot('registry-trust-list-imported');
  });

  it('adds an uploaded root certificate with a CRL address, then removes it after asking', async () => {
    const { page } = e2e;
    await page.getByLabel('Адрес списка отзыва').fill('http://crl.example/other.crl');
    await choose(page, 'Выбрать сертификат…', 'other-root.der');
    await page.getByRole('status').getByText('Добавлен удостоверяющий центр «Посторонний УЦ»').waitFor();
    const row = entry(page, 'Посторонний УЦ');
    expect(await row.innerText()).toContain('http://crl.example/other.crl');
    expect(await row.innerText()).toContain('Загружен вручную');

    await page.getByRole('button', { name: 'Исключить «Посторонний УЦ» из перечня' }).click();
    const dialog = page.getByRole('dialog', { name: 'Исключить из перечня?' });
    await dialog.getByRole('button', { name: 'Исключить', exact: true }).click();
    await page.getByRole('status').getByText('«Посторонний УЦ» исключён из перечня').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('button', { name: 'Исключить «Посторонний УЦ» из перечня' })
      .waitFor({ state: 'detached' });
    const { roots } = await (await page.request.get('/api/registry/trust-list')).json();
    const active = roots
      .filter((r: { status: string }) => r.status === 'active')
      .map((r: { name: string }) => r.name);
    expect(active).not.toContain('Посторонний УЦ');
    expect(active).toContain('Тестовый УЦ OpenESIA');
    await page.getByRole('heading', { name: `Удостоверяющие центры в перечне: ${active.length}` }).waitFor();
    await e2e.shot('registry-trust-list-removed');
  });

  it('says why an uploaded file is refused, and a wrong CRL address at its field', async () => {
    const { page } = e2e;
    const count = await page.getByRole('heading', { name: /^Удостоверяющие центры в перечне/ }).innerText();
    await choose(page, 'Выбрать сертификат…', 'person.der');
    await page.getByRole('alert').getByText('Это не сертификат удостоверяющего центра').waitFor();
    await page.getByLabel('Адрес списка отзыва').fill('не адрес');
    await choose(page, 'Выбрать сертификат…', 'other-root.der');
    await page.getByText('Введите адрес в формате http://… или https://…').waitFor();
    expect(await page.getByLabel('Адрес списка отзыва').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('heading', { name: /^Удостоверяющие центры в перечне/ }).innerText()).toBe(
      count,
    );
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await withContext(e2e.browser, contextOptions(e2e.system.url, 375), async ({ context, page }) => {
      context.setDefaultTimeout(15_000);
      await page.goto('/registry/trust-list');
      await signIn(page, operator);
      await entry(page, 'Тестовый УЦ OpenESIA').waitFor();
      await entry(page, 'АО «Фикстурный УЦ»').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, .mantine-Button-label')]
          .filter((b) => b.scrollWidth > b.clientWidth)
          .map((b) => b.innerText),
      );
      expect(clipped).toEqual([]);
      await e2e.shot('registry-trust-list-phone', page);
    });
  });

  it('refuses a citizen without the role with a Russian message', async () => {
    await withContext(e2e.browser, contextOptions(e2e.system.url, 1280), async ({ context, page }) => {
      context.setDefaultTimeout(15_000);
      await page.goto('/registry/trust-list');
      await signIn(page, citizen);
      const refusal = page.getByRole('alert').filter({ hasText: 'Нет доступа к перечню' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('ведёт федеральный оператор (оператор ЕСИА)');
      expect(await page.getByRole('button', { name: 'Выбрать сертификат…' }).count()).toBe(0);
      await e2e.shot('registry-trust-list-refused', page);
    });
  });
});
