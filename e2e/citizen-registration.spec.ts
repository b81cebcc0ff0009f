import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSimplifiedCitizen,
  extractCode,
  uniqueEmail,
  uniquePhone,
  waitForMessage,
} from '../packages/server/test/support/factories.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

const PASSWORD = 'Весенний-ветер-2026';

describe('citizen registration, sign-in and sign-out (seed 000, section 1)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  // Mantine puts a "*" after the label of a required field.
  const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
  const national = (phone: string) =>
    `8 ${phone.slice(2, 5)} ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;

  it('registers by phone with the SMS code, shows Russian refusals, lands signed in; signs out and in again', async () => {
    const { page, system } = e2e;
    const phone = uniquePhone();
    await page.goto('/register');
    await e2e.shot('register-form');
    await field(page, 'Фамилия').fill('Смирнова');
    await field(page, 'Имя').fill('Ольга');
    await field(page, 'Мобильный телефон').fill(national(phone));
    const since = system.clock.now();
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();

    await field(page, 'Код').waitFor();
    const code = extractCode((await waitForMessage(system, phone, since)).body);
    await page.getByText('Отправить повторно можно через').waitFor();
    await e2e.shot('register-code');
    await field(page, 'Код').fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByText('Неверный код. Проверьте код и введите его ещё раз.').waitFor();
    await e2e.shot('register-code-wrong');
    await field(page, 'Код').fill(code);
    await page.getByRole('button', { name: 'Продолжить' }).click();

    await page.getByRole('heading', { name: 'Придумайте пароль' }).waitFor();
    await field(page, 'Пароль').fill(PASSWORD);
    await field(page, 'Повторите пароль').fill(`${PASSWORD}!`);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByText('Пароли не совпадают.').waitFor();
    await e2e.shot('register-password-mismatch');
    await field(page, 'Повторите пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();

    await page.waitForURL('**/profile');
    await page.getByRole('link', { name: 'Ольга Смирнова' }).first().waitFor();
    expect((await page.request.get('/api/session').then((r) => r.json())).account.contacts).toEqual([
      { type: 'phone', value: phone, verified: true },
    ]);

    await page.getByRole('button', { name: 'Выйти' }).first().click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'Войти' }).first().waitFor();

    await page.goto('/login');
    await field(page, 'Телефон, почта или СНИЛС').fill(phone);
    await field(page, 'Пароль').fill('Не-тот-пароль-1');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Неверный логин или пароль.').waitFor();
    await e2e.shot('login-wrong-password');
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/profile');
    await page.getByRole('link', { name: 'Ольга Смирнова' }).first().waitFor();
  });

  it('registers by e-mail through the link in the letter', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        locale: 'ru-RU',
        viewport: { width: 1280, height: 900 },
      },
      async ({ page }) => {
        const email = uniqueEmail();
        await page.goto('/register');
        await field(page, 'Фамилия').fill('Кузнецов');
        await field(page, 'Имя').fill('Пётр');
        await page.getByText('По электронной почте', { exact: true }).click();
        await field(page, 'Электронная почта').fill(email);
        const since = e2e.system.clock.now();
        await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
        await page.getByText('Мы отправили письмо со ссылкой').waitFor();
        await e2e.shot('register-email-sent', page);

        const letter = await waitForMessage(e2e.system, email, since);
        const link = new URL(letter.body.match(/https?:\/\/\S+\/register\/confirm#token=\S+/)![0]);
        await page.goto(`${link.pathname}${link.hash}`);
        await page.getByRole('heading', { name: 'Придумайте пароль' }).waitFor();
        // The page drops the token from the address bar (history, screenshots, shared links).
        expect(new URL(page.url()).hash).toBe('');
        await e2e.shot('register-confirm-password', page);
        await field(page, 'Пароль').fill(PASSWORD);
        await field(page, 'Повторите пароль').fill(PASSWORD);
        await page.getByRole('button', { name: 'Сохранить пароль' }).click();
        await page.waitForURL('**/profile');
        await page.getByRole('link', { name: 'Пётр Кузнецов' }).first().waitFor();
      },
    );
  });

  it('recovers a forgotten password with the SMS code, lands signed in, then signs in only with the new password', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        locale: 'ru-RU',
        viewport: { width: 1280, height: 900 },
      },
      async ({ page }) => {
        const citizen = await createSimplifiedCitizen(e2e.system, { lastName: 'Орлова', firstName: 'Анна' });
        const newPassword = 'Осенний-дождь-2026';

        await page.goto('/login');
        await page.getByRole('link', { name: 'Восстановить пароль' }).click();
        await page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
        await field(page, 'Телефон, почта или СНИЛС').fill(citizen.phone!);
        const since = e2e.system.clock.now();
        await page.getByRole('button', { name: 'Продолжить' }).click();
        await field(page, 'Код').waitFor();
        const code = extractCode(
          (await waitForMessage(e2e.system, citizen.phone!, since, /Код для восстановления/)).body,
        );

        await field(page, 'Код').fill(code === '000000' ? '000001' : '000000');
        await field(page, 'Новый пароль').fill(newPassword);
        await field(page, 'Повторите пароль').fill(newPassword);
        await page.getByRole('button', { name: 'Восстановить пароль' }).click();
        await page.getByText('Неверный код. Проверьте код и введите его ещё раз.').waitFor();
        await e2e.shot('recover-code-wrong', page);
        await field(page, 'Код').fill(code);
        await page.getByRole('button', { name: 'Восстановить пароль' }).click();

        await page.waitForURL('**/profile');
        await page.getByRole('link', { name: 'Анна Орлова' }).first().waitFor();
        await e2e.shot('recover-signed-in', page);

        await page.getByRole('button', { name: 'Выйти' }).first().click();
        await page.waitForURL((url) => url.pathname === '/');
        await page.goto('/login');
        await field(page, 'Телефон, почта или СНИЛС').fill(citizen.phone!);
        await field(page, 'Пароль').fill(citizen.password);
        await page.getByRole('button', { name: 'Войти' }).click();
        await page.getByText('Неверный логин или пароль.').waitFor();
        await field(page, 'Пароль').fill(newPassword);
        await page.getByRole('button', { name: 'Войти' }).click();
        await page.waitForURL('**/profile');
        await page.getByRole('link', { name: 'Анна Орлова' }).first().waitFor();
      },
    );
  });

  it('lists the simulators’ messages newest first, filtered by recipient', async () => {
    const { page } = e2e;
    await page.goto('/dev/outbox');
    await page.getByRole('heading', { name: 'Отправленные сообщения (симулятор)' }).waitFor();
    await page.getByTestId('outbox-message').first().waitFor();
    await e2e.shot('dev-outbox');
    const times = await page
      .locator('[data-testid=outbox-message] time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect([...times].sort().reverse()).toEqual(times);
    await field(page, 'Получатель').fill('nobody@example.ru');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.getByText('Сообщений нет для nobody@example.ru.').waitFor();
  });

  it('offers password recovery and shows every page on a phone screen without sideways scrolling', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        viewport: { width: 375, height: 740 },
        locale: 'ru-RU',
      },
      async ({ page }) => {
        for (const [path, name] of [
          ['/register', 'register-form-phone'],
          ['/login', 'login-phone'],
          ['/recover', 'recover-phone'],
          ['/register/confirm', 'register-confirm-no-token-phone'],
          ['/dev/outbox', 'dev-outbox-phone'],
        ] as const) {
          await page.goto(path);
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
            path,
          ).toBe(false);
          await e2e.shot(name, page);
        }
        await page.goto('/recover');
        await field(page, 'Телефон, почта или СНИЛС').fill(uniquePhone());
        await page.getByRole('button', { name: 'Продолжить' }).click();
        await field(page, 'Код').waitFor();
        await e2e.shot('recover-code-phone', page);
        await e2e.shot(
          'login',
          await e2e.context
            .newPage()
            .then(
              async (p) => (await p.goto('/login'), await p.getByRole('heading', { level: 1 }).waitFor(), p),
            ),
        );
      },
    );
  });
});
