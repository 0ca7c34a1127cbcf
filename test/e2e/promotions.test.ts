import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { apiGet, apiSend, useDemoBrowser } from './demo-browser.ts';

/**
 * A promotion in Chromium over the demo organisation: the demo manager opens a case for their
 * SDE I report and builds it from evidence already in Highbar (log notes, peer feedback), the
 * readiness check flags the thin Technical complexity section, the manager submits, HR hands it
 * to a committee on which the manager presents but cannot vote, three members approve, HR records
 * the decision, and the candidate reads the outcome and their new compensation statement.
 */

const demo = useDemoBrowser();
const { asRole, open, demoEmail } = demo;
const PASSWORD = 'promotion-e2e-password-2026';

interface PersonJson {
  id: number;
  name: string;
  email: string;
  manager: { id: number; name: string } | null;
  private?: { level: string };
}

let candidate: PersonJson;
let teammate: PersonJson;
let packetId = 0;
let peerExcerpt = '';



const words = (n: number, seed: string) => {
  const list = seed.split(' ');
  return Array.from({ length: n }, (_, i) => list[i % list.length]).join(' ');
};

/** Picks the option of the section's evidence list whose text contains `text`. */
async function pickEvidence(page: Page, section: string, text: string, expectations: string[]) {
  const card = page.getByTestId(`section-${section}`);
  await card.getByText('Add evidence').click();
  const select = card.getByLabel('From Highbar');
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value!);
  for (const label of expectations) await card.getByRole('checkbox', { name: label, exact: true }).check();
  await card.getByRole('button', { name: 'Add to this section' }).click();
}

describe('a promotion in Chromium', () => {
  it('finds the manager’s SDE I report and gives them and a teammate accounts', async () => {
    const hr = await asRole('hr');
    const manager = (await apiGet<{ people: PersonJson[] }>(hr, `/api/people?q=${encodeURIComponent(demoEmail('manager'))}&limit=5`)).people[0]!;
    const team = (await apiGet<{ people: PersonJson[] }>(hr, `/api/people?managerId=${manager.id}&limit=50`)).people;
    candidate = team.find((p) => p.private?.level === 'L4')!;
    expect(candidate, 'the demo manager has an SDE I report').toBeDefined();
    teammate = team.find((p) => p.id !== candidate.id && p.email !== demoEmail('employee') && p.private?.level !== 'L4')!;

    const admin = await asRole('admin');
    for (const person of [candidate, teammate]) {
      const created = await apiSend(admin, 'POST', '/api/accounts', { email: person.email, name: person.name, password: PASSWORD, roles: ['employee'] });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
    }
  });

  it('lets the manager build a case from existing evidence, and flags the thin Technical complexity section', async () => {
    const page = await asRole('manager');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Promotions' }).click();
    await page.getByRole('heading', { name: 'Promotions', level: 1 }).waitFor();
    await page.getByRole('button', { name: `Open a promotion case for ${candidate.name}` }).click();
    await page.getByRole('heading', { name: `${candidate.name}: L4 to L5`, level: 1 }).waitFor();
    packetId = Number(/promotions\/(\d+)/u.exec(page.url())![1]);

    // Technical complexity: a short paragraph backed by the manager's log note.
    const tc = page.getByTestId('section-technicalComplexity');
    await tc.getByLabel('Technical complexity text').fill(words(90, 'designed the idempotent retry path for ledger writes and proved it under load'));
    await pickEvidence(page, 'technicalComplexity', 'idempotent retry path', ['Technical depth']);
    await tc.getByRole('button', { name: 'Save Technical complexity' }).click();
    await tc.getByText('Technical complexity saved.').waitFor();

    // Impact: backed by a teammate's peer feedback, the excerpt shown to the manager.
    const impact = page.getByTestId('section-impact');
    await impact.getByLabel('Impact text').fill(words(480, 'duplicate payments fell to zero and the checkout launch held its latency budget'));
    await pickEvidence(page, 'impact', 'Peer feedback', ['Influence', 'Mentorship']);
    await impact.getByRole('button', { name: 'Save Impact' }).click();
    await impact.getByText('Impact saved.').waitFor();

    // The other sections, saved the same way through the API, each with a link.
    const rest: [string, string, string, string[]][] = [
      ['scopeAndInfluence', 'design_doc', 'Checkout retries design', ['scope']],
      ['ambiguity', 'design_doc', 'Ledger client proposal', ['autonomy']],
      ['execution', 'shipped_work', 'Ledger client v2', ['operations']],
      ['leadershipPrinciples', 'incident', 'Sev-2 payments incident review', []],
    ];
    for (const [section, kind, title, expectations] of rest) {
      const saved = await apiSend(page, 'PUT', `/api/promotion-packets/${packetId}/sections/${section}`, { text: words(460, 'took an unclear request and turned it into a plan the team could ship'), evidence: [{ kind, url: `https://docs.example/${section}`, title, expectations }], version: 0 });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    }
    await page.reload();
    const blockers = page.getByTestId('check-commonBlockers');
    await expect.poll(() => blockers.getAttribute('data-status')).toBe('warn');
    expect(await blockers.textContent()).toContain('Technical complexity is thin: the usual reason cases from L4 to L5 are not approved.');
    expect(await page.getByTestId('section-technicalComplexity').getByTestId('thin-flag').textContent()).toBe('Thin: the usual blocker for this transition');
    expect(await page.getByTestId('check-peerFeedback').getAttribute('data-status')).not.toBe('blocked');
    expect(await page.getByTestId('section-impact').textContent()).toMatch(/Peer feedback/u);
    const asManager = await apiGet<{ sections: { key: string; evidence: { kind: string; excerpt: string | null }[] }[] }>(page, `/api/promotion-packets/${packetId}`);
    peerExcerpt = asManager.sections.find((x) => x.key === 'impact')!.evidence.find((e) => e.kind === 'peer_feedback')!.excerpt!;
    expect(peerExcerpt.length).toBeGreaterThan(10);
    await screenshot(page, 'promotions-readiness-thin-technical-complexity');

    await page.getByRole('button', { name: 'Submit the case' }).click();
    await page.getByText('Submitted for committee review.').waitFor();
    expect(await page.getByTestId('packet-status').textContent()).toBe('Submitted');
  });

  it('runs the committee: the manager presents but cannot vote, three members approve, HR decides', async () => {
    const hr = await asRole('hr');
    await hr.goto(`${demo.server.url}/promotions/${packetId}`);
    await hr.getByRole('heading', { name: `${candidate.name}: L4 to L5`, level: 1 }).waitFor();
    const committee = hr.getByTestId('start-committee');
    const members = [demoEmail('leader'), demoEmail('employee'), teammate.email, demoEmail('manager')];
    for (const email of members) {
      const person = (await apiGet<{ people: PersonJson[] }>(hr, `/api/people?q=${encodeURIComponent(email)}&limit=5`)).people[0]!;
      await committee.getByLabel('Add a committee member').fill(email);
      await committee.getByRole('button', { name: `Add ${person.name}` }).click();
    }
    await committee.getByRole('button', { name: 'Start committee review' }).click();
    await expect.poll(async () => hr.getByTestId('packet-status').textContent()).toBe('Committee review');
    expect(await hr.getByTestId('committee').textContent()).toContain('(presents, does not vote)');

    const manager = await asRole('manager');
    await manager.goto(`${demo.server.url}/promotions/${packetId}`);
    const refused = await apiSend(manager, 'PUT', `/api/promotion-packets/${packetId}/votes`, { vote: 'approve', feedback: 'My report is ready.' });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'PROMOTION_RULE_VIOLATED', rule: 'MANAGER_MAY_NOT_VOTE' });

    const leader = await asRole('leader');
    await leader.goto(`${demo.server.url}/promotions/${packetId}`);
    const form = leader.getByTestId('vote-form');
    await form.getByRole('radio', { name: 'Approve' }).check();
    await form.getByLabel('Written feedback').fill('The retry design is SDE II work; the impact is measured.');
    await form.getByRole('button', { name: 'Cast vote' }).click();
    await leader.getByText('Your vote is recorded.').waitFor();
    await screenshot(leader, 'promotions-committee-vote');

    const employee = await asRole('employee');
    expect((await apiSend(employee, 'PUT', `/api/promotion-packets/${packetId}/votes`, { vote: 'approve', feedback: 'Reliable and generous with reviews.' })).status).toBe(200);
    const mate = await open(teammate.email, PASSWORD);
    expect((await apiSend(mate, 'PUT', `/api/promotion-packets/${packetId}/votes`, { vote: 'not_yet', feedback: 'Technical complexity needs a second example.' })).status).toBe(200);

    await hr.reload();
    expect(await hr.getByTestId('tally').textContent()).toContain('2 approve · 1 not yet');
    const decision = hr.getByTestId('decision-form');
    await decision.getByLabel('Feedback for the candidate').fill('Approved. Next: lead a design that spans two teams, with a reviewed document.');
    await decision.getByRole('button', { name: 'Approve promotion' }).click();
    await hr.getByTestId('outcome').waitFor();
    expect(await hr.getByTestId('packet-status').textContent()).toBe('Approved');
    await screenshot(hr, 'promotions-approved');
  });

  it('shows the candidate the outcome and their new statement', async () => {
    const page = await open(candidate.email, PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Promotions' }).click();
    await page.getByRole('link', { name: candidate.name }).click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Promoted to SDE II (L5)');
    expect(await outcome.textContent()).toContain('Next: lead a design that spans two teams');
    // The committee's written feedback without names; no votes.
    expect(await page.getByTestId('committee').textContent()).toContain('Technical complexity needs a second example.');
    expect(await page.getByTestId('committee').textContent()).not.toContain(teammate.name);
    // Peer feedback is linked but its text reaches the candidate only under the cycle's release rules.
    expect(await page.getByTestId('section-impact').textContent()).toContain('Peer feedback, ');
    expect(await page.getByTestId('section-impact').textContent()).not.toContain(peerExcerpt.slice(0, 30));
    await screenshot(page, 'promotions-candidate-outcome');

    await outcome.getByRole('link', { name: 'See your compensation statement' }).click();
    await page.getByRole('heading', { name: 'My compensation', level: 1 }).waitFor();
    const lead = await page.locator('.page-header__lead').textContent();
    expect(lead).toContain('L5');
    expect(lead).toContain('base $156,000.00');
    expect(await page.getByTestId('pay-history').textContent()).toContain('Promoted from L4 to L5: base +30.00%, $120,000.00 to $156,000.00.');
    expect(await page.getByTestId('statement-years').locator('tbody tr').count()).toBe(4);
    await screenshot(page, 'promotions-candidate-statement');
  });
});
