import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * The viewport sizes every page is checked at: a common phone (iPhone 12-15) and a laptop. Named
 * `…Screen` because in the specs `phone` is a citizen's phone number.
 */
export const phoneScreen = { width: 390, height: 844 };
export const desktopScreen = { width: 1280, height: 800 };

/**
 * Waits for transitions to end (a collapsing section, a fading alert), which would otherwise be
 * measured half-way; endless ones (a loader) are left spinning.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * What does not fit the screen: sideways scrolling of the page; each visible button whose label is
 * cut (its content wider than its box) or that reaches past the left or right edge; text past the
 * right edge outside a box that scrolls sideways. A menu moved off the screen while closed is
 * `inert`, so it is not counted.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  await settled(page);
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const pageWidth = document.scrollingElement!.scrollWidth;
    if (pageWidth > width) problems.push(`the page is ${pageWidth} px wide in a ${width} px window`);
    for (const button of document.querySelectorAll<HTMLElement>(
      'button, [role="button"], .mantine-Button-root',
    )) {
      if (!button.checkVisibility({ visibilityProperty: true }) || button.closest('[inert]')) continue;
      const name = (button.innerText || button.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
      const rect = button.getBoundingClientRect();
      if (button.scrollWidth > button.clientWidth) {
        problems.push(
          `button «${name}» is cut: ${button.scrollWidth} px of label in ${button.clientWidth} px`,
        );
      }
      if (rect.left < 0 || rect.right > width) {
        problems.push(
          `button «${name}» runs off the screen: ${Math.round(rect.left)}..${Math.round(rect.right)} px`,
        );
      }
    }
    // Text past the right edge that no sideways-scrolling box holds: cut by an overflow: hidden
    // ancestor (the page itself then does not scroll, so the first check misses it).
    const scrollsSideways = (element: Element | null): boolean => {
      for (let e = element; e && e !== document.documentElement; e = e.parentElement) {
        const overflow = getComputedStyle(e).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && e.scrollWidth > e.clientWidth) return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      const parent = node.parentElement;
      if (!text || !parent || !parent.checkVisibility({ visibilityProperty: true })) continue;
      if (parent.closest('[inert], .skip-link')) continue;
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width > 0 && rect.right > width + 1 && !scrollsSideways(parent)) {
        problems.push(`text «${text.slice(0, 40)}» runs off the screen to ${Math.round(rect.right)} px`);
      }
    }
    return problems;
  });
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line per element.
 * The page's Content-Security-Policy refuses inline scripts (so `addScriptTag` cannot add axe);
 * `evaluate` runs it through the DevTools protocol instead, leaving the policy as the citizen has it.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await settled(page);
  // Once per document (half a megabyte to parse): a page checked at two sizes keeps it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  // Every rule runs as before; only violations are reported in full (the rest is not read here,
  // and collecting every passing node is much of axe's time).
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`,
      ),
    );
}
