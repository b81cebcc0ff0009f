import { formatSnils, personalDataInputSchema, snilsWithChecksum } from '@openesia/contracts';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../packages/server/test/support/http.js';
import { createSimplifiedCitizen } from '../packages/server/test/support/factories.js';
import { startE2E, withContext, type E2E } from './support/browser.js';
import { systemActor } from '../packages/server/src/domain/policy/actor.js';

/**
 * Qualified electronic signature in the browser (seed 000, section 1, step 3): a person gets a test
 * certificate for their own checked data from «Тестовый УЦ», signs in with it («Войти с помощью электронной подписи») and
 * confirms a standard account («Подтвердить личность этим способом»).
 */

const PIN = '482915';

function uniqueSnils(): string {
  // 1xx..8xx prefixes: outside the simulators' failure rules (contracts/simulators.ts)
  return snilsWithChecksum(`${randomInt(1, 9)}${String(randomInt(0, 1e8)).padStart(8, '0')}`);
}

interface Person {
  lastName: string;
  firstName: string;
  middleName: string;
  snils: string;
}

/** A standard account: simplified, then personal data passing the simulated СФР and МВД checks. */
async function createStandardCitizen(e2e: E2E, person: Person) {
  const citizen = await createSimplifiedCitizen(e2e.system, {
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName,
  });
  const data = personalDataInputSchema.parse({
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName,
    gender: 'M',
    birthDate: '1985-04-12',
    birthPlace: 'г. Вологда',
    citizenship: 'RUS',
    passport: {
      series: '1905',
      number: String(randomInt(100000, 899999)),
      issueDate: '2015-05-20',
      issuedBy: 'УМВД России по Вологодской области',
      issuerCode: '350-001',
    },
    snils: person.snils,
  });
  await e2e.system.services.personalData.submit(systemActor('test'), citizen.id, data);
  await eventually(async () => {
    const view = await e2e.system.services.personalData.view(systemActor('test'), citizen.id);
    return view.verification.state === 'passed' ? view : undefined;
  });
  return citizen;
}

/**
 * A certificate for any person — here a СНИЛС no account holds — made as the test CA's operator
 * makes it (the service, like the CLI: the public API issues only for one's own checked data), then
 * loaded into the browser through «Загрузить файл ключа» as a person loads a .p12 file.
 */
async function loadOperatorCertificate(e2e: E2E, page: Page, person: Person) {
  const issued = await e2e.system.services.testCa.issue(
    { algorithm: 'gost2012_256', pin: PIN, subject: person },
    { accountId: null, meta: { ip: null } },
  );
  await page.goto('/signature/keys');
  const load = page.getByRole('region', { name: 'Загрузить файл ключа' });
  await load.locator('input[type="file"]').setInputFiles({
    name: 'test-ca.p12',
    mimeType: 'application/x-pkcs12',
    buffer: Buffer.from(issued.container, 'base64'),
  });
  // The certificates of a PKCS#12 file are readable without its PIN; the key stays sealed until signing.
  await load.getByRole('button', { name: 'Загрузить' }).click();
  await load.getByText('Ключ сохранён в браузере').waitFor();
}

async function signInWithPassword(page: Page, citizen: { phone?: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel(/^Телефон, почта или СНИЛС\s*\*?$/).fill(citizen.phone!);
  await page.getByLabel(/^Пароль\s*\*?$/).fill(citizen.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
}

/** Signed in with the password: the certificate carries the account's checked name and СНИЛС, shown first. */
async function issueOwnCertificate(
  page: Page,
  citizen: { phone?: string; password: string },
  person: Person,
) {
  await signInWithPassword(page, citizen);
  await page.goto('/signature/keys');
  const ca = page.getByRole('region', { name: 'Тестовый УЦ' });
  await expect
    .poll(() => ca.getByRole('textbox', { name: 'Владелец сертификата' }).inputValue())
    .toBe(`${person.lastName} ${person.firstName} ${person.middleName}`);
  expect(await ca.getByRole('textbox', { name: 'СНИЛС' }).inputValue()).toBe(formatSnils(person.snils));
  await ca.getByLabel(/^PIN-код\s*\*?$/).fill(PIN);
  await ca.getByLabel('PIN-код ещё раз').fill(PIN);
  await ca.getByRole('button', { name: 'Получить тестовый сертификат' }).click();
  await ca.getByText('Тестовый сертификат выдан').waitFor();
}

/** The key stays in this browser; sign-in by signature then starts from no session. */
async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Выйти' }).first().click();
  await expect.poll(() => sessionAccount(page)).toBeNull();
}

async function sessionAccount(page: Page) {
  const response = await page.request.get('/api/session');
  return (await response.json()).account as {
    lastName: string;
    level: string;
    confirmationMethod: string | null;
    authMethod: string;
  } | null;
}

describe('qualified electronic signature in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('gets a test certificate, signs in with it and confirms the standard account by signature', async () => {
    const person: Person = {
      lastName: 'Смирнов',
      firstName: 'Алексей',
      middleName: 'Игоревич',
      snils: uniqueSnils(),
    };
    const citizen = await createStandardCitizen(e2e, person);
    const { page } = e2e;

    // Without a session the test CA issues nothing and asks to sign in: no name or СНИЛС to type.
    await page.goto('/signature/keys');
    const ca = page.getByRole('region', { name: 'Тестовый УЦ' });
    await ca.getByText('Нужно войти').waitFor();
    expect(await ca.getByRole('textbox').count()).toBe(0);
    await issueOwnCertificate(page, citizen, person);
    const stored = page.getByTestId('stored-container');
    await expect(stored.getByText('Смирнов Алексей Игоревич').count()).resolves.toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать файл ключа (.p12)' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.p12$/);
    await e2e.shot('signature-keys');
    await signOut(page);

    await page.goto('/login/signature');
    await page.getByRole('button', { name: 'Выбрать сертификат и войти' }).click();
    const dialog = page.getByRole('dialog', { name: 'Вход с помощью электронной подписи' });
    await dialog.getByText('Смирнов Алексей Игоревич').waitFor();
    await dialog.getByLabel('PIN-код').fill(PIN);
    await e2e.shot('signature-login-dialog');
    await dialog.getByRole('button', { name: 'Подписать' }).click();
    await page.waitForURL('**/profile');
    const signedIn = await sessionAccount(page);
    expect(signedIn).toMatchObject({ lastName: 'Смирнов', level: 'standard', authMethod: 'signature' });

    await page.goto('/profile/confirm');
    await page.getByRole('button', { name: 'Подтвердить личность этим способом' }).click();
    const confirm = page.getByRole('dialog', { name: 'Подтверждение личности электронной подписью' });
    await confirm.getByText('Вы подписываете').waitFor();
    await confirm.getByLabel('PIN-код').fill(PIN);
    await e2e.shot('signature-confirm-dialog');
    await confirm.getByRole('button', { name: 'Подписать' }).click();
    // The confirmation page then shows the account as confirmed «электронной подписью».
    await page
      .getByRole('status')
      .filter({ hasText: 'Личность подтверждена' })
      .filter({ hasText: 'электронной подписью' })
      .first()
      .waitFor();
    await e2e.shot('signature-confirmed');
    expect(await sessionAccount(page)).toMatchObject({ level: 'confirmed', confirmationMethod: 'signature' });
  });

  it('reports a wrong PIN at the PIN field and signs nothing', async () => {
    const person: Person = {
      lastName: 'Кузнецова',
      firstName: 'Мария',
      middleName: 'Олеговна',
      snils: uniqueSnils(),
    };
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        locale: 'ru-RU',
        viewport: { width: 375, height: 740 },
      },
      async ({ page }) => {
        await loadOperatorCertificate(e2e, page, person);

        await page.goto('/login/signature');
        await page.getByRole('button', { name: 'Выбрать сертификат и войти' }).click();
        const dialog = page.getByRole('dialog', { name: 'Вход с помощью электронной подписи' });
        await dialog.getByLabel('PIN-код').fill('000000');
        await dialog.getByRole('button', { name: 'Подписать' }).click();
        await dialog.getByText('Неверный PIN-код.', { exact: false }).waitFor();
        await e2e.shot('signature-wrong-pin-phone', page);
        expect(await sessionAccount(page)).toBeNull();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow).toBe(false);
      },
    );
  });

  it("explains a refusal by the server: no account has the certificate's СНИЛС", async () => {
    const stranger: Person = {
      lastName: 'Орлов',
      firstName: 'Денис',
      middleName: 'Андреевич',
      snils: uniqueSnils(),
    };
    await withContext(e2e.browser, { baseURL: e2e.system.url, locale: 'ru-RU' }, async ({ page }) => {
      await loadOperatorCertificate(e2e, page, stranger);

      await page.goto('/login/signature');
      await page.getByRole('button', { name: 'Выбрать сертификат и войти' }).click();
      const dialog = page.getByRole('dialog', { name: 'Вход с помощью электронной подписи' });
      await dialog.getByLabel('PIN-код').fill(PIN);
      await dialog.getByRole('button', { name: 'Подписать' }).click();
      await dialog
        .getByRole('alert')
        .getByText('Учётная запись с этим СНИЛС не найдена', { exact: false })
        .waitFor();
      await e2e.shot('signature-account-not-found', page);
      expect(await sessionAccount(page)).toBeNull();
    });
  });

  it('explains in Russian that a certificate needs checked personal data, and issues none', async () => {
    const citizen = await createSimplifiedCitizen(e2e.system);
    await withContext(e2e.browser, { baseURL: e2e.system.url, locale: 'ru-RU' }, async ({ page }) => {
      await signInWithPassword(page, citizen);

      await page.goto('/signature/keys');
      const ca = page.getByRole('region', { name: 'Тестовый УЦ' });
      await ca.getByText('У вас ещё нет проверенных личных данных', { exact: false }).waitFor();
      await e2e.shot('signature-test-ca-unchecked', page);
      expect(await ca.getByRole('button', { name: 'Получить тестовый сертификат' }).count()).toBe(0);
    });
  });

  it('refuses a file that is not a key container', async () => {
    await withContext(e2e.browser, { baseURL: e2e.system.url, locale: 'ru-RU' }, async ({ page }) => {
      await page.goto('/signature/keys');
      await page.locator('input[type="file"]').setInputFiles({
        name: 'отчёт.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 это не ключ'),
      });
      await page.getByRole('button', { name: 'Загрузить' }).click();
      await page.getByText('Этот файл не похож на ключ электронной подписи', { exact: false }).waitFor();
      await e2e.shot('signature-foreign-file', page);
    });
  });
});
