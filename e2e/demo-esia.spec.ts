import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandardCitizen, uniqueEmail } from '../packages/server/test/support/factories.js';
import { freePort } from '../packages/server/test/support/oidc.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * «Портал услуг — вход через ЕСИА (демо)» in a real browser (issue 13): the demo system signs its
 * requests with DEMO_ESIA's GOST key (the server's signer), OpenESIA accepts them at
 * /aas/oauth2/v2/ac and /v3/te, the citizen consents, and the system shows what /rs/prns gave;
 * «Выйти» goes through /idp/ext/Logout and back. The app reaches ESIA's addresses over HTTP at
 * PUBLIC_URL, so it is this server.
 */
let e2e: E2E;

beforeAll(async () => {
  const port = await freePort();
  e2e = await startE2E({ port, env: { RATE_LIMITS: 'false', PUBLIC_URL: `http://127.0.0.1:${port}` } });
  // What the demo seed does at `npm start`: DEMO_ESIA registered and approved, its key sealed.
  await e2e.system.services.oidcClients.ensureDemoClient();
  await e2e.system.services.oidcClients.ensureDemoEsiaClient(e2e.system.services.testCa);
});
afterAll(async () => e2e?.close());

describe('the demo system on the ESIA-compatible interface', () => {
  it('signs a citizen in with a signed client secret, shows what /rs/prns gave, and signs out', async () => {
    const person = await createStandardCitizen(e2e.system, { email: uniqueEmail() });
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: desktopScreen },
      async ({ context, page }) => {
        context.setDefaultTimeout(15_000);
        // From the OpenID Connect demo's page, as a visitor finds it.
        await page.goto('/demo-portal/');
        await page.getByRole('link', { name: 'Войти через ЕСИА-совместимый интерфейс' }).click();
        await page.waitForURL('**/demo-esia/');
        await page.getByRole('heading', { name: 'Войти через ЕСИА', level: 2 }).waitFor();
        expect(
          await page.getByRole('checkbox', { name: /^Документ, удостоверяющий личность/ }).isChecked(),
        ).toBe(true);
        await page.getByRole('checkbox', { name: /^Пол/ }).check();
        await e2e.shot('demo-esia-start-desktop', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        await page.setViewportSize(phoneScreen);
        await e2e.shot('demo-esia-start-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        await page.setViewportSize(desktopScreen);

        // The request the browser is sent with is ESIA's, signed: v2/ac accepts it.
        const authorize = page.waitForRequest((r) => r.url().includes('/aas/oauth2/v2/ac?'));
        await page.getByRole('button', { name: 'Войти через ЕСИА' }).click();
        const sent = new URL((await authorize).url()).searchParams;
        expect(sent.get('client_id')).toBe('DEMO_ESIA');
        expect(sent.get('scope')).toBe('openid fullname birthdate gender snils id_doc contacts');
        expect(sent.get('timestamp')).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2} \+0000$/);
        expect(sent.get('client_certificate_hash')).toMatch(/^[0-9A-F]{64}$/);

        await page.waitForURL('**/login?next=**');
        await page.getByLabel(/^Телефон, почта или СНИЛС/).fill(person.email!);
        await page.getByLabel(/^Пароль/).fill(person.password);
        await page.getByRole('button', { name: 'Войти', exact: true }).click();
        await page
          .getByRole('heading', { name: 'Вход в систему «Портал услуг — ЕСИА (демо)»', level: 1 })
          .waitFor();
        await page.getByRole('button', { name: 'Предоставить' }).click();

        // The callback exchanged the code at /v3/te (a secret over …+code) and read /rs/prns.
        await page.waitForURL('**/demo-esia/');
        await page.getByRole('heading', { name: 'Здравствуйте, Иванов Иван Иванович!', level: 1 }).waitFor();
        const facts = await page.getByRole('list').first().innerText();
        expect(facts).toMatch(/Уровень учётной записи: не подтверждённая/);
        expect(facts).toMatch(/Способ входа: пароль/);
        const user = await page.getByRole('region', { name: 'Пользователь' }).innerText();
        const [y, m, d] = person.personalData.birthDate.split('-');
        const snils = person.snils.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1-$2-$3 $4');
        expect(user).toMatch(/Фамилия\s+lastName\s+Иванов/);
        expect(user).toMatch(new RegExp(`Дата рождения\\s+birthDate\\s+${d}\\.${m}\\.${y}`));
        expect(user).toMatch(/Пол\s+gender\s+мужской/);
        expect(user).toContain(snils);
        const contacts = await page.getByRole('region', { name: 'Контакты' }).innerText();
        expect(contacts).toContain(`${person.email!} (подтверждён)`);
        const documents = await page.getByRole('region', { name: 'Документы' }).innerText();
        expect(documents).toMatch(
          /Паспорт гражданина Российской Федерации\s+RF_PASSPORT\s+серия \d{4} № \d{6}/,
        );
        expect(documents).toMatch(/\/ctts: \d+, \/docs: 1/);
        await e2e.shot('demo-esia-result-desktop', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        await page.setViewportSize(phoneScreen);
        await e2e.shot('demo-esia-result-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);

        // «Выйти»: /idp/ext/Logout ends the OpenESIA session and comes back to the registered address.
        const logout = page.waitForRequest((r) => r.url().includes('/idp/ext/Logout?'));
        await page.getByRole('button', { name: 'Выйти' }).click();
        expect(Object.fromEntries(new URL((await logout).url()).searchParams)).toEqual({
          client_id: 'DEMO_ESIA',
          redirect_url: `${e2e.system.url}/demo-esia/`,
        });
        await page.waitForURL('**/demo-esia/');
        await page.getByRole('heading', { name: 'Войти через ЕСИА', level: 2 }).waitFor();
        // The OpenESIA session is over: signing in again asks for the password.
        await page.getByRole('button', { name: 'Войти через ЕСИА' }).click();
        await page.waitForURL('**/login?next=**');
      },
    );
  });

  it('shows ESIA’s refusal in Russian when the citizen refuses', async () => {
    const person = await createStandardCitizen(e2e.system, { email: uniqueEmail() });
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: phoneScreen },
      async ({ context, page }) => {
        context.setDefaultTimeout(15_000);
        await page.goto('/demo-esia/');
        await page.getByRole('button', { name: 'Войти через ЕСИА' }).click();
        await page.waitForURL('**/login?next=**');
        await page.getByLabel(/^Телефон, почта или СНИЛС/).fill(person.email!);
        await page.getByLabel(/^Пароль/).fill(person.password);
        await page.getByRole('button', { name: 'Войти', exact: true }).click();
        await page.getByRole('button', { name: 'Отказать' }).click();
        await page.getByRole('heading', { name: 'Вход не выполнен', level: 1 }).waitFor();
        await page.getByText('Вы отказали системе в доступе к данным.').waitFor();
        await page.getByText(/^Ответ ЕСИА: ESIA-007004: /).waitFor();
        await e2e.shot('demo-esia-refused-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
      },
    );
  });
});
