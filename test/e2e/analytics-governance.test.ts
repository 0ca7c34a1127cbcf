import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type RunningServer } from './server-process.ts';
import { launchChromium, screenshot, signIn } from './browser.ts';

/**
 * The governance analyses in Chromium against the real `serve --demo`: the demo HR partner opens
 * Sustainable work and sees the demo teams' signals, never a person; then Governance, where the
 * URA check of the demo cycle answers with its organisations and findings.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  const email = server.accounts.hr;
  if (!email) throw new Error(`no demo HR partner: ${JSON.stringify(server.accounts)}`);
  await signIn(page, server.url, email, server.demoPassword);
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('governance analytics in Chromium', () => {
  it('shows sustainable-work signals per team, with no person in them', async () => {
    await page.goto(`${server.url}/analytics/sustainable-work`);
    await page.getByRole('heading', { name: 'Sustainable work' }).waitFor();
    await page.getByRole('button', { name: 'Show signals' }).click();
    const table = page.getByRole('table', { name: 'Sustainable-work signals per team' });
    await table.waitFor();
    const findings = page.getByRole('region', { name: 'Findings' });
    await expect.poll(async () => (await findings.textContent()) ?? '').toMatch(/never a measure of a person/u);
    expect(await table.textContent()).not.toMatch(/@/u);
    await screenshot(page, 'analytics-sustainable-work');
  });

  it('checks URA governance of the demo cycle in words', async () => {
    await page.getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('heading', { name: 'Governance', level: 1 }).waitFor();
    const ura = page.getByRole('region', { name: 'URA governance' });
    // The demo cycle is in the list once the cycles have loaded.
    await expect.poll(() => ura.getByRole('combobox', { name: 'Cycle' }).locator('option').count()).toBeGreaterThan(0);
    await ura.getByRole('button', { name: 'Check' }).click();
    await expect.poll(async () => (await ura.textContent()) ?? '', { timeout: 30_000 }).toMatch(/An association is not proof of cause/u);
    await screenshot(page, 'analytics-governance-ura');
  });
});
