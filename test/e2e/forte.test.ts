import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { apiGet, apiSend, useDemoBrowser } from './demo-browser.ts';

/**
 * A whole Forte cycle in Chromium over the demo organisation. The test makes its own cycle (it
 * never relies on cycles the demo seed may bring): HR creates and launches it, the employee
 * writes a self review and nominates five teammates, the manager approves, the five write
 * feedback (one is stopped at 61 words first), HR moves the phases on to delivery, and the
 * employee reads the feedback without names while the manager reads it with them.
 */

const demo = useDemoBrowser();
const { asRole, open, demoEmail } = demo;

const PEER_PASSWORD = 'peer-password-2026-long';
const CYCLE_NAME = `Forte e2e ${Date.now().toString(36)}`;
const PHONE = { width: 390, height: 844 };

interface PersonRef {
  id: number;
  name: string;
  email: string;
}

// Filled in as the cycle goes.
let cycleId = 0;
let employee: PersonRef;
let root: PersonRef;
let peers: PersonRef[] = [];



/** A GET in the page, with the page's session: for looking things up and checking the server's state. */
type PersonJson = { id: number; name: string; email: string; manager: { id: number; name: string } | null };

async function findPerson(page: Page, email: string): Promise<PersonJson> {
  const list = await apiGet<{ people: PersonJson[] }>(page, `/api/people?q=${encodeURIComponent(email)}&limit=5`);
  const person = list.people.find((p) => p.email === email);
  if (!person) throw new Error(`nobody in the directory has ${email}`);
  return person;
}

const ref = (p: PersonJson): PersonRef => ({ id: p.id, name: p.name, email: p.email });

/** Waits until the draft's status line says exactly this. */
async function waitForStatus(page: Page, text: string): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('autosave-status').textContent())?.trim(), { timeout: 15_000 }).toBe(text);
}

async function confirmDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** HR's "End phase now" on the dashboard, checked against the phase it should open. */
async function endPhase(page: Page, next: string, confirm: string): Promise<void> {
  await page.getByRole('button', { name: /^End phase now/u }).click();
  await confirmDialog(page, confirm);
  await expect.poll(async () => (await page.getByTestId('cycle-phase').textContent())?.trim()).toBe(next);
}

async function noHorizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const words = (n: number, seed = 'clear design reviews helped the team ship safely') => {
  const list = seed.split(' ');
  return Array.from({ length: n }, (_, i) => list[i % list.length]).join(' ');
};

describe('a Forte review cycle in Chromium', () => {
  it('finds the people: the employee, their manager, five teammates, and the root of the cycle', async () => {
    const page = await asRole('hr');
    const emp = await findPerson(page, demoEmail('employee'));
    const mgr = await findPerson(page, demoEmail('manager'));
    const leader = await findPerson(page, demoEmail('leader'));
    expect(emp.manager?.id).toBe(mgr.id);
    employee = ref(emp);

    // The cycle is rooted at the demo leader when the employee reports up to them. In a seed
    // where they do not, it is rooted at the employee's own leader at that level (the person
    // just below the top of their chain), so the same people take part.
    const chain: PersonJson[] = [];
    for (let id = mgr.manager?.id; id !== undefined; ) {
      const p = await apiGet<PersonJson>(page, `/api/people/${id}`);
      chain.push(p);
      id = p.manager?.id;
    }
    root = chain.some((p) => p.id === leader.id) ? ref(leader) : ref(chain[Math.max(0, chain.length - 2)] ?? mgr);

    const team = await apiGet<{ people: PersonJson[] }>(page, `/api/people?managerId=${mgr.id}&limit=50`);
    peers = team.people.filter((p) => p.id !== emp.id).slice(0, 5).map(ref);
    expect(peers).toHaveLength(5);
  });

  it('lets HR create a draft with the policy’s deadlines and launch it after a clear warning', async () => {
    const page = await asRole('hr');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New cycle' }).click();
    await page.getByLabel('Name').fill(CYCLE_NAME);
    await page.getByLabel('Find the person at the top of the organisation').fill(root.name);
    await page.getByRole('button', { name: `Choose ${root.name}`, exact: true }).first().click();
    await expect.poll(() => page.getByTestId('chosen-root').textContent()).toBe(root.name);
    await page.getByLabel('Policy').selectOption('amazon');
    await page.getByRole('button', { name: 'Create draft' }).click();

    const card = page.getByTestId('cycle-card').filter({ hasText: CYCLE_NAME });
    await card.waitFor();
    await page.getByText(`Created the draft “${CYCLE_NAME}”`).waitFor();
    // The server's default deadlines, one per phase.
    expect(await card.locator('.timeline__date').allTextContents()).toEqual(Array(5).fill(expect.stringMatching(/^Upcoming, Due \d{1,2} \w{3} \d{4}$/u)));
    expect(await card.locator('.phase').textContent()).toBe('Draft');
    await screenshot(page, 'forte-hr-draft');

    await card.getByRole('button', { name: `Launch ${CYCLE_NAME}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Participants are snapshotted.').waitFor();
    expect(await dialog.textContent()).toContain('The questions lock.');
    await screenshot(page, 'forte-hr-launch-dialog');
    await confirmDialog(page, 'Launch cycle');
    await expect.poll(() => card.locator('.phase').textContent()).toBe('Self review');

    const cycles = await apiGet<{ cycles: { id: number; name: string; status: string }[] }>(page, '/api/cycles');
    const cycle = cycles.cycles.find((c) => c.name === CYCLE_NAME);
    expect(cycle?.status).toBe('launched');
    cycleId = cycle!.id;
  });

  it('lets an admin give the five teammates accounts (one on the Users page, the rest through the API)', async () => {
    const page = await asRole('admin');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    const existing = (await apiGet<{ accounts: { id: number; email: string }[] }>(page, '/api/accounts')).accounts;
    for (const [i, peer] of peers.entries()) {
      const account = existing.find((a) => a.email === peer.email);
      if (account) {
        // A seed that already gave them an account: set a password we know.
        expect((await apiSend(page, 'PATCH', `/api/accounts/${account.id}`, { password: PEER_PASSWORD })).status).toBe(200);
      } else if (i === 0) {
        await page.getByLabel('Email').fill(peer.email);
        await page.getByLabel('Name', { exact: true }).fill(peer.name);
        await page.getByLabel('Initial password').fill(PEER_PASSWORD);
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.getByText(`Created an account for ${peer.name}`).waitFor();
      } else {
        const created = await apiSend(page, 'POST', '/api/accounts', { email: peer.email, name: peer.name, password: PEER_PASSWORD, roles: ['employee'] });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
      }
    }
  });

  it('takes the employee’s self review as autosaved drafts, keeps both texts on a conflict, then submits', async () => {
    const page = await asRole('employee');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByTestId('cycle-card').filter({ hasText: CYCLE_NAME }).getByRole('link', { name: CYCLE_NAME, exact: true }).click();
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await page.getByRole('list', { name: 'Phases and deadlines' }).locator('[aria-current="step"]').getByText('Self review').waitFor();
    await page.getByTestId('notifications').getByRole('link', { name: `${CYCLE_NAME} has started`, exact: false }).waitFor();
    await screenshot(page, 'forte-employee-tasks');

    await page.getByRole('link', { name: 'Write your self review', exact: true }).click();
    await page.getByRole('heading', { name: 'Self review', level: 1 }).waitFor();
    expect(await page.getByTestId('readers').textContent()).toMatch(/your manager and everyone above you/iu);
    const body = 'I led the checkout latency work: p99 fell from 900 ms to 310 ms and cart abandonment dropped 4%.';
    await page.getByLabel('What you delivered').fill(body);
    await page.getByRole('checkbox', { name: 'Ownership', exact: true }).check();
    await page.getByLabel('Example for Ownership').fill('Took over the flaky payment retries nobody owned and made them idempotent.');
    await page.getByRole('checkbox', { name: 'Dive Deep', exact: true }).check();
    await page.getByLabel('Example for Dive Deep').fill('Traced the latency to lock contention in the cart service with flame graphs.');
    await waitForStatus(page, 'Saved');

    // Drafts survive a reload.
    await page.reload();
    await expect.poll(() => page.getByLabel('What you delivered').inputValue()).toBe(body);
    expect(await page.getByLabel('Example for Dive Deep').inputValue()).toContain('flame graphs');
    await screenshot(page, 'forte-employee-self-review');

    // Another tab saves meanwhile: the next autosave shows both texts and drops neither.
    const saved = await apiGet<{ version: number }>(page, `/api/cycles/${cycleId}/self-review`);
    const otherTab = await apiSend(page, 'PUT', `/api/cycles/${cycleId}/self-review`, { body: 'Text from another tab.', principles: [], version: saved.version });
    expect(otherTab.status).toBe(200);
    await page.getByLabel('What you delivered').fill(`${body} I also mentored two new engineers.`);
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Text from another tab.');
    expect(await conflict.textContent()).toContain('I also mentored two new engineers.');
    expect(await page.getByTestId('autosave-status').textContent()).toMatch(/^Not saved/u);
    await screenshot(page, 'forte-employee-self-review-conflict');
    await conflict.getByRole('button', { name: 'Keep my text' }).click();
    await waitForStatus(page, 'Saved');
    expect((await apiGet<{ body: string }>(page, `/api/cycles/${cycleId}/self-review`)).body).toContain('I also mentored two new engineers.');

    await page.getByRole('button', { name: 'Submit self review' }).click();
    await confirmDialog(page, 'Submit');
    await page.getByTestId('self-review-submitted').waitFor();
    expect(await page.getByTestId('self-review-view').textContent()).toContain('flame graphs');
  });

  it('lets the employee nominate five teammates, shown against the recommended minimum', async () => {
    const page = await asRole('employee');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/tasks`);
    await page.getByRole('link', { name: 'Ask for feedback' }).first().click();
    await page.getByRole('heading', { name: 'Ask for feedback', level: 1 }).waitFor();
    await page.getByText('up to 30 open requests are allowed', { exact: false }).waitFor();
    const suggestions = page.getByTestId('team-suggestions');
    for (const peer of peers) await suggestions.getByRole('button', { name: `Add ${peer.name}`, exact: true }).click();
    await expect.poll(() => page.getByTestId('selected-peers').locator('li').count()).toBe(5);
    await page.getByRole('button', { name: 'Send 5 nominations' }).click();
    await page.getByText('Sent 5 nominations to your manager').waitFor();
    const rows = page.getByTestId('current-requests').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.allTextContents()).toEqual(Array(5).fill(expect.stringContaining('Awaiting manager approval')));
    await screenshot(page, 'forte-employee-peers');
  });

  it('lets the manager approve the nominations from their tasks', async () => {
    const page = await asRole('manager');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/tasks`);
    await page.getByTestId('my-reports').getByRole('link', { name: `5 to approve for ${employee.name}` }).click();
    await page.getByRole('heading', { name: employee.name, level: 2 }).waitFor();
    await page.getByRole('button', { name: `Approve all 5 nominations for ${employee.name}` }).click();
    await page.getByText(`Approved 5 nominations`).waitFor();
    const statuses = page.getByTestId('report-requests').locator('tbody td[data-label="Status"]');
    await expect.poll(async () => (await statuses.allTextContents()).filter((t) => t.includes('Requested')).length).toBe(5);
    await screenshot(page, 'forte-manager-approve');
  });

  it('lets HR end self review and remind people of what is outstanding', async () => {
    const page = await asRole('hr');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/dashboard`);
    await page.getByTestId('dashboard-summary').waitFor();
    await endPhase(page, 'Peer feedback', 'End phase and start peer feedback');
    await page.getByRole('button', { name: 'Send reminders' }).click();
    await expect.poll(async () => (await page.getByTestId('dashboard-status').textContent()) ?? '').toMatch(/^Sent \d+ reminders? to people behind in peer feedback\.$/u);
  });

  it('lets each teammate write feedback within the limits, stopping 61 words in the page', async () => {
    for (const [i, peer] of peers.entries()) {
      const page = await open(peer.email, PEER_PASSWORD);
      await expect.poll(() => page.getByTestId('notification-bell').getAttribute('aria-label')).toMatch(/^Notifications, \d+ unread$/u);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
      await page.getByTestId('cycle-card').filter({ hasText: CYCLE_NAME }).getByRole('link', { name: CYCLE_NAME, exact: true }).click();
      await page.getByTestId('feedback-to-write').getByRole('link', { name: `Write feedback for ${employee.name}` }).click();
      await page.getByRole('heading', { name: `Feedback for ${employee.name}` }).waitFor();
      expect(await page.getByTestId('readers').textContent()).toContain('without your name');

      const superpowers = page.getByLabel('Superpowers');
      const improvements = page.getByLabel('Areas of improvement');
      const submit = page.getByRole('button', { name: 'Submit feedback' });
      if (i === 0) {
        // 61 words: the counter turns, Submit is disabled, and nothing reaches the demo.server.
        await superpowers.fill(words(61));
        const counter = page.getByTestId('word-counter').first();
        await expect.poll(() => counter.textContent()).toMatch(/^61 \/ 60 words/u);
        expect(await counter.getAttribute('class')).toContain('counter--over');
        expect(await superpowers.getAttribute('aria-invalid')).toBe('true');
        await improvements.fill('Share design drafts earlier so reviewers can shape them.');
        expect(await submit.isDisabled()).toBe(true);
        expect(await page.getByTestId('submit-note').textContent()).toContain('Superpowers has 61 words');
        await waitForStatus(page, 'Not saved: Superpowers has 61 words; the limit is 60. Shorten it and it saves again.');
        await page.waitForTimeout(1_500); // longer than the autosave pause: nothing may have been sent
        const requestId = Number(new URL(page.url()).pathname.split('/').pop());
        const stored = await apiGet<{ status: string; superpowers: string }>(page, `/api/peer-requests/${requestId}/feedback`);
        expect(stored).toMatchObject({ status: 'not_started', superpowers: '' });
        await screenshot(page, 'forte-peer-over-limit');
        await superpowers.fill(words(60));
        await expect.poll(() => counter.textContent()).toBe('60 / 60 words');
        await waitForStatus(page, 'Saved');
        await superpowers.fill('Her incident write-ups turned a recurring checkout outage into a fixed design that the whole team now copies.');
      } else {
        await superpowers.fill(`Calm and precise in incidents; response ${i + 1} remembers the cart outage she led to a fix in one afternoon.`);
        await improvements.fill(i === 1 ? 'Can be abrasive in code reviews when a deadline is close.' : 'Share design drafts earlier so reviewers can shape them.');
      }
      const championed = page.getByRole('group', { name: /Leadership Principles they championed/u });
      await championed.getByRole('checkbox', { name: 'Dive Deep', exact: true }).check();
      await championed.getByRole('checkbox', { name: 'Ownership', exact: true }).check();
      if (i === 2) {
        await championed.getByRole('checkbox', { name: 'Bias for Action', exact: true }).check();
        // Three is the most: the other principles cannot be ticked.
        expect(await championed.getByRole('checkbox', { name: 'Frugality', exact: true }).isDisabled()).toBe(true);
      }
      await page.getByRole('group', { name: /Leadership Principles to improve/u }).getByRole('checkbox', { name: 'Think Big', exact: true }).check();
      await waitForStatus(page, 'Saved');
      if (i === 1) {
        const note = page.getByTestId('wording-concerns');
        await note.waitFor();
        expect(await note.textContent()).toContain('“abrasive”');
        expect(await submit.isDisabled()).toBe(false);
        await screenshot(page, 'forte-peer-wording-note');
      }
      await submit.click();
      await confirmDialog(page, 'Submit feedback');
      await page.getByTestId('feedback-submitted').waitFor();
      if (i === 0) await screenshot(page, 'forte-peer-submitted');
      await page.context().close();
    }
  });

  it('lets the manager write and submit their review in the manager review phase', async () => {
    const hr = await asRole('hr');
    await hr.goto(`${demo.server.url}/cycles/${cycleId}/dashboard`);
    await hr.getByTestId('dashboard-summary').waitFor();
    await endPhase(hr, 'Manager review', 'End phase and start manager review');

    const page = await asRole('manager');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/team?person=${employee.id}`);
    const review = page.getByTestId('manager-review');
    await review.getByLabel('Narrative').fill('A strong year: led the checkout latency work end to end and raised the bar for incident reviews.');
    await review.getByLabel('Strengths').fill('Dives deep; owns problems nobody else picks up.');
    await review.getByLabel('Growth areas').fill('Share designs earlier; think bigger about the roadmap.');
    await review.getByLabel('Link name').fill('Latency design doc');
    await review.getByLabel('Address').fill('https://docs.example.com/checkout-latency');
    await review.getByRole('button', { name: 'Add link' }).click();
    await waitForStatus(page, 'Saved');
    await page.getByTestId('feedback-log').getByLabel('What happened').fill('Ran the checkout incident review calmly and shipped the fix the same day.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('feedback-log').getByText('Ran the checkout incident review').waitFor();
    await screenshot(page, 'forte-manager-review');
    await review.getByRole('button', { name: `Submit review of ${employee.name}` }).click();
    await confirmDialog(page, 'Submit review');
    await review.getByText(/^Submitted on /u).waitFor();
  });

  it('lets HR move on to delivery, where the amazon policy releases peer feedback', async () => {
    const page = await asRole('hr');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/dashboard`);
    await page.getByTestId('dashboard-summary').waitFor();
    await endPhase(page, 'Calibration', 'End phase and start calibration');
    await endPhase(page, 'Delivery', 'End phase and start delivery');
    const summary = await page.getByTestId('dashboard-summary').textContent();
    expect(summary).toMatch(/Enough peer responses1/u);
    await screenshot(page, 'forte-hr-dashboard');
  });

  it('gives the employee their feedback without any author, and the manager’s review', async () => {
    const page = await asRole('employee');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/feedback`);
    await page.getByRole('heading', { name: '5 responses from your peers' }).waitFor();
    expect(await page.getByTestId('feedback-response').count()).toBe(5);
    await page.getByTestId('manager-review-view').getByText('raised the bar for incident reviews').waitFor();
    await page.waitForLoadState('networkidle');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Dive Deep');
    for (const peer of peers) expect(text).not.toContain(peer.name);

    const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csvHref).toBe(`/api/cycles/${cycleId}/feedback/received.csv`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), csvHref!);
    expect(csv.trim().split('\r\n')).toHaveLength(6);
    for (const peer of peers) expect(csv).not.toContain(peer.name);
    await screenshot(page, 'forte-employee-received');

    const phone = await asRole('employee', PHONE);
    await phone.goto(`${demo.server.url}/cycles/${cycleId}/feedback`);
    await phone.getByRole('heading', { name: '5 responses from your peers' }).waitFor();
    expect(await noHorizontalScroll(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'forte-employee-received-phone');
  });

  it('shows the manager the same feedback with the five authors', async () => {
    const page = await asRole('manager');
    await page.goto(`${demo.server.url}/cycles/${cycleId}/team?person=${employee.id}`);
    const about = page.getByTestId('feedback-about');
    await expect.poll(() => about.getByTestId('feedback-author').count()).toBe(5);
    expect((await about.getByTestId('feedback-author').allTextContents()).sort()).toEqual(peers.map((p) => p.name).sort());
    await screenshot(page, 'forte-manager-feedback-authors');

    const phone = await asRole('manager', PHONE);
    await phone.goto(`${demo.server.url}/cycles/${cycleId}/team?person=${employee.id}`);
    await phone.getByTestId('feedback-about').getByTestId('feedback-author').first().waitFor();
    expect(await noHorizontalScroll(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'forte-manager-team-phone');
  });
});
