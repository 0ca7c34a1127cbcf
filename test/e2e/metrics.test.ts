import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type RunningServer } from './server-process.ts';
import { launchChromium, screenshot, signIn } from './browser.ts';

/**
 * The demo organisation's engineering metrics in Chromium against the real `serve --demo`: the
 * demo engineer opens Team metrics on their own team and sees the four keys with benchmark
 * levels and the monthly trend, opens the changes and the deployments behind the numbers, then
 * the SLO and AI adoption pages. Screenshots go to artifacts/screenshots/.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  const email = server.accounts.employee;
  if (!email) throw new Error(`no demo employee: ${JSON.stringify(server.accounts)}`);
  await signIn(page, server.url, email, server.demoPassword);
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('team metrics in Chromium', () => {
  it('shows the four keys of my team with their benchmark levels', async () => {
    await page.getByRole('link', { name: 'Team metrics' }).click();
    await page.getByRole('heading', { name: 'Team DORA metrics' }).waitFor();
    const keys = page.getByTestId('dora-key');
    await expect.poll(() => keys.count(), { timeout: 30_000 }).toBe(4);
    const names = await keys.locator('h2').allTextContents();
    expect(names).toEqual(['Deployment frequency', 'Lead time for changes', 'Change failure rate', 'Failed deployment recovery time']);
    // Every key has a value and a level from the demo's half year of events.
    for (const text of await keys.locator('.key-card__value').allTextContents()) expect(text).not.toMatch(/No incident data|—/u);
    expect(await keys.locator('.dora-level').allTextContents()).not.toContain('No level');
    await expect.poll(async () => (await page.getByTestId('team-picker').locator('option:checked').textContent()) ?? '').toContain('my team');
    await page.getByRole('heading', { name: 'Trend by month' }).waitFor();
    await screenshot(page, 'metrics-team-dashboard');
  });

  it('drills down to the changes and deployments behind the numbers', async () => {
    await page.getByRole('button', { name: 'Show the changes' }).click();
    const changes = page.getByTestId('drilldown-changes');
    await changes.waitFor();
    expect(await changes.locator('tbody tr').count()).toBeGreaterThan(5);
    await screenshot(page, 'metrics-drilldown-changes');
    await page.getByRole('button', { name: 'Deployments', exact: true }).click();
    const deployments = page.getByTestId('drilldown-deployments');
    await deployments.waitFor();
    expect(await deployments.locator('tbody tr').count()).toBeGreaterThan(5);
  });

  it('shows the SLOs of the team and the organisation’s AI adoption', async () => {
    await page.getByRole('link', { name: 'SLOs' }).click();
    const table = page.getByTestId('slo-table').first();
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'metrics-slos');
    // The operations section: vulnerabilities and tickets of both services, and pages per week.
    const operations = page.getByTestId('operations-table');
    await operations.waitFor();
    expect(await operations.locator('tbody tr').count()).toBe(4);
    await operations.scrollIntoViewIfNeeded();
    await screenshot(page, 'metrics-operations');
    await page.getByRole('link', { name: 'AI adoption' }).click();
    await page.getByTestId('ai-amazon-q').waitFor();
    await page.getByRole('heading', { name: 'My own usage' }).waitFor();
    await screenshot(page, 'metrics-ai-adoption');
  });

  it('lets an administrator map an unmapped identity and rotate a webhook secret', async () => {
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const adminPage = await admin.newPage();
      await signIn(adminPage, server.url, server.accounts.admin!, server.demoPassword);
      await adminPage.getByRole('link', { name: 'Metrics sources' }).click();
      const unmapped = adminPage.getByTestId('unmapped-identities');
      await unmapped.waitFor();
      const before = await unmapped.locator('tbody tr').count();
      expect(before).toBeGreaterThan(0);
      await unmapped.getByRole('button', { name: /^Map .* to a person$/u }).first().click();
      await adminPage.getByTestId('map-identity').getByRole('searchbox').fill(server.accounts.employee!.slice(0, 4));
      await adminPage.getByRole('button', { name: /^Map to / }).first().click();
      await adminPage.getByText(/now counts as/u).waitFor();
      await expect.poll(() => adminPage.getByTestId('unmapped-identities').locator('tbody tr').count().catch(() => 0)).toBe(before - 1);
      await adminPage.getByTestId('person-identities').getByText('PagerDuty user').waitFor();

      await adminPage.getByLabel('New source name').fill('github-deploys');
      await adminPage.getByRole('button', { name: 'Create source' }).click();
      await adminPage.getByTestId('webhook-secret').getByText(/whsec_/u).waitFor();
      await adminPage.getByRole('button', { name: 'Rotate secret of github-deploys' }).click();
      await adminPage.getByText(/The previous secret keeps working until/u).waitFor();
      await screenshot(adminPage, 'metrics-sources-admin');
    } finally {
      await admin.close();
    }
  });
});
