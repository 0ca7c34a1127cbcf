import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { apiGet, useDemoBrowser } from './demo-browser.ts';

/**
 * HR opens a calibration session from the Calibration page, against the real `serve --demo`:
 * chooses a cycle and an organisation by its leader, sees the suggested calibrators ticked and
 * how many proposals are ready, and lands on the new session's board.
 */
const demo = useDemoBrowser();

describe('opening a calibration session in Chromium', () => {
  it('lets an HR partner open a session for an organisation from the form', async () => {
    const leader = await demo.asRole('manager');
    const me = await apiGet<{ personId: number; name: string }>(leader, '/api/me');
    const leaderName = (await apiGet<{ name: string }>(leader, `/api/people/${me.personId}`)).name;

    const page = await demo.asRole('hr');
    await page.goto(`${demo.server.url}/calibration`);
    const form = page.getByTestId('open-session');
    await form.waitFor();
    await form.getByLabel('Organisation').fill(demo.demoEmail('manager'));
    await form.getByRole('button', { name: /^Choose/u }).first().click();
    await form.getByText(`Organisation of ${leaderName}`).waitFor();
    const calibrators = form.getByRole('group', { name: 'Calibrators' });
    await calibrators.waitFor();
    await expect.poll(async () => (await form.getByTestId('proposals-ready').textContent()) ?? '').toMatch(/ready for this session/u);
    const leaderBox = calibrators.getByRole('checkbox', { name: leaderName });
    expect(await leaderBox.isChecked()).toBe(true);
    expect(await form.getByLabel('Session name').inputValue()).toBe(`${leaderName}’s organisation`);
    await form.getByLabel('Session name').fill(`Second look ${Date.now().toString(36)}`);
    await form.getByLabel('Blind first pass').selectOption('no');
    await screenshot(page, 'calibration-open-session');

    await form.getByRole('button', { name: 'Open the session' }).click();
    await page.waitForURL(/\/calibration\/\d+$/u);
    await page.getByText('On the board').first().waitFor();
  });
});
