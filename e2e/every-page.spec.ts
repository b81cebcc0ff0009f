import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { demoAccounts, demoOrganizations, seedDemoData } from '../packages/server/src/db/seed.js';
import {
  createSimplifiedCitizen,
  extractCode,
  uniquePhone,
  waitForMessage,
} from '../packages/server/test/support/factories.js';
import { findLiveOrganizationByOgrn } from '../packages/server/src/repositories/organization/organizations.js';
import { findAccountByVerifiedContact } from '../packages/server/src/repositories/citizen/accounts.js';
import { insertTestCenter } from '../packages/server/test/support/centers.js';
import { listCenters } from '../packages/server/src/repositories/center/centers.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations, settled } from './support/audit.js';
import { startE2E, withContext, type E2E } from './support/browser.js';

/**
 * Every page of every portal, at phone size (390×844) and on a laptop (1280×800): the page never
 * scrolls sideways, no button is cut or runs off the screen, and axe-core finds no serious or
 * critical violation of WCAG 2.1 (issue 8, part 9). One test per page, so a failure names the page.
 * The signed-in pages use the demo seed's people, as a visitor of the demo would.
 */

type Who =
  | 'simplified'
  | 'standard'
  | 'confirmed'
  | 'operator'
  | 'mfcHead'
  | 'mfcAdministrator'
  | 'mfcEmployee'
  | 'cspnOfficer'
  | 'regionalOperator';
const login = (l: string) => demoAccounts.find((a) => a.login === l)!;
const account: Record<Who, (typeof demoAccounts)[number]> = {
  simplified: demoAccounts.find((a) => a.level === 'simplified')!,
  standard: demoAccounts.find((a) => a.level === 'standard')!,
  confirmed: demoAccounts.find((a) => a.level === 'confirmed' && !a.title.startsWith('Оператор'))!,
  operator: demoAccounts.find((a) => a.title.startsWith('Оператор ЕСИА'))!,
  // the demo МФЦ's people and Вологодская область's regional operator («Электронный регион»)
  mfcHead: login('gromova@mfc35.example'),
  mfcAdministrator: login('zaitsev@mfc35.example'),
  mfcEmployee: login('belova@mfc35.example'),
  // the demo ЦСПН's technical officer, in «Технологический портал», with its two centers
  cspnOfficer: login('kovaleva@cspn41.example'),
  regionalOperator: login('operator@gov35.example'),
};
const mfc = demoOrganizations.find((o) => o.type === 'mfc')!;
const electronicRegion = demoOrganizations.find((o) => o.operatorOfRegion === '35')!;
const cspn = demoOrganizations.find((o) => o.regionCode === '41' && !o.operatorOfRegion)!;
/** the organization each of them acts for after signing in («Войти как сотрудник организации») */
const actsFor: Partial<Record<Who, string>> = {
  mfcHead: mfc.shortName,
  mfcAdministrator: mfc.shortName,
  mfcEmployee: mfc.shortName,
  cspnOfficer: cspn.shortName,
  regionalOperator: electronicRegion.shortName,
};
const organizationTabs = [
  ['data', 'Данные'],
  ['members', 'Сотрудники'],
  ['invitations', 'Приглашения'],
  ['access', 'Доступ к системам'],
  ['applications', 'Заявки'],
  ['administrators', 'Администраторы'],
  ['journal', 'Журнал'],
  ['plan', 'План открытия ЦО'],
] as const;

/** The demo ЦСПН's information system, registered by its technical officer «На согласовании». */
const CSPN_SYSTEM = 'CSPN41_PORTAL';

/** A form field by its label; Mantine adds " *" to required ones. */
const field = (page: Page | Locator, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));

interface PageCase {
  /** what the test is called */
  name: string;
  path: string;
  /** the page's level-1 heading, waited for before anything is measured */
  heading: string | RegExp;
  as?: Who;
  /** brings the page to the state to check, after the heading is shown */
  reach?: (page: Page, e2e: E2E) => Promise<void>;
}

const pages: PageCase[] = [
  { name: 'home', path: '/', heading: 'Единая система идентификации и аутентификации' },
  {
    name: 'home, signed in',
    path: '/',
    heading: 'Единая система идентификации и аутентификации',
    as: 'standard',
  },
  { name: 'registration', path: '/register', heading: 'Регистрация' },
  {
    name: 'registration: the SMS code',
    path: '/register',
    heading: 'Регистрация',
    reach: async (page, e2e) => {
      await startRegistration(page, e2e);
    },
  },
  {
    name: 'registration: the password',
    path: '/register',
    heading: 'Регистрация',
    reach: async (page, e2e) => {
      const { phoneNumber, since } = await startRegistration(page, e2e);
      await field(page, 'Код').fill(extractCode((await waitForMessage(e2e.system, phoneNumber, since)).body));
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByRole('heading', { name: 'Придумайте пароль', level: 1 }).waitFor();
    },
  },
  {
    name: 'registration: the e-mail link without its code',
    path: '/register/confirm',
    heading: 'Подтверждение электронной почты',
  },
  { name: 'sign-in', path: '/login', heading: 'Вход' },
  {
    name: 'sign-in with an electronic signature',
    path: '/login/signature',
    heading: 'Вход с помощью электронной подписи',
  },
  { name: 'workstation sign-in', path: '/ra', heading: 'Вход в АРМ «Центр обслуживания»' },
  { name: 'password recovery', path: '/recover', heading: 'Восстановление пароля' },
  {
    name: 'password recovery: the code and the new password',
    path: '/recover',
    heading: 'Восстановление пароля',
    reach: async (page, e2e) => {
      const citizen = await createSimplifiedCitizen(e2e.system);
      await field(page, 'Телефон, почта или СНИЛС').fill(citizen.phone!);
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await field(page, 'Код').waitFor();
    },
  },
  {
    name: 'personal page, simplified account',
    path: '/profile',
    heading: 'Личный кабинет',
    as: 'simplified',
  },
  { name: 'personal page, standard account', path: '/profile', heading: 'Личный кабинет', as: 'standard' },
  { name: 'personal page, confirmed account', path: '/profile', heading: 'Личный кабинет', as: 'confirmed' },
  {
    name: 'personal data, to fill',
    path: '/profile/personal-data',
    heading: 'Личные данные',
    as: 'simplified',
  },
  {
    name: 'personal data, with the simulators’ rules shown',
    path: '/profile/personal-data',
    heading: 'Личные данные',
    as: 'simplified',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Показать правила' }).click();
      await page.getByRole('button', { name: 'Скрыть правила' }).waitFor();
    },
  },
  {
    name: 'personal data, checked',
    path: '/profile/personal-data',
    heading: 'Личные данные',
    as: 'standard',
  },
  {
    name: 'identity confirmation, three ways',
    path: '/profile/confirm',
    heading: 'Подтверждение вашей личности',
    as: 'standard',
  },
  {
    name: 'identity confirmation, done',
    path: '/profile/confirm',
    heading: 'Подтверждение вашей личности',
    as: 'confirmed',
  },
  { name: 'signature keys, signed out', path: '/signature/keys', heading: 'Ключи и сертификаты' },
  {
    name: 'signature keys, without checked data',
    path: '/signature/keys',
    heading: 'Ключи и сертификаты',
    as: 'simplified',
  },
  {
    name: 'signature keys, with the test CA',
    path: '/signature/keys',
    heading: 'Ключи и сертификаты',
    as: 'standard',
  },
  {
    name: 'trust list registry of the federal operator',
    path: '/registry/trust-list',
    heading: 'Перечень аккредитованных удостоверяющих центров',
    as: 'operator',
    reach: async (page) => {
      await page.getByRole('heading', { name: /^Удостоверяющие центры в перечне/ }).waitFor();
    },
  },
  {
    name: 'trust list registry, refused to a citizen',
    path: '/registry/trust-list',
    heading: 'Перечень аккредитованных удостоверяющих центров',
    as: 'confirmed',
    reach: async (page) => {
      await page.getByText('Нет доступа к перечню').waitFor();
    },
  },
  {
    name: 'add an organization: «Юридическое лицо»',
    path: '/profile/organizations/new',
    heading: 'Добавление организации',
    as: 'confirmed',
  },
  {
    name: 'add an organization: «Выбор сертификата»',
    path: '/profile/organizations/new',
    heading: 'Добавление организации',
    as: 'confirmed',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByRole('heading', { name: 'Выбор сертификата' }).waitFor();
    },
  },
  {
    name: 'organization profile, acting as a private person',
    path: '/organization',
    heading: 'Профиль организации',
    as: 'confirmed',
    reach: async (page) => {
      await page.getByRole('main').getByRole('button', { name: 'Частное лицо' }).waitFor();
    },
  },
  {
    name: 'invitation link without its token',
    path: '/organizations/invitation',
    heading: 'Приглашение в организацию',
    reach: async (page) => {
      await page.getByText('Ссылка неполная').waitFor();
    },
  },
  {
    name: 'regional operator’s queue, refused to a citizen',
    path: '/regional-operator/organizations',
    heading: 'Заявки на регистрацию организаций',
    as: 'confirmed',
    reach: async (page) => {
      await page.getByRole('alert').first().waitFor();
    },
  },
  // The demo МФЦ's profile as its head, administrator and employee see each tab of it.
  ...(['mfcHead', 'mfcAdministrator', 'mfcEmployee'] as const).flatMap((who) =>
    organizationTabs.map(([tab, label]): PageCase => ({
      name: `organization profile «${label}», ${who}`,
      path: `/organization${tab === 'data' ? '' : `?tab=${tab}`}`,
      heading: mfc.shortName,
      as: who,
      reach: async (page) => {
        await page.getByRole('tab', { name: label, selected: true }).waitFor();
      },
    })),
  ),
  {
    name: 'regional operator’s queue, as «Электронный регион»',
    path: '/regional-operator/organizations',
    heading: 'Заявки на регистрацию организаций',
    as: 'regionalOperator',
  },
  {
    name: 'regional operator’s applications Форма З and Форма И',
    path: '/regional-operator/applications',
    heading: 'Заявки по формам З и И',
    as: 'regionalOperator',
  },
  {
    name: 'regional operator’s opening plan of the region',
    path: '/regional-operator/opening-plan',
    heading: 'План открытия ЦО',
    as: 'regionalOperator',
  },
  {
    name: 'federal operator’s opening plan by region',
    path: '/registry/opening-plan',
    heading: 'План открытия ЦО по регионам',
    as: 'operator',
  },
  {
    name: 'regional operator’s centers of the region, with the data-quality list',
    path: '/regional-operator/centers',
    heading: 'Центры обслуживания региона',
    as: 'regionalOperator',
    reach: async (page) => {
      await page.getByRole('table', { name: /по организациям/ }).waitFor();
      await page.getByTestId('flagged-center').first().waitFor();
    },
  },
  {
    name: 'federal operator’s centers by region',
    path: '/registry/centers',
    heading: 'Центры обслуживания',
    as: 'operator',
    reach: async (page) => {
      await page.getByTestId('centers-region').first().waitFor();
    },
  },
  {
    name: 'federal operator’s centers of a region, by organization',
    path: '/registry/centers?region=35&status=inactive',
    heading: 'Центры обслуживания',
    as: 'operator',
    reach: async (page) => {
      await page.getByTestId('centers-organization').first().waitFor();
    },
  },
  {
    name: 'federal operator’s applications to decide',
    path: '/registry/applications',
    heading: 'Заявки на согласование',
    as: 'operator',
  },
  // The technological portal (issue 11): the demo ЦСПН's technical officer and its centers.
  {
    name: 'technological portal: «Центры обслуживания»',
    path: '/tech/centers',
    heading: 'Центры обслуживания',
    as: 'cspnOfficer',
    reach: async (page) => {
      await page.getByTestId('center-card').first().waitFor();
    },
  },
  {
    name: 'technological portal: a center’s page',
    path: '/tech/centers',
    heading: 'Центры обслуживания',
    as: 'cspnOfficer',
    reach: async (page) => {
      await page.getByRole('link', { name: /на Ленинской$/ }).click();
      await page.getByRole('heading', { name: /на Ленинской$/, level: 1 }).waitFor();
      await page.getByTestId('center-event').first().waitFor();
    },
  },
  {
    name: 'technological portal: «Добавить центр обслуживания»',
    path: '/tech/centers/new',
    heading: 'Добавить центр обслуживания',
    as: 'cspnOfficer',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Сохранить' }).waitFor();
      // the regions' outlines drawn on the map (besides the graticule's few lines)
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="location-map"] path').length > 80,
      );
    },
  },
  {
    name: 'technological portal: «Редактировать», with an error shown',
    path: '/tech/centers',
    heading: 'Центры обслуживания',
    as: 'cspnOfficer',
    reach: async (page) => {
      await page.getByRole('link', { name: /в Елизово$/ }).click();
      await page.getByRole('link', { name: 'Редактировать' }).click();
      await page.getByRole('heading', { name: 'Редактирование центра обслуживания', level: 1 }).waitFor();
      const monday = page.getByRole('group', { name: 'Понедельник', exact: true });
      await monday.getByRole('checkbox', { name: 'Выходной' }).uncheck();
      await field(monday, 'до').fill('08:00');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByTestId('form-message').waitFor();
    },
  },
  {
    name: 'technological portal, refused to an employee outside its group',
    path: '/tech/centers',
    heading: 'Центры обслуживания',
    as: 'mfcEmployee',
    reach: async (page) => {
      await page.getByTestId('tech-forbidden').waitFor();
    },
  },
  // «Информационные системы» (issue 13): the demo ЦСПН's system, registered in beforeAll.
  {
    name: 'technological portal: «Информационные системы»',
    path: '/tech/systems',
    heading: 'Информационные системы',
    as: 'cspnOfficer',
    reach: async (page) => {
      await page.getByTestId('system-card').first().waitFor();
    },
  },
  {
    name: 'technological portal: a system’s page',
    path: `/tech/systems/${CSPN_SYSTEM}`,
    heading: 'Портал мер социальной поддержки Камчатского края',
    as: 'cspnOfficer',
  },
  {
    name: 'technological portal: «Добавить информационную систему», with errors shown',
    path: '/tech/systems/new',
    heading: 'Добавить информационную систему',
    as: 'cspnOfficer',
    reach: async (page) => {
      await page.getByRole('radio', { name: 'Подпись ключом системы (private_key_jwt)' }).check();
      await page.getByRole('textbox', { name: 'Адрес возврата 1' }).fill('http://example.ru/#cb');
      await page.getByRole('button', { name: 'Добавить адрес' }).last().click();
      await page.getByRole('button', { name: 'Зарегистрировать систему' }).click();
      await page.getByTestId('form-message').waitFor();
    },
  },
  {
    name: 'registry: «Информационные системы»',
    path: '/registry/systems',
    heading: 'Информационные системы',
    as: 'operator',
    reach: async (page) => {
      await page.getByTestId('federal-system').nth(1).waitFor();
    },
  },
  {
    name: 'registry: a system on approval',
    path: `/registry/systems/${CSPN_SYSTEM}`,
    heading: 'Портал мер социальной поддержки Камчатского края',
    as: 'operator',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Одобрить' }).waitFor();
    },
  },
  {
    name: 'registry: «Заблокировать» a system, the reason asked',
    path: '/registry/systems/DEMO_PORTAL',
    heading: 'Портал услуг (демо)',
    as: 'operator',
    reach: async (page) => {
      await page.getByRole('button', { name: 'Заблокировать' }).click();
      await page.getByRole('dialog', { name: 'Заблокировать информационную систему' }).waitFor();
    },
  },
  {
    name: 'registry: «Информационные системы», refused to a regional operator',
    path: '/registry/systems',
    heading: 'Информационные системы',
    as: 'regionalOperator',
    reach: async (page) => {
      await page.getByText('Нет доступа к информационным системам').waitFor();
    },
  },
  {
    name: 'technological portal, acting as a private person',
    path: '/tech/centers',
    heading: 'Технологический портал',
    as: 'confirmed',
    reach: async (page) => {
      await page.getByRole('main').getByRole('button', { name: 'Частное лицо' }).waitFor();
    },
  },
  {
    name: 'map of service centers',
    path: '/public/ra',
    heading: 'Карта центров обслуживания',
    reach: async (page) => {
      await page.locator('.map-pin, .map-cluster').first().waitFor();
    },
  },
  {
    name: 'map of service centers: a center’s card',
    path: '/public/ra?region=41',
    heading: 'Карта центров обслуживания',
    reach: async (page) => {
      await page.goto(`/public/ra?region=41&center=${demoCenterId}`);
      await page.getByRole('link', { name: 'Пожаловаться на центр обслуживания' }).first().waitFor();
    },
  },
  {
    name: 'map of service centers «Списком»',
    path: '/public/ra?view=list',
    heading: 'Карта центров обслуживания',
    reach: async (page) => {
      await page
        .getByRole('button', { name: /^Подробнее: / })
        .first()
        .click();
      await page.getByText('Режим работы').first().waitFor();
    },
  },
  { name: 'dev outbox', path: '/dev/outbox', heading: 'Отправленные сообщения (симулятор)' },
  { name: 'not found', path: '/no-such-page', heading: 'Страница не найдена' },
];

/** Registers CSPN_SYSTEM as the demo ЦСПН's technical officer would, through the service. */
async function registerCspnSystem(e2e: E2E): Promise<void> {
  const organization = (await findLiveOrganizationByOgrn(e2e.system.database.db, cspn.ogrn))!;
  const officer = (await findAccountByVerifiedContact(
    e2e.system.database.db,
    'email',
    account.cspnOfficer.login,
  ))!.id;
  await e2e.system.services.oidcRegistry.register(
    {
      kind: 'organization_member',
      personId: officer,
      organizationId: organization.id,
      roles: ['administrator'],
      groups: ['tech_portal'],
    },
    {
      clientId: CSPN_SYSTEM,
      name: 'Портал мер социальной поддержки Камчатского края',
      redirectUris: ['https://social.kamgov.example.ru/esia/callback'],
      postLogoutRedirectUris: [],
      scopes: ['openid', 'fullname', 'snils', 'birthdate'],
      authMethod: 'client_secret_basic',
    },
    { ip: null },
  );
}

/** A center of the demo ЦСПН (its Форма З approved by the seed), for the map's pages. */
let demoCenterId = '';

/** The demo ЦСПН's active center, which the seed adds through the technological portal's service. */
async function seededCenterId(e2e: E2E): Promise<string> {
  const cspn = demoOrganizations.find((o) => o.regionCode === '41' && !o.operatorOfRegion)!;
  const organization = (await findLiveOrganizationByOgrn(e2e.system.database.db, cspn.ogrn))!;
  const centers = await listCenters(e2e.system.database.db, organization.id);
  return centers.find((c) => c.status === 'active')!.id;
}

async function startRegistration(page: Page, e2e: E2E) {
  const phoneNumber = uniquePhone();
  await field(page, 'Фамилия').fill('Смирнова');
  await field(page, 'Имя').fill('Ольга');
  await field(page, 'Мобильный телефон').fill(phoneNumber);
  const since = e2e.system.clock.now();
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await field(page, 'Код').waitFor();
  return { phoneNumber, since };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** signs `who` in once in a context of its own and returns that context's cookies */
async function sessionOf(browser: Browser, url: string, who: Who) {
  return withContext(
    browser,
    { baseURL: url, locale: 'ru-RU', viewport: desktopScreen },
    async ({ context, page }) => {
      await page.goto('/login');
      await field(page, 'Телефон, почта или СНИЛС').fill(account[who].login);
      await field(page, 'Пароль').fill(account[who].password);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.waitForURL('**/profile');
      const organization = actsFor[who];
      if (organization) {
        // acting for the organization is part of the server's session, kept with the cookie
        await page.goto('/organization');
        await page
          .getByRole('button', {
            name: new RegExp(`Войти как сотрудник организации.*${escapeRegExp(organization)}`),
          })
          .click();
        await page.getByRole('heading', { name: organization, level: 1 }).waitFor();
      }
      return await context.storageState();
    },
  );
}

describe('every page fits a phone and passes axe', () => {
  let e2e: E2E;
  /** each demo person signed in once: the sign-in replaces a person's previous session */
  const sessions = new Map<Who, Awaited<ReturnType<BrowserContext['storageState']>>>();

  beforeAll(async () => {
    e2e = await startE2E();
    await seedDemoData(e2e.system);
    // centers of the demo МФЦ for the centers' report: two at one address, one whose phone dials nowhere
    const mfcRow = (await findLiveOrganizationByOgrn(e2e.system.database.db, mfc.ogrn))!;
    for (const options of [
      { address: '160000, г. Вологда, ул. Мира, д. 12', status: 'inactive' as const },
      { address: 'Вологда, улица Мира, дом 12' },
      { phone: '+70001234567', name: 'Центр обслуживания на Козлёнской улице' },
    ])
      await insertTestCenter(
        e2e.system,
        { id: mfcRow.id, createdBy: mfcRow.registeredBy },
        { regionCode: '35', status: 'active' as const, ...options },
      );
    demoCenterId = await seededCenterId(e2e);
    await registerCspnSystem(e2e);
    // two at a time: different people, so one's sign-in does not replace another's session
    const people = Object.keys(account) as Who[];
    const signIn = async (): Promise<void> => {
      const who = people.shift();
      if (!who) return;
      sessions.set(who, await sessionOf(e2e.browser, e2e.system.url, who));
      await signIn();
    };
    await Promise.all([signIn(), signIn()]);
  });
  afterAll(async () => e2e?.close());

  /**
   * The page opened once at phone size, measured, then widened to a laptop and measured again:
   * the layout reflows on resize as on a real screen, and one context per page keeps the walk fast.
   */
  async function check(c: PageCase, expect: ExpectStatic) {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        locale: 'ru-RU',
        viewport: phoneScreen,
        storageState: c.as ? sessions.get(c.as) : undefined,
      },
      async ({ context, page }) => {
        context.setDefaultTimeout(15_000);
        await page.goto(c.path);
        await page.getByRole('heading', { name: c.heading, level: 1 }).first().waitFor();
        await c.reach?.(page, e2e);
        await page.waitForLoadState('networkidle');
        for (const [size, label] of [
          [phoneScreen, 'phone'],
          [desktopScreen, 'desktop'],
        ] as const) {
          await page.setViewportSize(size);
          await settled(page);
          const name = `every-page-${c.name.replace(/[^a-zа-яё0-9]+/gi, '-')}-${label}`;
          await e2e.shot(name, page);
          expect(await layoutProblems(page), `${c.name} at ${label}`).toEqual([]);
          expect(await seriousViolations(page), `${c.name} at ${label}`).toEqual([]);
        }
      },
    );
  }

  // Two pages at a time (vitest.config.ts, maxConcurrency of e2e): each in its own context, one
  // waits for the network or the server while the other renders.
  for (const c of pages) {
    it.concurrent(c.name, async ({ expect }) => {
      await check(c, expect);
    });
  }

  it('home on a phone: «Зарегистрироваться» and «Войти» in sight, the menu button named and telling its state', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        locale: 'ru-RU',
        viewport: phoneScreen,
      },
      async ({ page }) => {
        await page.goto('/');
        const menu = page.getByRole('button', { name: 'Меню' });
        await menu.waitFor();
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        for (const name of ['Зарегистрироваться', 'Войти']) {
          // visible without opening the menu; the closed menu's own links are inert
          await page.getByRole('link', { name, exact: true }).first().waitFor({ state: 'visible' });
        }
        // Closed, the menu is off the screen and inert: out of the tab order and the accessibility tree.
        const inert = () => page.locator('#main-menu').evaluate((nav) => (nav as HTMLElement).inert);
        expect(await inert()).toBe(true);

        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        expect(await inert()).toBe(false);
        const nav = page.getByRole('navigation', { name: 'Меню' });
        await nav.getByRole('link', { name: 'Зарегистрироваться' }).waitFor({ state: 'visible' });
        await e2e.shot('every-page-home-menu-phone', page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
      },
    );
  });

  it('demo accounts on a phone: every password on the screen without scrolling sideways', async () => {
    await withContext(
      e2e.browser,
      {
        baseURL: e2e.system.url,
        locale: 'ru-RU',
        viewport: phoneScreen,
      },
      async ({ page }) => {
        await page.goto('/');
        for (const a of demoAccounts) {
          const password = page.getByText(a.password, { exact: true }).filter({ visible: true });
          await password.waitFor();
          const box = (await password.boundingBox())!;
          expect(box.x, a.password).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, a.password).toBeLessThanOrEqual(phoneScreen.width);
        }
      },
    );
  });
});
