import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutable, withContext } from './browser.js';

describe('withContext', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch(await chromiumExecutable());
  });
  afterAll(async () => browser?.close());

  it('hands over an open page and closes its context after use, returning what use returned', async () => {
    const seen = await withContext(browser, { locale: 'ru-RU' }, async ({ context, page }) => {
      expect(browser.contexts()).toEqual([context]);
      expect(context.pages()).toEqual([page]);
      return page.evaluate(() => navigator.language);
    });
    expect(seen).toBe('ru-RU');
    expect(browser.contexts()).toEqual([]);
  });

  it('closes the context when a test fails inside it, and the failure still reaches the test', async () => {
    const failure = new Error('an assertion failed');
    await expect(
      withContext(browser, {}, async ({ context }) => {
        await context.newPage();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(browser.contexts()).toEqual([]);
  });
});
