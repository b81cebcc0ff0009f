import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  startTestSystem,
  type TestSystem,
  type TestSystemOptions,
} from '../../packages/server/test/support/system.js';

/** Debian's Chromium; no browser is downloaded (the machine has no internet). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join(import.meta.dirname, '../../test-results/screenshots');

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
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    baseURL: system.url,
    locale: 'ru-RU',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  mkdirSync(screenshotDir, { recursive: true });
  return {
    system,
    browser,
    context,
    page,
    async shot(name, target = page) {
      await target.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await system.stop();
    },
  };
}
