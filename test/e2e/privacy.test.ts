import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startDemoServer, type RunningServer } from './server-process.ts';
import { launchChromium, screenshot, signIn } from './browser.ts';

/** "Download my data" on the profile page, in Chromium against the demo organisation. */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('the data export in the browser', () => {
  it('downloads the signed-in engineer’s data as one JSON file, with no peer author in any cycle', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.url, server.accounts.employee!, server.demoPassword);
    await page.goto(`${server.url}/`);
    const button = page.getByRole('button', { name: 'Download my data' });
    await button.waitFor();
    await screenshot(page, 'privacy-01-profile');

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^highbar-person-\d+\.json$/u);
    const document = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(document).toMatchObject({ format: 'highbar-person-export', version: 1 });
    expect(document.profile.email).toBe(server.accounts.employee);
    expect(document.cycles.length).toBeGreaterThan(0);
    expect(JSON.stringify(document.cycles)).not.toMatch(/"author/u);
    await page.getByText('Your data has been downloaded.').waitFor();
  });
});
