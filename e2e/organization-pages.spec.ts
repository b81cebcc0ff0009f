import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { getAccountForUpdate } from '../packages/server/src/repositories/citizen/accounts.js';
import { createStandardCitizen, uniqueEmail } from '../packages/server/test/support/factories.js';
import {
  employeeId,
  groups,
  invitation,
  member,
  myOrganization,
  organizationId,
  profile,
} from '../packages/web/src/portals/organization/test-fixtures.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * The organization's pages (seed 000, sections 2-5; seed 004, step 1.4) in Chromium with the
 * organization context's API answered in the browser from the component tests' fixtures: at phone
 * and laptop size each page fits, no button is cut, and axe-core finds no serious violation, whatever
 * the server's data (long names, every status, locked groups, a returned registration). The session
 * and sign-in are the real server's; every-page.spec.ts walks the pages with the demo's own data.
 */

const json = (route: Route, body: unknown, status = 200) =>
  route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

async function stub(page: Page, acting: string[] | null, over: Record<string, unknown> = {}) {
  await page.route('**/api/**', async (route) => {
    const url = new URL(route.request().url());
    const key = `${route.request().method()} ${url.pathname.replace(/^\/api/, '')}`;
    if (key === 'GET /session') {
      const res = await route.fetch();
      const body = await res.json();
      body.actingFor = acting
        ? { organizationId, shortName: 'БУ ВО «МФЦ»', roles: acting, groups: [] }
        : null;
      return json(route, body);
    }
    if (key in over) return json(route, over[key]);
    const answers: Record<string, unknown> = {
      'GET /me/organizations': {
        organizations: [
          myOrganization(),
          myOrganization({ id: 'x1', shortName: 'КГКУ «ЦСПН»', status: 'checking', roles: ['head'] }),
          myOrganization({
            id: 'x2',
            shortName: 'ГБУ «Ликвидированный центр»',
            fullName: 'Государственное бюджетное учреждение «Ликвидированный центр»',
            status: 'rejected',
            refusal: 'liquidated',
          }),
          myOrganization({
            id: 'x3',
            shortName: 'МУ «Центр»',
            status: 'returned',
            returnReason: 'Укажите почтовый адрес с индексом',
          }),
        ],
      },
      'GET /organization': profile({ yourRoles: (acting ?? ['head']) as never }),
      'GET /organization/members': {
        members: [
          member({
            roles: ['head'],
            lastName: 'Громова',
            firstName: 'Анна',
            middleName: 'Сергеевна',
            accountId: 'h',
          }),
          member({ roles: ['employee', 'administrator'], groups: ['tech_portal'] }),
          member({
            accountId: 'e3',
            lastName: 'Константинопольская',
            firstName: 'Александра',
            middleName: 'Владимировна',
          }),
        ],
        total: 3,
        nextCursor: null,
      },
      'GET /organization/invitations': {
        invitations: [
          invitation({ groups: ['tech_portal'] }),
          invitation({
            id: 'i2',
            state: 'accepted',
            email: 'very.long.address.of.someone@department.example.ru',
          }),
          invitation({ id: 'i3', state: 'expired' }),
        ],
      },
      'GET /organization/groups': { groups: groups.map((g) => (g.open ? { ...g, memberCount: 1 } : g)) },
      'GET /organization/groups/tech_portal/members': {
        members: [{ ...member(), addedAt: '2026-11-03T09:00:00.000Z' }],
        total: 1,
      },
      'GET /organization/members/suggestions': {
        suggestions: [
          { accountId: employeeId, lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' },
        ],
      },
      'GET /organization/journal': {
        entries: [
          {
            id: '1',
            at: '2026-11-03T09:00:00.000Z',
            event: 'organization.group_member_added',
            actor: 'Громова Анна Сергеевна',
            subject: 'Петров Пётр Петрович',
            details: 'Добавлен в группу «Технологический портал»',
          },
        ],
        nextCursor: null,
      },
      'GET /regional-operator/organizations': {
        organizations: [
          (({ yourRoles: _a, approvals: _b, revision: _c, ...rest }) => rest)(
            profile({ status: 'awaiting_regional_operator', type: 'state_institution' }),
          ),
        ],
        nextCursor: null,
      },
      'POST /invitations/preview': {
        organization: {
          shortName: 'БУ ВО «МФЦ»',
          fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
        },
        lastName: 'Петров',
        firstName: 'Пётр',
        expiresAt: '2027-01-01T09:00:00.000Z',
        state: 'pending',
      },
    };
    if (key in answers) return json(route, answers[key]);
    return route.continue();
  });
}

describe('organization pages fit a phone and pass axe, with the API stubbed', () => {
  let e2e: E2E;
  let state: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;
  beforeAll(async () => {
    e2e = await startE2E();
    const c = await createStandardCitizen(e2e.system, { email: uniqueEmail() });
    await e2e.system.database.db.transaction(async (tx) =>
      e2e.system.services.confirmation.confirmIdentity(
        tx,
        await getAccountForUpdate(tx, c.id),
        'service_center',
        { actorType: 'system' },
        e2e.system.clock.now(),
      ),
    );
    state = await withContext(
      e2e.browser,
      { baseURL: e2e.system.url, locale: 'ru-RU' },
      async ({ context, page }) => {
        await page.goto('/login');
        await page.getByLabel(/^Телефон, почта или СНИЛС/).fill(c.email!);
        await page.getByLabel(/^Пароль/).fill(c.password);
        await page.getByRole('button', { name: 'Войти', exact: true }).click();
        await page.waitForURL('**/profile');
        return context.storageState();
      },
    );
  });
  afterAll(async () => e2e?.close());

  const cases: {
    name: string;
    path: string;
    acting: string[] | null;
    reach?: (p: Page) => Promise<void>;
    over?: Record<string, unknown>;
  }[] = [
    {
      name: 'profile',
      path: '/profile',
      acting: null,
      reach: (p) => p.getByTestId('my-organization').first().waitFor(),
    },
    { name: 'add-kind', path: '/profile/organizations/new', acting: null },
    {
      name: 'add-certificate',
      path: '/profile/organizations/new',
      acting: null,
      reach: async (p) => {
        await p.getByRole('button', { name: 'Продолжить' }).click();
        await p.getByRole('heading', { name: 'Выбор сертификата' }).waitFor();
      },
    },
    {
      name: 'org-choose',
      path: '/organization',
      acting: null,
      reach: (p) => p.getByRole('main').getByRole('button', { name: 'Частное лицо' }).waitFor(),
    },
    {
      name: 'org-data-head',
      path: '/organization',
      acting: ['head'],
      reach: (p) => p.getByText('Сведения ЕГРЮЛ').waitFor(),
    },
    {
      name: 'org-data-returned',
      path: '/organization',
      acting: ['head'],
      over: {
        'GET /organization': profile({
          status: 'returned',
          returnReason: 'Неверный почтовый адрес: укажите индекс',
        }),
      },
      reach: (p) => p.getByText('Исправление заявки').waitFor(),
    },
    {
      name: 'org-data-check-failed',
      path: '/organization',
      acting: ['head'],
      over: { 'GET /organization': profile({ status: 'check_failed' }) },
      reach: (p) => p.getByRole('button', { name: 'Повторить проверку' }).waitFor(),
    },
    {
      name: 'org-members',
      path: '/organization?tab=members',
      acting: ['head'],
      reach: (p) => p.getByTestId('member').first().waitFor(),
    },
    {
      name: 'org-invitations-form',
      path: '/organization?tab=invitations',
      acting: ['head'],
      reach: async (p) => {
        await p.getByTestId('invitation').first().waitFor();
        await p.getByRole('button', { name: 'Пригласить сотрудника' }).click();
        await p.getByRole('checkbox', { name: 'Включить участника в группы' }).check();
        await p.getByRole('checkbox', { name: 'Технологический портал' }).waitFor();
      },
    },
    {
      name: 'org-access',
      path: '/organization?tab=access',
      acting: ['head'],
      reach: async (p) => {
        await p.getByRole('button', { name: /Участники \(1\) группы «Технологический портал»/ }).click();
        await p.getByTestId('group-member').waitFor();
        await p.getByLabel('Добавить участника в группу «Технологический портал»').fill('Пет');
        await p.getByRole('option', { name: 'Петров Пётр Петрович' }).waitFor();
      },
    },
    {
      name: 'org-administrators',
      path: '/organization?tab=administrators',
      acting: ['head'],
      reach: (p) => p.getByTestId('administrator-row').first().waitFor(),
    },
    {
      // the head and administrators read the journal (an employee is told so, see every-page)
      name: 'org-journal-administrator',
      path: '/organization?tab=journal',
      acting: ['administrator'],
      reach: (p) => p.getByTestId('journal-entry').waitFor(),
    },
    {
      name: 'regional-queue',
      path: '/regional-operator/organizations',
      acting: ['employee'],
      reach: (p) => p.getByTestId('application').waitFor(),
    },
    {
      name: 'invitation',
      path: '/organizations/invitation#token=abc',
      acting: null,
      reach: (p) => p.getByRole('button', { name: 'Принять приглашение' }).waitFor(),
    },
    {
      name: 'header-menu',
      path: '/organization',
      acting: ['head'],
      reach: async (p) => {
        await p.getByText('Сведения ЕГРЮЛ').waitFor();
        if ((p.viewportSize()?.width ?? 0) < 700) await p.getByRole('button', { name: 'Меню' }).click();
        await p
          .getByRole('button', { name: /Вы действуете как/ })
          .filter({ visible: true })
          .first()
          .click();
        await p.getByRole('dialog').getByRole('button', { name: 'Частное лицо' }).waitFor();
      },
    },
  ];

  // two cases at a time (vitest.config.ts, maxConcurrency of e2e), each in contexts of its own
  for (const c of cases)
    it.concurrent(c.name, async ({ expect }) => {
      for (const [label, size] of [
        ['phone', phoneScreen],
        ['desktop', desktopScreen],
      ] as const) {
        await withContext(
          e2e.browser,
          { baseURL: e2e.system.url, locale: 'ru-RU', viewport: size, storageState: state },
          async ({ page }) => {
            await stub(page, c.acting, c.over);
            await page.goto(c.path);
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            await c.reach?.(page);
            await page.waitForTimeout(300);
            await e2e.shot(`organization-pages-${c.name}-${label}`, page);
            expect(await layoutProblems(page), `${c.name} ${label}`).toEqual([]);
            expect(await seriousViolations(page), `${c.name} ${label}`).toEqual([]);
          },
        );
      }
    });
});
