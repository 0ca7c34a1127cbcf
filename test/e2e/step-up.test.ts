import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useDemoBrowser } from './demo-browser.ts';

/**
 * Re-authentication in Chromium. The demo server runs with a step-up window of a few seconds
 * (HIGHBAR_STEP_UP_WINDOW_SECONDS, the operator's setting) so the test can let the sign-in's
 * password proof go stale by waiting, as a user would by leaving the tab for 15 minutes.
 */

const WINDOW_SECONDS = 6;
const demo = useDemoBrowser({ server: { env: { HIGHBAR_STEP_UP_WINDOW_SECONDS: String(WINDOW_SECONDS) } } });
const signedIn = (role: string, viewport: { width: number; height: number }) => demo.asRole(role, viewport);

/** Lets the sign-in's password proof age past the window. */
const waitUntilStale = (page: Page) => page.waitForTimeout((WINDOW_SECONDS + 1) * 1000);

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Confirm your password' });

describe('re-authentication before pipeline and calibration records', () => {
  it('asks HR for the password on the pipeline board once the proof is stale, refuses a wrong one, then shows the board', async () => {
    const page = await signedIn('hr', { width: 1280, height: 900 });
    await waitUntilStale(page);
    await page.goto(`${demo.server.url}/pipeline`);

    const dialog = dialogOf(page);
    await dialog.waitFor();
    // A native modal: the page behind is inert, focus starts on the password field.
    expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('current-password');
    await expect.poll(() => dialog.getAttribute('aria-describedby')).toBeTruthy();
    // Tab stays inside the dialog.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    }
    await expect.poll(() => page.getByTestId('board-stages').count()).toBe(0);
    await screenshot(page, 'step-up-01-dialog');

    await dialog.getByLabel('Password').fill('not the password');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByTestId('problem').waitFor();
    expect(await dialog.getByTestId('problem').textContent()).toContain('not correct');
    expect(await dialog.isVisible()).toBe(true);

    await dialog.getByLabel('Password').fill(demo.server.demoPassword);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    // The refused requests were retried: the board is there, with no error and no dialog.
    await page.getByTestId('board-stages').waitFor();
    await page.getByTestId('case-list').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await page.getByTestId('problem').count()).toBe(0);
    expect(page.url()).toBe(`${demo.server.url}/pipeline`);
    await screenshot(page, 'step-up-02-board');
  });

  it('on a phone: Escape leaves the page explaining why, and the password later lands on calibration', async () => {
    const page = await signedIn('hr', { width: 390, height: 844 });
    await waitUntilStale(page);
    await page.goto(`${demo.server.url}/calibration`);
    const dialog = dialogOf(page);
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'step-up-03-phone-dialog');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByTestId('problem').first().waitFor();
    expect(await page.getByTestId('problem').first().textContent()).toContain('confirm your password');
    // Still signed in: cancelling is not signing out.
    expect(page.url()).toBe(`${demo.server.url}/calibration`);

    await page.reload();
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill(demo.server.demoPassword);
    await dialog.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Calibration sessions' }).waitFor();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId('problem').count()).toBe(0);
    await screenshot(page, 'step-up-04-phone-calibration');
  });
});
