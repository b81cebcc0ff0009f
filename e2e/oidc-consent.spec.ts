import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../packages/server/src/domain/policy/actor.js';
import { createStandardCitizen, uniqueEmail } from '../packages/server/test/support/factories.js';
import { layoutProblems, phoneScreen, seriousViolations, settled } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * A citizen signs in to another information system through OpenESIA in a real browser (issue 13):
 * sent by the system, signs in on our page, reads «Система "…" запрашивает доступ к данным» and
 * grants it, and lands back at the system with a code; then sees and withdraws the consent in
 * «Предоставленные разрешения». The pages fit a phone and pass axe.
 */
let e2e: E2E;
let clientId: string;
let redirectUri: string;

beforeAll(async () => {
  e2e = await startE2E({ env: { RATE_LIMITS: 'false' } });
  clientId = 'E2E_PORTAL';
  redirectUri = `${e2e.system.url}/rp/callback`;
  const test = systemActor('e2e');
  await e2e.system.services.oidcClients.register(
    test,
    {
      clientId,
      name: 'Портал услуг (проверка)',
      redirectUris: [redirectUri],
      scopes: ['openid', 'fullname', 'birthdate', 'snils'],
      authMethod: 'client_secret_basic',
    },
    { via: 'cli' },
  );
  await e2e.system.services.oidcClients.setStatus(test, clientId, 'approved');
});
afterAll(async () => e2e?.close());

function authorizationUrl(): string {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${e2e.system.url}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid fullname birthdate snils',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

describe('signing in to another system through OpenESIA', () => {
  it('signs in, consents, returns with a code; the consent is listed and withdrawn', async () => {
    const person = await createStandardCitizen(e2e.system, { email: uniqueEmail() });
    await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU', viewport: phoneScreen },
      async ({ context, page }) => {
        context.setDefaultTimeout(15_000);
        await page.goto(authorizationUrl());
        await page.waitForURL('**/login?next=**');
        await page.getByLabel(/^Телефон, почта или СНИЛС/).fill(person.email!);
        await page.getByLabel(/^Пароль/).fill(person.password);
        await page.getByRole('button', { name: 'Войти', exact: true }).click();

        await page
          .getByRole('heading', { name: 'Вход в систему «Портал услуг (проверка)»', level: 1 })
          .waitFor();
        await page.getByText('запрашивает доступ к данным: ФИО, дата рождения, СНИЛС').waitFor();
        await page.waitForLoadState('networkidle');
        await settled(page);
        await e2e.shot('oidc-consent-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByRole('button', { name: 'Предоставить' }).click();
        await page.waitForURL(`${redirectUri}?**`);
        const back = new URL(page.url());
        expect(back.searchParams.get('code')).toBeTruthy();

        await page.goto('/profile/permissions');
        await page.getByRole('heading', { name: 'Предоставленные разрешения', level: 1 }).waitFor();
        await page.getByText('Портал услуг (проверка)').waitFor();
        await page.waitForLoadState('networkidle');
        await settled(page);
        await e2e.shot('oidc-permissions-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Отозвать разрешение' }).click();
        await page.getByText('Вы пока не предоставляли разрешений.').waitFor();
      },
    );
  });
});
