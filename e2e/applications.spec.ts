import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaints } from '../packages/server/src/db/schema/index.js';
import {
  DEMO_CERTIFICATE_PIN,
  demoAccounts,
  demoOrganizations,
  seedDemoData,
} from '../packages/server/src/db/seed.js';
import { desktopScreen, layoutProblems, phoneScreen, seriousViolations } from './support/audit.js';
import { startE2E, type E2E } from './support/browser.js';

/**
 * Applications Форма З and Форма И in Chromium, by the Russian labels (issue 10): the demo МФЦ's
 * head fills Форма З and signs it with the head's certificate, the regional operator of Вологодская
 * область returns it with a remark, it is fixed and signed again and forwarded, the federal operator
 * approves it, «Специалисты по подтверждению личности» opens in «Доступ к системам» and the opening
 * plan shows its control event reached; then the same for Форма И and «Специалисты по регистрации
 * и подтверждению». Then a visitor complains about the МФЦ, the complaint stays unanswered past its
 * deadline, the federal operator sees it overdue and blocks the organization: both groups lock.
 */

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
const login = (l: string) => demoAccounts.find((a) => a.login === l)!;
const mfc = demoOrganizations.find((o) => o.type === 'mfc')!;
const electronicRegion = demoOrganizations.find((o) => o.operatorOfRegion === '35')!;
const federal = demoAccounts.find((a) => a.title.startsWith('Оператор ЕСИА'))!;

async function signedIn(
  browser: Browser,
  url: string,
  who: { login: string; password: string },
  actsFor?: string,
) {
  const context = await browser.newContext({ baseURL: url, locale: 'ru-RU', viewport: desktopScreen });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto('/login');
  await field(page, 'Телефон, почта или СНИЛС').fill(who.login);
  await field(page, 'Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForURL('**/profile');
  if (actsFor) {
    await page.goto('/organization');
    await page
      .getByRole('button', {
        name: new RegExp(
          `Войти как сотрудник организации.*${actsFor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      })
      .click();
    await page.getByRole('heading', { name: actsFor, level: 1 }).waitFor();
  }
  return page;
}

async function checkLayout(page: Page, label: string) {
  for (const size of [phoneScreen, desktopScreen]) {
    await page.setViewportSize(size);
    expect(await layoutProblems(page), `${label} ${size.width}`).toEqual([]);
    expect(await seriousViolations(page), `${label} ${size.width}`).toEqual([]);
  }
}

describe('applications Форма З and Форма И in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await seedDemoData(e2e.system);
  });
  afterAll(async () => e2e?.close());

  /** The head signs the open application with the certificate loaded in the browser. */
  async function signAndSend(head: Page) {
    await head.getByRole('button', { name: 'Подписать и отправить' }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByText('Вы подписываете').waitFor();
    await dialog.getByLabel(/^PIN-код/).fill(DEMO_CERTIFICATE_PIN);
    await dialog.getByRole('button', { name: 'Подписать' }).click();
    await head.getByText('На проверке у регионального оператора').first().waitFor();
  }

  /** An operator opens the first application of the organization in the queue at `path`. */
  async function openQueued(operator: Page, path: string, form: 'З' | 'И') {
    await operator.goto(path);
    await operator.getByRole('link', { name: `Заявка по форме ${form}: ${mfc.shortName}` }).click();
    await operator.getByRole('heading', { name: `Заявка по форме ${form}`, level: 1 }).waitFor();
  }

  it('goes from the organization through both operators, and the groups open with each approval', async () => {
    const head = await signedIn(e2e.browser, e2e.system.url, login('gromova@mfc35.example'), mfc.shortName);
    const regional = await signedIn(
      e2e.browser,
      e2e.system.url,
      login('operator@gov35.example'),
      electronicRegion.shortName,
    );
    const operator = await signedIn(e2e.browser, e2e.system.url, federal);

    // ---- The head's certificate of the demo МФЦ, loaded into the browser ----
    const certificate = await head.request.get(`/api/demo/head-certificates/${mfc.ogrn}`);
    expect(certificate.status()).toBe(200);
    await head.goto('/signature/keys');
    const load = head.getByRole('region', { name: 'Загрузить файл ключа' });
    await load.locator('input[type="file"]').setInputFiles({
      name: 'head.p12',
      mimeType: 'application/x-pkcs12',
      buffer: Buffer.from(await certificate.body()),
    });
    await load.getByRole('button', { name: 'Загрузить' }).click();
    await load.getByText('Ключ сохранён в браузере').waitFor();

    // ---- Форма З: a draft prefilled from the organization, the responsible person picked ----
    await head.goto('/organization?tab=applications');
    await head.getByRole('button', { name: 'Подать заявку по форме И' }).waitFor();
    expect(await head.getByRole('button', { name: 'Подать заявку по форме И' }).isDisabled()).toBe(true);
    await head.getByRole('button', { name: 'Подать заявку по форме З' }).click();
    await head.getByRole('heading', { name: 'Заявка по форме З', level: 1 }).waitFor();
    expect(await field(head, 'ОГРН').inputValue()).toBe(mfc.ogrn);
    await head.getByRole('combobox', { name: 'Сотрудник' }).fill('Бел');
    await head.getByRole('option', { name: 'Белова Ольга Петровна' }).click();
    expect(await field(head, 'Фамилия').inputValue()).toBe('Белова');
    await field(head, 'Должность').fill('Начальник отдела');
    await field(head, 'Рабочий телефон').fill('8172230001');
    await field(head, 'Мобильный телефон').fill('+7 921 000-00-01');
    await head.getByRole('button', { name: 'Сохранить черновик' }).click();
    await head.getByText('Черновик сохранён.').waitFor();
    await checkLayout(head, 'application draft');
    await e2e.shot('application-draft', head);
    await signAndSend(head);

    // ---- The regional operator returns it with a remark ----
    await openQueued(regional, '/regional-operator/applications', 'З');
    await e2e.shot('application-regional-review', regional);
    await regional.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await field(regional, 'Замечания').fill('Укажите рабочий телефон с кодом города.');
    await regional.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await regional.getByRole('status').filter({ hasText: 'возвращена на доработку' }).waitFor();

    // ---- The head sees the remark, fixes the form and signs the new version ----
    await head.reload();
    await head.getByText('Замечания регионального оператора').waitFor();
    await head.getByText('Укажите рабочий телефон с кодом города.').first().waitFor();
    await field(head, 'Рабочий телефон').fill('+7 (8172) 23-00-01');
    await signAndSend(head);
    await head.getByText('Версия 2', { exact: true }).waitFor();
    await head.getByText('Версия 1', { exact: true }).waitFor();

    // ---- Forwarded, approved ----
    await openQueued(regional, '/regional-operator/applications', 'З');
    await regional.getByRole('button', { name: 'Направить оператору ЕСИА' }).click();
    await regional.getByRole('status').filter({ hasText: 'направлена оператору ЕСИА' }).waitFor();
    await openQueued(operator, '/registry/applications', 'З');
    await checkLayout(operator, 'federal decision');
    await operator.getByRole('button', { name: 'Согласовать' }).click();
    await operator.getByText('Заявка согласована оператором ЕСИА.').waitFor();

    // ---- The group opens in «Доступ к системам» ----
    await head.goto('/organization?tab=access');
    const identity = head
      .getByTestId('access-group')
      .filter({ hasText: 'Специалисты по подтверждению личности' });
    await identity.getByRole('button', { name: /^Участники/ }).waitFor();
    const registration = head
      .getByTestId('access-group')
      .filter({ hasText: 'Специалисты по регистрации и подтверждению' });
    await registration.getByText('Недоступна', { exact: true }).waitFor();

    // ---- The opening plan shows the control event of step 3 reached, the next one not ----
    await head.goto('/organization?tab=plan');
    const steps = head.getByTestId('plan-step');
    await steps
      .nth(2)
      .getByText(/достигнуто \d{2}\.\d{2}\.\d{4}/)
      .waitFor();
    expect(await steps.nth(3).innerText()).toContain('не достигнуто');
    await e2e.shot('application-plan-form-z', head);

    // ---- Форма И, now offered: the same route, without a return ----
    await head.goto('/organization?tab=applications');
    await head.getByRole('button', { name: 'Подать заявку по форме И' }).click();
    await head.getByRole('heading', { name: 'Заявка по форме И', level: 1 }).waitFor();
    await head.getByRole('combobox', { name: 'Сотрудник' }).fill('Бел');
    await head.getByRole('option', { name: 'Белова Ольга Петровна' }).click();
    await field(head, 'Должность').fill('Начальник отдела');
    await field(head, 'Рабочий телефон').fill('+7 (8172) 23-00-01');
    await field(head, 'Мобильный телефон').fill('+7 921 000-00-01');
    await signAndSend(head);
    await openQueued(regional, '/regional-operator/applications', 'И');
    await regional.getByRole('button', { name: 'Направить оператору ЕСИА' }).click();
    await regional.getByRole('status').filter({ hasText: 'направлена оператору ЕСИА' }).waitFor();
    await openQueued(operator, '/registry/applications', 'И');
    await operator.getByRole('button', { name: 'Согласовать' }).click();
    await operator.getByText('Заявка согласована оператором ЕСИА.').waitFor();
    await head.goto('/organization?tab=access');
    await registration.getByRole('button', { name: /^Участники/ }).waitFor();
    await e2e.shot('application-groups-open', head);
    await head.goto('/organization?tab=plan');
    await head
      .getByTestId('plan-step')
      .nth(3)
      .getByText(/достигнуто \d{2}\.\d{2}\.\d{4}/)
      .waitFor();

    // ---- A complaint, left unanswered past its deadline, leads to blocking: the groups lock ----
    const visitor = await e2e.browser.newContext({ baseURL: e2e.system.url, locale: 'ru-RU' });
    const complainant = await visitor.newPage();
    complainant.setDefaultTimeout(15_000);
    await complainant.goto('/complaint');
    await complainant
      .getByRole('heading', { name: 'Пожаловаться на центр обслуживания', level: 1 })
      .waitFor();
    // Sent empty: each field says what is missing, in a red that passes contrast (WCAG 1.4.3).
    await complainant.getByRole('button', { name: 'Отправить жалобу' }).click();
    await complainant.locator('.mantine-InputWrapper-error').first().waitFor();
    expect(await seriousViolations(complainant)).toEqual([]);
    await complainant.getByRole('combobox', { name: /^Организация/ }).fill('МФЦ');
    await complainant.getByRole('option', { name: mfc.shortName }).click();
    await complainant.getByRole('combobox', { name: /^Что случилось/ }).click();
    await complainant.getByRole('option', { name: 'Долгое ожидание приёма' }).click();
    const complaintText = 'Прождала в очереди три часа, подтверждение так и не сделали.';
    await field(complainant, 'Текст жалобы').fill(complaintText);
    await complainant.getByRole('button', { name: 'Отправить жалобу' }).click();
    await complainant.getByText('Запомните номер жалобы').waitFor();
    await visitor.close();
    // The answer is due in COMPLAINT_ANSWER_DAYS; the days pass here by moving the due date back.
    await e2e.system.database.db
      .update(complaints)
      .set({ answerDueAt: new Date(Date.now() - 3_600_000) })
      .where(eq(complaints.text, complaintText));

    await operator.goto('/registry/complaints');
    await operator.getByText(/^Просроченные/).click();
    await operator.getByText(complaintText).waitFor();
    await e2e.shot('complaint-overdue-federal', operator);
    await operator.goto('/registry/organizations');
    await field(operator, 'Поиск').fill(mfc.ogrn);
    await operator.getByRole('button', { name: `Заблокировать ${mfc.shortName}` }).click();
    const blockDialog = operator.getByRole('dialog');
    await blockDialog
      .getByLabel(/^Причина блокировки/)
      .fill('Жалобы граждан остаются без ответа в установленный срок.');
    await blockDialog.getByRole('button', { name: 'Заблокировать' }).click();
    await operator.getByRole('button', { name: `Снять блокировку ${mfc.shortName}` }).waitFor();

    await head.goto('/organization?tab=access');
    await head.getByText('Жалобы граждан остаются без ответа в установленный срок.').first().waitFor();
    for (const group of [identity, registration]) {
      await group.getByText('Недоступна', { exact: true }).waitFor();
      expect(await group.getByTestId('lock-reason').innerText()).toContain('заблокировал');
    }
    await e2e.shot('organization-blocked', head);
  });
});
