import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { apiGet, apiSend, useDemoBrowser } from './demo-browser.ts';

/**
 * The attrition pipeline in Chromium over the demo organisation, whose seed leaves three people
 * rated LE in "Forte 2025" at identification. HR walks one of them through Focus, Pivot, a failed
 * PIP and an appeal the jury wins; another takes Tier 1 at Pivot; and the demo employee goes
 * through the same steps under the humane policy, seeing their plan at every one.
 */

const demo = useDemoBrowser();
const { asRole } = demo;


const stageOf = (page: Page) => page.getByTestId('case-stage');

async function expectStage(page: Page, label: string) {
  await expect.poll(async () => (await stageOf(page).textContent())?.trim(), { timeout: 15_000 }).toBe(label);
}

/**
 * Fills a step's form (textareas and inputs by label, radios by label), submits it, and waits
 * until the case has moved to its next version (or, when `refused`, until the form shows why not).
 */
async function takeStep(page: Page, transition: string, fields: Record<string, string> = {}, choices: string[] = [], refused = false) {
  const form: Locator = page.getByTestId(`step-${transition}`);
  await form.waitFor();
  const version = await page.getByTestId('case-view').getAttribute('data-version');
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  for (const choice of choices) await form.getByLabel(choice, { exact: true }).check();
  await form.getByRole('button', { name: /^(Record:|Acknowledge)/u }).click();
  if (refused) await form.getByTestId('problem').waitFor();
  else await expect.poll(async () => page.getByTestId('case-view').getAttribute('data-version'), { timeout: 15_000 }).not.toBe(version);
}

const FOCUS = { Project: 'Own the nightly reconciliation job end to end', 'Goals (one per line)': 'Ship idempotent retries\nWrite the runbook', 'Success criteria': 'Two weeks without a page' };
const PIVOT = { 'Why the plan was unsuccessful': 'The job still paged most nights.', 'PIP goals (one per line)': 'Close the open incidents\nLead one design review', 'PIP length in days (optional)': '30' };

interface CaseSummary {
  id: number;
  person: { id: number; name: string };
}

let identified: CaseSummary[] = [];

describe('the pipeline in Chromium', () => {
  it('shows HR the board and the people the calibration identified', async () => {
    const page = await asRole('hr');
    await page.goto(`${demo.server.url}/pipeline`);
    await page.getByTestId('board-stages').waitFor();
    await page.getByTestId('case-list').waitFor();
    identified = (await apiGet<{ cases: CaseSummary[] }>(page, '/api/pipeline/cases?stage=identified')).cases;
    expect(identified.length).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'pipeline-01-hr-board');
  });

  it('HR walks one person from LE through Focus, Pivot and a failed PIP to an appeal the jury wins', async () => {
    const page = await asRole('hr');
    const subject = identified[0]!;
    await page.goto(`${demo.server.url}/pipeline/cases/${subject.id}`);
    await expectStage(page, 'Identified');
    await screenshot(page, 'pipeline-02-identified');
    await takeStep(page, 'startFocus', FOCUS);
    await expectStage(page, 'Focus');
    await screenshot(page, 'pipeline-03-focus');
    await takeStep(page, 'enterPivot', PIVOT);
    await expectStage(page, 'Pivot');
    await takeStep(page, 'choosePivotOption', {}, ['Attempt the PIP']);
    await expectStage(page, 'PIP');
    await takeStep(page, 'checkIn', { 'Check-in note': 'One incident closed; review booked.' });
    await takeStep(page, 'recordPipOutcome', { 'Note against the goals': 'The design review did not happen.' }, ['Fail']);
    await expectStage(page, 'PIP failed');
    await screenshot(page, 'pipeline-04-pip-failed');
    await takeStep(page, 'chooseAfterFailure', { 'Appeal statement': 'The review was cancelled by the team, not by me.' }, ['Appeal to a jury of peers']);
    await expectStage(page, 'Appeal');

    // Jurors: individual contributors of another manager, so outside the employee's chain.
    const person = await apiGet<{ manager: { id: number } | null }>(page, `/api/people/${subject.person.id}`);
    const pool = await apiGet<{ people: { id: number; name: string; manager: { id: number } | null; title: string | null }[] }>(page, '/api/people?limit=100');
    const jurors = pool.people.filter((p) => p.id !== subject.person.id && p.manager && p.manager.id !== person.manager?.id && /Engineer/u.test(p.title ?? '') && !pool.people.some((q) => q.manager?.id === p.id));
    const unique = jurors.filter((j, i) => jurors.findIndex((k) => k.name === j.name) === i).slice(0, 3);
    expect(unique).toHaveLength(3);
    const jury = page.getByTestId('step-empanelJury');
    for (const juror of unique) {
      await jury.getByLabel('Find jurors').fill(juror.name);
      await jury.getByRole('button', { name: `Add juror ${juror.name}` }).first().click();
    }
    await expect.poll(async () => jury.getByTestId('jurors').locator('li').count()).toBe(3);
    await jury.getByRole('button', { name: /^Record:/u }).click();
    await page.getByTestId('step-castJuryVote').waitFor();
    await takeStep(page, 'castJuryVote', {}, ['Overturn the PIP failure']);
    await takeStep(page, 'castJuryVote', {}, ['Uphold it']);
    await takeStep(page, 'castJuryVote', {}, ['Overturn the PIP failure']);
    await expectStage(page, 'Kept');
    await expect.poll(async () => page.getByTestId('verdict').textContent()).toContain('Appeal won: 2 to overturn, 1 to uphold');
    await page.getByTestId('access-log').waitFor();
    await screenshot(page, 'pipeline-05-appeal-won');
    const log = await apiGet<{ knewSince: { name: string }[] }>(page, `/api/pipeline/cases/${subject.id}/access-log`);
    expect(log.knewSince.map((k) => k.name)).toContain('Harper Partner');
  });

  it('another person takes Tier 1 at the Pivot choice, with the offer letter figures', async () => {
    const page = await asRole('hr');
    const subject = identified[1]!;
    await page.goto(`${demo.server.url}/pipeline/cases/${subject.id}`);
    await takeStep(page, 'startFocus', FOCUS);
    await expectStage(page, 'Focus');
    await takeStep(page, 'enterPivot', PIVOT);
    await expectStage(page, 'Pivot');
    await page.getByTestId('severance').getByText('(applies now)').waitFor();
    await takeStep(page, 'choosePivotOption', {}, ['Leave with Tier 1 severance']);
    await expectStage(page, 'Left with Tier 1 severance');
    await screenshot(page, 'pipeline-06-tier1');
    const exits = await apiGet<{ exits: { person: { id: number }; regretted: boolean }[] }>(page, '/api/ura/exits');
    expect(exits.exits.find((e) => e.person.id === subject.person.id)?.regretted).toBe(false);
  });

  it('under the humane policy the employee sees their plan at every step', async () => {
    const hr = await asRole('hr');
    const employee = await asRole('employee');
    await employee.goto(`${demo.server.url}/pipeline/my-plan`);
    await employee.getByTestId('no-plan').waitFor();
    const me = await apiGet<{ personId: number }>(employee, '/api/me');
    const opened = await apiSend(hr, 'POST', '/api/pipeline/cases', { source: 'manual', personId: me.personId, reason: 'Two quarters of slipped delivery on the search indexer', policy: 'humane' });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    const caseId = (opened.json as { id: number }).id;

    const mine = async (label: string, shot: string) => {
      await employee.goto(`${demo.server.url}/pipeline/my-plan`);
      await expectStage(employee, label);
      await screenshot(employee, shot);
    };
    await mine('Identified', 'pipeline-humane-01-identified');
    await hr.goto(`${demo.server.url}/pipeline/cases/${caseId}`);
    await takeStep(hr, 'startFocus', FOCUS);
    await expectStage(hr, 'Support plan');
    await mine('Support plan', 'pipeline-humane-02-support-plan');
    await employee.getByTestId('plan').getByText(FOCUS['Success criteria']).waitFor();
    await employee.getByTestId('timeline').waitFor();
    await takeStep(employee, 'acknowledgePlan');
    await employee.getByTestId('plan').getByText('Acknowledged on').waitFor();
    await screenshot(employee, 'pipeline-humane-03-acknowledged');

    await hr.reload();
    await takeStep(hr, 'enterPivot', { ...PIVOT, 'PIP length in days (optional)': '90' });
    await expectStage(hr, 'Pivot');
    await mine('Pivot', 'pipeline-humane-04-pivot');
    await takeStep(employee, 'choosePivotOption', {}, ['Attempt the PIP']);
    await expectStage(employee, 'PIP');
    await screenshot(employee, 'pipeline-humane-05-pip');

    await hr.reload();
    await takeStep(hr, 'checkIn', { 'Check-in note': 'Indexer backlog halved; pairing twice a week.' });
    await takeStep(hr, 'recordPipOutcome', { 'Note against the goals': 'Too early to judge.' }, ['Fail'], true);
    await hr.getByTestId('step-recordPipOutcome').getByTestId('problem').getByText(/cannot be judged failed before then/u).waitFor();
    await mine('PIP', 'pipeline-humane-06-check-in');
    await employee.getByText('Indexer backlog halved').first().waitFor();
    await hr.reload();
    await takeStep(hr, 'recordPipOutcome', { 'Note against the goals': 'Both goals met.' }, ['Pass']);
    await expectStage(hr, 'Kept');
    await mine('Kept', 'pipeline-humane-07-kept');
  });
});
