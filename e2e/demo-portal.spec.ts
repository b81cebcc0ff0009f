import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandardCitizen, uniqueEmail } from '../packages/server/test/support/factories.js';
import { freePort } from '../packages/server/test/support/oidc.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * «Портал услуг», the demo relying party, in a real browser (issue 13): a citizen chooses the data,
 * signs in on OpenESIA, consents, and the portal shows what it received from the id token and the
 * user info in Russian; «Выйти» ends the sign-in at the provider (RP-initiated logout) and comes
 * back. The portal reaches the provider over HTTP at its issuer, so PUBLIC_URL is this server.
 */
let e2e: E2E;

beforeAll(async () => {
  const port = await freePort();
  e2e = await startE2E({ port, env: { RATE_LIMITS: 'false', PUBLIC_URL: `http://127.0.0.1:${port}` } });
  // What the demo seed does at `npm start`: «Портал услуг (демо)» registered and approved.
  await e2e.system.services.oidcClients.ensureDemoClient();
});
afterAll(async () => e2e?.close());

describe('the demo portal «Портал услуг»', () => {
  it('signs a citizen in, shows the data received, and signs out', async () => {
    const person = await createStandardCitizen(e2e.system, { email: uniqueEmail() });
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: desktopScreen },
      async ({ context, page }) => {
        context.setDefaultTimeout(15_000);
        await page.goto('/demo-portal/');
        await page.getByRole('heading', { name: 'Войти через OpenESIA', level: 2 }).waitFor();
        expect(await page.getByRole('checkbox', { name: /^ФИО/ }).isChecked()).toBe(true);
        await page.getByRole('checkbox', { name: /^Пол/ }).check();
        await e2e.shot('demo-portal-start-desktop', page);
        expect(await seriousViolations(page)).toEqual([]);
        await page.setViewportSize(phoneScreen);
        await e2e.shot('demo-portal-start-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        await page.setViewportSize(desktopScreen);

        await page.getByRole('button', { name: 'Войти через OpenESIA' }).click();
        await page.waitForURL('**/login?next=**');
        await page.getByLabel(/^Телефон, почта или СНИЛС/).fill(person.email!);
        await page.getByLabel(/^Пароль/).fill(person.password);
        await page.getByRole('button', { name: 'Войти', exact: true }).click();

        await page.getByRole('heading', { name: 'Вход в систему «Портал услуг (демо)»', level: 1 }).waitFor();
        await page.getByText('запрашивает доступ к данным: ФИО, дата рождения, пол, СНИЛС').waitFor();
        await page.getByRole('button', { name: 'Предоставить' }).click();

        await page.waitForURL('**/demo-portal/');
        await page.getByRole('heading', { name: 'Здравствуйте, Иванов Иван Иванович!', level: 1 }).waitFor();
        // The level and the sign-in method from the id token; the person's data from the user info.
        const fromIdToken = await page.getByRole('region', { name: 'Данные из id_token' }).innerText();
        expect(fromIdToken).toMatch(/Уровень учётной записи\s+acr\s+Стандартная/);
        expect(fromIdToken).toMatch(/Способ входа\s+amr\s+пароль/);
        const fromUserinfo = await page.getByRole('region', { name: 'Данные из UserInfo' }).innerText();
        const [y, m, d] = person.personalData.birthDate.split('-');
        const snils = person.snils.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1-$2-$3 $4');
        expect(fromUserinfo).toMatch(/Фамилия\s+family_name\s+Иванов/);
        expect(fromUserinfo).toMatch(new RegExp(`Дата рождения\\s+birthdate\\s+${d}\\.${m}\\.${y}`));
        expect(fromUserinfo).toMatch(/Пол\s+gender\s+мужской/);
        expect(fromUserinfo).toContain(snils);
        await e2e.shot('demo-portal-result-desktop', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        await page.setViewportSize(phoneScreen);
        await e2e.shot('demo-portal-result-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByRole('button', { name: 'Выйти' }).click();
        await page.getByRole('heading', { name: 'Выход из информационных систем' }).waitFor();
        await page.getByRole('button', { name: 'Выйти' }).click();
        await page.waitForURL('**/demo-portal/');
        await page.getByRole('heading', { name: 'Войти через OpenESIA', level: 2 }).waitFor();

        // Signing in again: OpenESIA's own session and the remembered consent let it through at once.
        await page.getByRole('button', { name: 'Войти через OpenESIA' }).click();
        await page.waitForURL('**/demo-portal/');
        await page.getByRole('heading', { name: 'Здравствуйте, Иванов Иван Иванович!', level: 1 }).waitFor();
      },
    );
  });

  it('explains a refusal and a level below the one it requires, back on the portal', async () => {
    const person = await createStandardCitizen(e2e.system, { email: uniqueEmail() });
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: phoneScreen },
      async ({ context, page }) => {
        context.setDefaultTimeout(15_000);
        await page.goto('/demo-portal/');
        await page.getByRole('button', { name: 'Войти через OpenESIA' }).click();
        await page.waitForURL('**/login?next=**');
        await page.getByLabel(/^Телефон, почта или СНИЛС/).fill(person.email!);
        await page.getByLabel(/^Пароль/).fill(person.password);
        await page.getByRole('button', { name: 'Войти', exact: true }).click();
        await page.getByRole('button', { name: 'Отказать' }).click();
        await page.getByRole('heading', { name: 'Вход не выполнен', level: 1 }).waitFor();
        await page.getByText('Вы отказали порталу в доступе к данным.').waitFor();

        // A standard account where the portal requires a confirmed one: OpenESIA explains, and
        // «Вернуться в систему» answers the portal unmet_authentication_requirements.
        await page.getByRole('link', { name: 'Попробовать снова' }).click();
        await page.getByRole('radio', { name: 'Только подтверждённая' }).check();
        await page.getByRole('button', { name: 'Войти через OpenESIA' }).click();
        await page.getByText('Нужна учётная запись более высокого уровня').waitFor();
        await page.getByRole('button', { name: 'Вернуться в систему' }).click();
        await page.getByRole('heading', { name: 'Вход не выполнен', level: 1 }).waitFor();
        await page.getByText(/Уровень вашей учётной записи ниже/).waitFor();
        await e2e.shot('demo-portal-refused-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
      },
    );
  });
});
