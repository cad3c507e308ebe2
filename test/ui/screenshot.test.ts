// The page at a laptop's size with a generated draft in the builder. It must fit 1366 px without
// sideways scrolling; `UPDATE_SCREENSHOT=1 npx vitest run test/ui/screenshot.test.ts` also writes
// docs/screenshot.png and docs/screenshot-phone.png (390×844) for the README.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { browserSuite, eventually, expectAccessible, HAVE_CHROMIUM, launchBrowser, openTab, startUiServer, type UiServer } from './browser.js';
import type { Browser } from 'playwright-core';

const DESCRIPTION = 'customers in Germany or France with more than 50 employees and no deal closed in the last 6 months who love kayaking';

describe.skipIf(!HAVE_CHROMIUM)(browserSuite('reviewer page on a laptop screen'), () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  });

  it('shows a generated draft at 1366×900 without sideways scrolling, every control labelled', async () => {
    const { page, problems } = await openTab(browser);
    await page.goto(`${server.url}/app?asOf=2026-11-01`);
    await page.getByLabel('API key').fill(server.keys.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Describe the audience').fill(DESCRIPTION);
    await page.getByRole('button', { name: 'Generate filter' }).click();
    await page.getByRole('heading', { name: 'Words that were not understood' }).waitFor();
    await eventually(() => page.locator('.preview .status').getAttribute('data-tone'), 'ok');
    await page.getByLabel('Segment title').fill('DACH-FR customers, no recent close');
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectAccessible(page, 'a generated draft on a laptop');

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    // Every control of the builder and the forms has a name a screen reader can say.
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabeled).toEqual([]);
    if (process.env.UPDATE_SCREENSHOT) {
      const file = path.join(PROJECT_ROOT, 'docs', 'screenshot.png');
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
    }
    // The same draft on a phone: one column, the count fixed at the bottom.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Amount of time for Deal close date').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the draft on a phone');
    if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: path.join(PROJECT_ROOT, 'docs', 'screenshot-phone.png') });
    expect(problems).toEqual([]);
  });
});
