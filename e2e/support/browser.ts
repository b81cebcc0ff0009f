import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { chromiumExecutable } from './chromium.js';
import {
  startTestSystem,
  type TestSystem,
  type TestSystemOptions,
} from '../../packages/server/test/support/system.js';

export { chromiumExecutable } from './chromium.js';

export const screenshotDir = join(import.meta.dirname, '../../test-results/screenshots');
/** Off in CI unless E2E_SCREENSHOTS=1 asks for them there too. */
const takeScreenshots = process.env.E2E_SCREENSHOTS === '1' || process.env.CI !== 'true';

export interface E2E {
  system: TestSystem;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** saves a full-page PNG under test-results/screenshots, to look at */
  shot(name: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

export async function startE2E(
  options: TestSystemOptions & { viewport?: { width: number; height: number } } = {},
): Promise<E2E> {
  const system = await startTestSystem({ ...options, serveWeb: true, listen: true });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(await chromiumExecutable());
    const context = await browser.newContext({
      baseURL: system.url,
      locale: 'ru-RU',
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    mkdirSync(screenshotDir, { recursive: true });
    const started = browser;
    return {
      system,
      browser,
      context,
      page,
      async shot(name, target = page) {
        // Screenshots are for people to open; CI has nobody to look at them and saves the time.
        if (!takeScreenshots) return;
        await target.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
      },
      async close() {
        try {
          await started.close();
        } finally {
          await system.stop();
        }
      },
    };
  } catch (error) {
    // A half-started setup would otherwise keep the server and Chromium alive past the file.
    await browser?.close().catch(() => {});
    await system.stop();
    throw error;
  }
}

/**
 * Runs `use` in a fresh browser context (with one page open) and closes the context whatever
 * happens: a failing assertion must not leave its pages and cookies running into the next test.
 * Every extra context of a spec goes through here; only `startE2E`'s own context lives for the file.
 */
export async function withContext<T>(
  browser: Browser,
  options: BrowserContextOptions,
  use: (opened: { context: BrowserContext; page: Page }) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await use({ context, page: await context.newPage() });
  } finally {
    await context.close();
  }
}
