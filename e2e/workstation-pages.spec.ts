import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account } from '../packages/web/src/portals/organization/test-fixtures.js';
import { answer, center, found, session } from '../packages/web/src/portals/workstation/test-fixtures.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * АРМ «Центр обслуживания» and its journal (seed 003) in Chromium with the API answered in the
 * browser: at phone and laptop size every step fits, no button is cut, axe-core finds no serious
 * violation. The workstation's own flow against the real server is workstation.spec.ts.
 */

const json = (route: Route, body: unknown, status = 200) =>
  route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

const operationId = '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2910';
const centers = [
  center,
  {
    ...center,
    id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    name: 'Территориальный отдел МФЦ в Великоустюгском муниципальном округе',
    address: '162390, Вологодская обл., г. Великий Устюг, Советский проспект, д. 103',
    services: ['confirmation' as const],
  },
];
const journal = {
  entries: [
    {
      id: 'e1',
      at: '2026-11-20T09:12:00.000Z',
      operator: { accountId: 'o1', name: 'Константинопольская А. В.' },
      certificateThumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
      organization: { id: 'org1', shortName: 'БУ ВО «МФЦ»' },
      center: { id: center.id, name: center.name },
      regionCode: '35',
      action: 'upgrade',
      target: { oid: '1000012345', masked: 'Иванов И. П.' },
      outcome: 'awaiting_checks',
      refusal: null,
    },
    {
      id: 'e2',
      at: '2026-11-20T09:00:00.000Z',
      operator: { accountId: 'o2', name: 'Петров П. П.' },
      certificateThumbprint: 'FFEEDDCCBBAA00998877665544332211FFEEDDCC',
      organization: { id: 'org1', shortName: 'БУ ВО «МФЦ»' },
      center: null,
      regionCode: '35',
      action: 'sign_in_refused',
      target: null,
      outcome: 'refused',
      refusal: 'workstation.not_operator',
    },
  ],
  total: 45,
  page: 1,
  pageSize: 20,
};

async function stub(page: Page, answers: Record<string, unknown>, signedIn: unknown = null) {
  await page.route('**/api/**', async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace(/^\/api/, '');
    const key = `${route.request().method()} ${path}`;
    if (key === 'GET /session')
      return json(route, { account: signedIn, actingFor: null, staff: null, csrfToken: 't', demoMode: true });
    if (key in answers) return json(route, answers[key]);
    const prefix = Object.keys(answers).find((k) => k.endsWith('*') && key.startsWith(k.slice(0, -1)));
    if (prefix) return json(route, answers[prefix]);
    return json(route, { error: { code: 'auth.forbidden' } }, 403);
  });
}

const working = { 'GET /ra/session': { session: session() } };

interface Case {
  name: string;
  path: string;
  answers: Record<string, unknown>;
  signedIn?: unknown;
  reach?: (page: Page) => Promise<void>;
}

const search = async (p: Page) => {
  await p.getByLabel('СНИЛС').fill('11223344595');
  await p.getByRole('button', { name: 'Найти' }).click();
  await p.getByRole('heading', { name: 'Результаты поиска' }).waitFor();
};

const cases: Case[] = [
  { name: 'sign-in', path: '/ra', answers: { 'GET /ra/session': { session: null } } },
  {
    name: 'center',
    path: '/ra',
    answers: { 'GET /ra/session': { session: session({ center: null }) }, 'GET /ra/centers': { centers } },
    reach: (p) => p.getByTestId('ra-center').first().waitFor(),
  },
  {
    name: 'terms',
    path: '/ra',
    answers: { 'GET /ra/session': { session: session({ termsAccepted: false }) } },
  },
  {
    name: 'results',
    path: '/ra',
    answers: {
      ...working,
      'POST /ra/search': answer({
        results: [
          found(),
          found({
            accountId: 'd1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f6a8',
            name: 'Иванова-Константинопольская А. В.',
            level: 'confirmed',
            confirmationMethod: 'service_center',
            matchedBy: ['name_birth'],
          }),
        ],
      }),
    },
    reach: search,
  },
  {
    name: 'registration',
    path: '/ra',
    answers: { ...working, 'POST /ra/search': answer() },
    reach: async (p) => {
      await search(p);
      await p.getByRole('button', { name: 'Зарегистрировать новую учётную запись' }).click();
      await p.getByLabel(/^Причина/).waitFor();
    },
  },
  {
    name: 'result',
    path: '/ra',
    answers: {
      ...working,
      'POST /ra/search': answer(),
      'POST /ra/accounts/*': {
        operationId,
        operation: 'confirmation',
        accountId: found().accountId,
        oid: found().oid,
        state: 'done',
        level: 'confirmed',
        failureReasons: [],
        passwordDelivery: null,
        documents: ['application', 'consent'],
        performedAt: '2026-11-20T09:12:00.000Z',
      },
    },
    reach: async (p) => {
      await search(p);
      await p.getByRole('button', { name: 'Подтверждение' }).filter({ visible: true }).first().click();
      await p.getByLabel(/^Серия/).fill('1904');
      await p.getByLabel(/^Номер/).fill('123456');
      await p.getByLabel('Заявитель подписал заявление').check();
      await p.getByLabel('Заявитель подписал согласие на обработку персональных данных').check();
      await p.getByRole('button', { name: 'Выполнить' }).click();
      await p.getByText('Печать документов').waitFor();
    },
  },
  {
    name: 'federal-journal',
    path: '/registry/workstation-journal',
    signedIn: account,
    answers: { 'GET /federal-operator/workstation-journal': journal },
    reach: (p) => p.getByText('Отказ во входе').filter({ visible: true }).first().waitFor(),
  },
  {
    name: 'temporary-password',
    path: '/profile',
    signedIn: { ...account, passwordChangeRequired: true },
    answers: { 'GET /me/organizations': { organizations: [] } },
    reach: (p) => p.getByRole('heading', { name: 'Смена временного пароля' }).waitFor(),
  },
];

describe('АРМ «Центр обслуживания»: the pages at phone and laptop size', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const c of cases)
    it(c.name, async () => {
      for (const [label, size] of [
        ['phone', phoneScreen],
        ['desktop', desktopScreen],
      ] as const) {
        await withContext(
          e2e.browser,
          { baseURL: e2e.system.url, locale: 'ru-RU', viewport: size },
          async ({ page }) => {
            await stub(page, c.answers, c.signedIn ?? null);
            await page.goto(c.path);
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            await c.reach?.(page);
            await page.waitForTimeout(300);
            await e2e.shot(`workstation-pages-${c.name}-${label}`, page);
            expect(await layoutProblems(page), `${c.name} ${label}`).toEqual([]);
            expect(await seriousViolations(page), `${c.name} ${label}`).toEqual([]);
          },
        );
      }
    });
});
