import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type RunningServer } from './server-process.ts';
import { launchChromium, screenshot, signIn } from './browser.ts';

/**
 * HR edits cycles in Chromium against `serve --demo`: on a phone, in Kolkata's time zone (a
 * half-hour offset, so a wrong conversion cannot hide), HR creates a draft, renames it and moves
 * a deadline, is refused an out-of-order deadline beside the field, and deletes the draft. On a
 * launched cycle's dashboard, a passed deadline is shown but cannot be edited.
 */

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

const SUFFIX = Date.now().toString(36);
const DRAFT_NAME = `Cycle admin e2e ${SUFFIX}`;
const RENAMED = `Cycle admin renamed ${SUFFIX}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const KOLKATA_OFFSET_MS = 330 * 60_000;

type CycleJson = { id: number; name: string; status: string; phase: string; deadlines: Record<string, string> };
type PersonJson = { id: number; name: string; email: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function openAsHr(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: 'Asia/Kolkata', locale: 'en-GB' });
  contexts.push(context);
  const page = await context.newPage();
  const email = server.accounts['hr'];
  if (!email) throw new Error(`no demo HR account: ${JSON.stringify(server.accounts)}`);
  await signIn(page, server.url, email, server.demoPassword);
  return page;
}

/** A request in the page with its session, for setting up and checking the server's state. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers: Record<string, string> = method === 'GET' ? {} : { 'x-highbar-csrf': '1' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}

async function managerOfDemo(page: Page): Promise<PersonJson> {
  const email = server.accounts['manager']!;
  const found = await api<{ people: PersonJson[] }>(page, 'GET', `/api/people?q=${encodeURIComponent(email)}&limit=5`);
  const person = found.json.people.find((p) => p.email === email);
  if (!person) throw new Error(`nobody in the directory has ${email}`);
  return person;
}

/** The datetime-local value Kolkata's wall clock shows at an instant (no daylight saving there). */
const kolkataInput = (ms: number) => new Date(ms + KOLKATA_OFFSET_MS).toISOString().slice(0, 16);

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim());

/** The sentences that describe a form control for assistive technology (its hint and error). */
const descriptionOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

async function confirmIn(page: Page, button: string): Promise<string> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('HR edits and deletes cycles in Chromium', () => {
  it('renames a draft and moves a deadline, is refused an out-of-order one beside the field, then deletes the draft (390 px wide)', async () => {
    const page = await openAsHr(PHONE);
    const root = await managerOfDemo(page);

    // Create the draft in the page.
    await page.getByRole('link', { name: 'Reviews' }).first().click();
    await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New cycle' }).click();
    await page.getByLabel('Name').fill(DRAFT_NAME);
    await page.getByLabel('Find the person at the top of the organisation').fill(root.name);
    await page.getByRole('button', { name: `Choose ${root.name}`, exact: true }).first().click();
    await page.getByRole('button', { name: 'Create draft' }).click();
    const card = page.getByTestId('cycle-card').filter({ hasText: DRAFT_NAME });
    await card.waitFor();
    const created = (await api<{ cycles: CycleJson[] }>(page, 'GET', '/api/cycles')).json.cycles.find((c) => c.name === DRAFT_NAME)!;
    expect(created.status).toBe('draft');

    // Rename it and move delivery a week later, to 17:00 Kolkata time.
    await card.getByRole('button', { name: `Edit ${DRAFT_NAME}` }).click();
    const form = page.getByTestId('edit-cycle');
    await form.waitFor();
    expect(await focusedText(page)).toBe(`Edit ${DRAFT_NAME}`);
    const delivery = form.getByLabel('Delivery');
    expect(await delivery.inputValue()).toBe(kolkataInput(Date.parse(created.deadlines['delivery']!)));
    const newDelivery = `${kolkataInput(Date.parse(created.deadlines['delivery']!) + 7 * 86_400_000).slice(0, 10)}T17:00`;
    await form.getByLabel('Name').fill(RENAMED);
    await delivery.fill(newDelivery);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('dialog').getByText('Delivery deadline:').waitFor();
    await screenshot(page, 'cycle-admin-confirm-phone');
    const confirmation = await confirmIn(page, 'Save changes');
    expect(confirmation).toContain(`Name: “${DRAFT_NAME}” → “${RENAMED}”`);
    expect(confirmation).toMatch(/Delivery deadline: .+ → .+, 17:00/u);

    await page.getByTestId('cycles-status').getByText(`Saved the name and the delivery deadline of “${RENAMED}”.`).waitFor();
    expect(await focusedText(page)).toBe(`Edit ${RENAMED}`);
    const saved = (await api<CycleJson>(page, 'GET', `/api/cycles/${created.id}`)).json;
    expect(saved.name).toBe(RENAMED);
    // 17:00 in Kolkata is 11:30 UTC; the deadlines left alone keep their stored instants exactly.
    expect(saved.deadlines).toEqual({ ...created.deadlines, delivery: `${newDelivery.slice(0, 10)}T11:30:00.000Z` });

    // Peer feedback ending when self review ends is out of order: the server's refusal is shown beside the field.
    const renamedCard = page.getByTestId('cycle-card').filter({ hasText: RENAMED });
    await renamedCard.getByRole('button', { name: `Edit ${RENAMED}` }).click();
    await form.waitFor();
    await form.getByLabel('Peer feedback').fill(await form.getByLabel('Self review').inputValue());
    await form.getByRole('button', { name: 'Save changes' }).click();
    expect(await confirmIn(page, 'Save changes')).toContain('Peer feedback deadline:');
    await form.getByText('Must be after the previous phase’s deadline.').waitFor();
    const peerInput = form.locator('input[aria-invalid="true"]');
    expect(await peerInput.count()).toBe(1);
    expect(await descriptionOf(page, '[data-testid="edit-cycle"] input[aria-invalid="true"]')).toContain('Must be after the previous phase’s deadline.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await form.getByLabel('Peer feedback').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByTestId('problem').textContent()).toContain('Nothing was saved');
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await form.getByLabel('Peer feedback').scrollIntoViewIfNeeded();
    await screenshot(page, 'cycle-admin-refused-phone');
    expect((await api<CycleJson>(page, 'GET', `/api/cycles/${created.id}`)).json.deadlines).toEqual(saved.deadlines);

    // Cancel gives the card back, focus on its Edit button; then delete the draft.
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await focusedText(page)).toBe(`Edit ${RENAMED}`);
    await renamedCard.getByRole('button', { name: `Delete draft ${RENAMED}` }).click();
    expect(await confirmIn(page, 'Delete draft')).toContain('This cannot be undone');
    await renamedCard.waitFor({ state: 'detached' });
    expect(await focusedText(page)).toBe(`Deleted the draft “${RENAMED}”.`);
    expect((await api(page, 'GET', `/api/cycles/${created.id}`)).status).toBe(404);
  });

  it('shows a launched cycle’s passed deadline as history on the dashboard, and edits the rest', async () => {
    const page = await openAsHr(DESKTOP);
    const root = await managerOfDemo(page);
    const name = `Cycle admin launched ${SUFFIX}`;
    const created = await api<CycleJson>(page, 'POST', '/api/cycles', { name, rootPersonId: root.id, policy: 'amazon' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id;
    expect((await api(page, 'POST', `/api/cycles/${id}/launch`)).status).toBe(200);
    expect((await api(page, 'POST', `/api/cycles/${id}/advance`)).status).toBe(200);

    await page.goto(`${server.url}/cycles/${id}/dashboard`);
    await page.getByRole('button', { name: 'Edit cycle' }).click();
    const form = page.getByTestId('edit-cycle');
    await form.getByTestId('passed-self_review').getByText('Passed').waitFor();
    expect(await form.getByTestId('passed-self_review').textContent()).toContain('can no longer move');
    // Self review has no input; the four phases still ahead do.
    expect(await form.locator('input[type="datetime-local"]').count()).toBe(4);
    await screenshot(page, 'cycle-admin-launched');

    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await focusedText(page)).toBe('Edit cycle');
    expect(await page.getByRole('button', { name: /^Delete draft/u }).count()).toBe(0);
  });
});
