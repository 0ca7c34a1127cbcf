import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { apiGet, useDemoBrowser } from './demo-browser.ts';

/**
 * Growth between cycles in Chromium over the demo organisation: the demo employee sets a
 * quarterly goal, the manager holds a check-in from the generated agenda, the employee closes
 * the quarter with outcomes, the living document and the calibration packet show that evidence,
 * the manager ends last year's delivered review with a development plan, and the next check-in
 * picks the plan up. Then the workshop and team-health pages. Screenshots in artifacts/screenshots.
 */

const demo = useDemoBrowser();
const { asRole } = demo;
const GOAL = `Publish the ledger runbook ${Date.now().toString(36)}`;
const OUTCOME = 'Published and used by two people on the rotation in one week.';
const SKILL = 'Leading cross-team design reviews';
const FOLLOW_UP = 'First design review booked with the search team.';

let employee: { id: number; name: string };
let managerPage: Page;
let employeePage: Page;


describe('growth between cycles in Chromium', () => {
  it('lets the employee set a quarterly goal from the Growth pages', async () => {
    employeePage = await asRole('employee');
    managerPage = await asRole('manager');
    const me = await apiGet<{ personId: number; name: string }>(employeePage, '/api/me');
    employee = { id: me.personId, name: (await apiGet<{ name: string }>(employeePage, `/api/people/${me.personId}`)).name };

    await employeePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Growth' }).click();
    await employeePage.getByRole('heading', { name: 'My goals', level: 1 }).waitFor();
    const form = employeePage.getByRole('form', { name: 'Add a goal' });
    await form.getByLabel('Objective').fill(GOAL);
    await form.getByLabel('Measurable result').fill('Used unaided by two people on the rotation');
    await form.getByRole('button', { name: 'Add goal' }).click();
    await employeePage.getByTestId('goal-list').getByText(GOAL).waitFor();
    await screenshot(employeePage, 'growth-01-goals');
  });

  it('lets the manager hold a check-in from the generated agenda', async () => {
    await managerPage.goto(`${demo.server.url}/growth/check-ins`);
    const overview = managerPage.getByTestId('check-in-overview');
    await overview.waitFor();
    await expect.poll(async () => (await overview.textContent()) ?? '').toContain('Overdue');
    await overview.getByRole('link', { name: `Check in with ${employee.name}` }).click();
    const agenda = managerPage.getByTestId('agenda');
    await agenda.getByText(GOAL, { exact: false }).waitFor();
    await screenshot(managerPage, 'growth-02-agenda');
    const form = managerPage.getByRole('form', { name: `Check-in with ${employee.name}` });
    await form.getByLabel('Notes').fill('Walked the agenda: the runbook goal is on track; the design review needs a sponsor.');
    await form.getByRole('button', { name: 'Record check-in' }).click();
    await managerPage.getByTestId('check-in-history').getByText('Walked the agenda').waitFor();
    await screenshot(managerPage, 'growth-03-check-in-recorded');
  });

  it('lets the employee close the quarter with a written outcome for every goal', async () => {
    await employeePage.goto(`${demo.server.url}/growth`);
    const form = employeePage.getByRole('form', { name: 'Close the quarter' });
    await form.waitFor();
    const outcomes = form.getByLabel(/^Outcome of/u);
    const count = await outcomes.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) await outcomes.nth(i).fill(i === 0 ? OUTCOME : `${OUTCOME} (goal ${i + 1})`);
    await form.getByRole('button', { name: 'Close the quarter' }).click();
    await employeePage.getByRole('form', { name: 'Close the quarter' }).waitFor({ state: 'detached' });
    await employeePage.getByTestId('goal-list').getByText(`Outcome: ${OUTCOME}`, { exact: false }).first().waitFor();
    await screenshot(employeePage, 'growth-04-quarter-closed');
  });

  it('shows that evidence in the living document, its recency view and the calibration packet', async () => {
    await managerPage.goto(`${demo.server.url}/growth/document?person=${employee.id}`);
    await managerPage.getByTestId('recency-view').waitFor();
    await managerPage.getByTestId('section-goals').getByText(OUTCOME, { exact: false }).first().waitFor();
    await screenshot(managerPage, 'growth-05-living-document');
    const packet = await apiGet<{ evidence: { byDimension: Record<string, string[]>; impactExamples: string[] } }>(managerPage, `/api/people/${employee.id}/evidence-packet`);
    expect(JSON.stringify(packet.evidence)).toContain(OUTCOME);
    expect(packet.evidence.byDimension.delivery?.some((line) => line.includes(GOAL))).toBe(true);
  });

  it('ends the delivered review with a development plan that the next check-in picks up', async () => {
    await managerPage.goto(`${demo.server.url}/growth/plan?person=${employee.id}`);
    const form = managerPage.getByRole('form', { name: /^Plan for /u }).first();
    await form.waitFor();
    await form.getByLabel('One skill to build').fill(SKILL);
    await form.getByLabel('One system behaviour to improve').fill('Fewer pages from the reconciliation job');
    await form.getByLabel('One measurable outcome to watch').fill('Under 3 pages a week by the end of next quarter');
    await form.getByRole('button', { name: 'Save plan' }).click();
    await managerPage.getByTestId('plan').getByText(SKILL).waitFor();
    await screenshot(managerPage, 'growth-06-plan');

    await employeePage.goto(`${demo.server.url}/growth/plan`);
    await employeePage.getByTestId('plan').getByText(SKILL).waitFor();

    await managerPage.goto(`${demo.server.url}/growth/check-ins?person=${employee.id}`);
    await managerPage.getByTestId('agenda').getByText(`Skill to build: ${SKILL}`).waitFor();
    const checkIn = managerPage.getByRole('form', { name: `Check-in with ${employee.name}` });
    await checkIn.getByLabel('Notes').fill('Kicked off the development plan.');
    await checkIn.getByLabel('Development plan follow-up').fill(FOLLOW_UP);
    await checkIn.getByRole('button', { name: 'Record check-in' }).click();
    await managerPage.getByTestId('check-in-history').getByText('Kicked off the development plan.').waitFor();
    await screenshot(managerPage, 'growth-07-plan-in-check-in');

    await employeePage.reload();
    await employeePage.getByTestId('plan-follow-ups').getByText(FOLLOW_UP).waitFor();
    await screenshot(employeePage, 'growth-08-plan-followed-up');
  });

  it('lets the manager rate the workshop’s sample packets and see a revealed one', async () => {
    await managerPage.goto(`${demo.server.url}/growth/workshops`);
    await managerPage.getByRole('link', { name: 'Before Forte 2026' }).click();
    const radios = managerPage.getByRole('radio', { name: /^4 /u });
    await radios.first().waitFor();
    const n = await radios.count();
    for (let i = 0; i < n; i++) await radios.nth(i).check();
    await managerPage.getByRole('button', { name: 'Save my ratings' }).click();
    await managerPage.getByText('Ratings saved.').waitFor();
    await screenshot(managerPage, 'growth-09-workshop-rating');
    await managerPage.goto(`${demo.server.url}/growth/workshops`);
    await managerPage.getByRole('link', { name: 'Mid-year 2026 warm-up' }).click();
    await managerPage.getByTestId('workshop-results').getByText('Krippendorff’s alpha', { exact: false }).waitFor();
    await screenshot(managerPage, 'growth-10-workshop-results');
  });

  it('takes the employee’s pulse answer anonymously and shows the leader suppressed results', async () => {
    await employeePage.goto(`${demo.server.url}/growth/team-health`);
    const form = employeePage.getByRole('form', { name: 'Answer Winter health check' });
    await form.waitFor();
    const groups = form.getByRole('group');
    const n = await groups.count();
    for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio').nth(3).check();
    await form.getByRole('button', { name: 'Send anonymously' }).click();
    await employeePage.getByText('You have answered this pulse.').waitFor();
    const leader = await asRole('leader');
    await leader.goto(`${demo.server.url}/growth/team-health`);
    await leader.getByTestId('pulse-results').first().waitFor();
    await screenshot(leader, 'growth-11-team-health');
  });
});
