import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type RunningServer } from './server-process.ts';
import { launchChromium, screenshot, signIn } from './browser.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function asRole(role: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const email = server.accounts[role];
  if (!email) throw new Error(`no demo account for ${role}: ${JSON.stringify(server.accounts)}`);
  await signIn(page, server.url, email, server.demoPassword);
  return { context, page };
}

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((t) => t.trim());

describe('the demo organisation in Chromium', () => {
  it('refuses a wrong password with the generic message and stays on sign-in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/people`);
    await page.waitForURL(/\/sign-in/u);
    await page.getByLabel('Email').fill(server.accounts.employee!);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('The email or password is not correct').count()).toBeGreaterThan(0);
    await screenshot(page, 'sign-in-failed');
    await context.close();
  });

  it('shows an employee their profile and the directory, and nothing administrative', async () => {
    const { context, page } = await asRole('employee');
    const employeeNav = await navLinks(page);
    expect(employeeNav).toEqual(expect.arrayContaining(['My profile', 'Reviews', 'Directory']));
    for (const hidden of ['My team', 'Calibration', 'Pipeline', 'Analytics', 'Import people', 'Users']) expect(employeeNav).not.toContain(hidden);
    await expect.poll(() => page.getByText('SDE II').count()).toBeGreaterThan(0);
    await screenshot(page, 'employee-profile');

    await page.getByRole('link', { name: 'Directory' }).click();
    await page.getByLabel('Search people').fill('Software Development Manager');
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(1);
    await screenshot(page, 'employee-directory');

    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    const api = await page.evaluate(async () => (await fetch('/api/accounts')).status);
    expect(api).toBe(403);
    await context.close();
  });

  it('shows a manager their team with levels and hire dates', async () => {
    const { context, page } = await asRole('manager');
    const managerNav = await navLinks(page);
    expect(managerNav).toEqual(expect.arrayContaining(['My profile', 'Reviews', 'My team', 'Calibration', 'Directory']));
    for (const hidden of ['Analytics', 'Import people', 'Users']) expect(managerNav).not.toContain(hidden);
    await page.getByRole('link', { name: 'My team' }).click();
    await page.getByRole('heading', { name: 'My team' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('tbody').textContent()).toMatch(/L5|SDE II/u);
    await screenshot(page, 'manager-team');
    await context.close();
  });

  it('shows an HR partner demographic attributes on a person page', async () => {
    const { context, page } = await asRole('hr');
    await page.getByRole('link', { name: 'Directory' }).click();
    await page.getByLabel('Search people').fill('Software Development Manager');
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(1);
    await page.locator('tbody tr a').first().click();
    await page.getByTestId('demographics').waitFor();
    await expect.poll(async () => (await page.getByTestId('demographics').textContent()) ?? '').toMatch(/gender/iu);
    await screenshot(page, 'hr-person-demographics');
    await context.close();
  });

  it('lets an admin check an import and see every problem row by row, then manage users', async () => {
    const { context, page } = await asRole('admin');
    const adminNav = await navLinks(page);
    expect(adminNav).toEqual(expect.arrayContaining(['My profile', 'Reviews', 'Calibration', 'Directory', 'Import people', 'Users']));
    expect(adminNav).not.toContain('My team');
    await page.getByRole('link', { name: 'Import people' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'bad people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('employee_id,name,email,manager_id,level,hire_date\nE1,Ann,not-an-email,,L5,2020-01-01\nE2,Bo,bo@x.test,E9,L99,2020-13-01\n'),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(4);
    expect(await page.locator('tbody').textContent()).toContain('manager E9 is not in the file');
    await screenshot(page, 'admin-import-errors');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await expect.poll(() => page.getByText('hr@highbar.demo').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-users');
    await context.close();
  });

  it('is usable on a phone', async () => {
    const { context, page } = await asRole('employee', { width: 390, height: 844 });
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'employee-profile-phone');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/u);
    await context.close();
  });
});
