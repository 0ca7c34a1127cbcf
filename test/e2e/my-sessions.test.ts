import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { useDemoBrowser } from './demo-browser.ts';

/** "Where you're signed in" on the profile: two browsers, one signs the other out. */
const demo = useDemoBrowser();

describe('my sessions in Chromium', () => {
  it('shows both browsers and signs the other one out', async () => {
    const elsewhere = await demo.asRole('employee');
    const here = await demo.asRole('employee');
    await here.goto(`${demo.server.url}/`);
    const card = here.getByTestId('my-sessions');
    await card.getByText('this browser').waitFor();
    await expect.poll(() => card.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    await screenshot(here, 'profile-sessions');

    // This demo server has just these two sessions of the employee: one button, for the other.
    const otherButtons = card.getByRole('button', { name: /^End session/u });
    expect(await otherButtons.count()).toBe(1);
    await otherButtons.click();
    await card.getByText('That session has ended.').waitFor();
    await expect.poll(() => otherButtons.count()).toBe(0);

    await elsewhere.reload();
    await elsewhere.waitForURL(/\/sign-in/u);
    await here.reload();
    await here.getByTestId('my-sessions').getByText('this browser').waitFor();
  });
});
