import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSimplifiedCitizen,
  uniquePassportNumber,
  uniqueSnils,
  type CreatedCitizen,
} from '../packages/server/test/support/factories.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * Seed 000, section 1, steps 2 and 3 in the browser: a simplified citizen fills personal data,
 * waits for the checks, becomes standard, orders a letter, reads the code and becomes confirmed.
 * The simulators run with a small delay, so «Выполняется проверка» is visible for a moment.
 */
const env = {
  SIMULATOR_DELAY_FACTOR: '0.5',
  SIMULATOR_POST_DELIVERY_SECONDS: '4',
  POST_TRACKING_INTERVAL_SECONDS: '1',
  REGISTRY_RETRY_DELAY_SECONDS: '0',
};

/** A form field by its label; Mantine adds " *" to required ones. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));

async function signIn(page: Page, citizen: CreatedCitizen) {
  await page.goto('/login');
  await field(page, 'Телефон, почта или СНИЛС').fill(citizen.phone!);
  await field(page, 'Пароль').fill(citizen.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Личный кабинет', level: 1 }).waitFor();
}

async function fillPersonalData(page: Page, snils: string, passportNumber: string) {
  await field(page, 'Отчество').fill('Иванович');
  await page.getByRole('radio', { name: 'Мужской' }).check();
  await field(page, 'Дата рождения').fill('12.03.1985');
  await field(page, 'Место рождения').fill('г. Вологда');
  await field(page, 'Серия').fill('1905');
  await field(page, 'Номер').fill(passportNumber);
  await field(page, 'Дата выдачи').fill('20.04.2010');
  await field(page, 'Код подразделения').fill('350001');
  await field(page, 'Кем выдан').fill('Отделом УФМС России по Вологодской области в городе Вологде');
  await field(page, 'Страховой номер индивидуального лицевого счёта').fill(snils);
}

describe('citizen: personal data and identity confirmation by letter', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ env });
  });
  afterAll(async () => e2e?.close());

  it('takes a simplified citizen to standard and then to confirmed by a code from a letter', async () => {
    const { page, shot } = e2e;
    const citizen = await createSimplifiedCitizen(e2e.system);
    await signIn(page, citizen);
    await page.getByTestId('account-level').getByText('Упрощённая учётная запись').waitFor();
    await shot('profile-simplified');

    await page.getByRole('link', { name: 'Заполнить личные данные' }).click();
    await page.getByRole('heading', { name: 'Личные данные', level: 1 }).waitFor();
    // A mistake first: the checksum of the СНИЛС is refused at the field.
    await fillPersonalData(page, '112-233-445 96', uniquePassportNumber());
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('СНИЛС введён с ошибкой: не сходится контрольное число.').waitFor();
    await shot('personal-data-field-error');

    await field(page, 'Страховой номер индивидуального лицевого счёта').fill(uniqueSnils());
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Выполняется проверка', { exact: true }).first().waitFor();
    await shot('personal-data-checking');
    await page.getByText('Проверка пройдена', { exact: true }).waitFor({ timeout: 30_000 });
    await shot('personal-data-passed');

    await page.goto('/profile');
    await page.getByTestId('account-level').getByText('Стандартная учётная запись').waitFor();
    await shot('profile-standard');
    // «Следующий шаг» (the «Организации» block links to confirmation too)
    await page.getByLabel('Следующий шаг').getByRole('link', { name: 'Подтвердить личность' }).click();
    await page.getByRole('heading', { name: 'Подтверждение вашей личности' }).waitFor();
    await shot('confirm-ways');

    await field(page, 'Индекс').fill('160000');
    await field(page, 'Регион').fill('Вологодская область');
    await field(page, 'Город или населённый пункт').fill('Вологда');
    await field(page, 'Улица').fill('ул. Мира');
    await field(page, 'Дом').fill('12');
    await field(page, 'Квартира').fill('34');
    await page.getByRole('button', { name: 'Заказать письмо с кодом' }).click();
    await page.getByTestId('letter-state').getByText('Письмо доставлено').waitFor({ timeout: 30_000 });
    await shot('confirm-letter-delivered');

    // The person reads the letter: in demo mode the simulated post's letters are in the outbox.
    const outbox = await e2e.context.newPage();
    await outbox.goto('/dev/outbox');
    const letter = outbox
      .getByTestId('outbox-message')
      .filter({ hasText: 'Код подтверждения личности' })
      .first();
    await letter.waitFor();
    await shot('outbox-letter', outbox);
    const code = (await letter.textContent())!.match(/\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/)![1];
    await outbox.close();

    await field(page, 'Код из письма').fill('AAAA-AAAA');
    await page.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByText('Неверный код. Проверьте код и введите его ещё раз.').waitFor();
    await page.getByText('Осталось попыток ввода: 4 из 5.').waitFor();
    await shot('confirm-code-wrong');
    await field(page, 'Код из письма').fill(code);
    await page.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByText('Личность подтверждена', { exact: true }).first().waitFor();
    await shot('confirm-done');

    await page.goto('/profile');
    await page.getByTestId('account-level').getByText('Подтверждённая учётная запись').waitFor();
    await shot('profile-confirmed');
  });

  it('shows a failed check with its reason and what to do', async () => {
    const { page, shot } = e2e;
    await page.context().clearCookies();
    const citizen = await createSimplifiedCitizen(e2e.system);
    await signIn(page, citizen);
    await page.goto('/profile/personal-data');
    await page.getByText('Демонстрационный режим: проверки выполняют симуляторы СФР и МВД').waitFor();
    await page.getByRole('button', { name: 'Показать правила' }).click();
    await shot('personal-data-demo-hint');
    await fillPersonalData(page, uniqueSnils('900'), uniquePassportNumber());
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Ошибка проверки', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText('СНИЛС не найден в Социальном фонде России.').waitFor();
    await page.getByText('Сверьте номер с документом СНИЛС', { exact: false }).waitFor();
    await shot('personal-data-failed');
    await page.goto('/profile');
    await page.getByRole('link', { name: 'Исправить личные данные' }).waitFor();
    expect(await page.getByTestId('check-state').textContent()).toBe('Ошибка проверки');
  });

  it('fits a phone screen on every personal page', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        viewport: { width: 375, height: 740 },
        locale: 'ru-RU',
      },
      async ({ page }) => {
        const citizen = await createSimplifiedCitizen(e2e.system);
        await signIn(page, citizen);
        for (const [path, name, heading] of [
          ['/profile', 'profile-phone', 'Личный кабинет'],
          ['/profile/personal-data', 'personal-data-phone', 'Личные данные'],
          ['/profile/confirm', 'confirm-phone', 'Подтверждение вашей личности'],
        ] as const) {
          await page.goto(path);
          await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth > window.innerWidth,
          );
          expect(overflow, path).toBe(false);
          await e2e.shot(name, page);
        }
      },
    );
  });
});
