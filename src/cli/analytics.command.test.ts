import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHighbar as run, scratchFolder } from '../../test/run-highbar.ts';

/** The offline analytics commands through the real entry point, with buffers for streams. */
const scratch = scratchFolder('analytics');
const file = scratch.file;

/** 40 people: gender, level, rating 1-5 and a manager, patterned so every group has both outcomes. */
function roster(): string {
  const lines = ['employee_id,gender,level,rating,manager_id'];
  for (let i = 0; i < 40; i++) {
    lines.push(`E${i},${i % 2 ? 'F' : 'M'},${i % 4 < 2 ? 'L5' : 'L6'},${(i % 5) + 1},M${i % 3}`);
  }
  return `${lines.join('\n')}\n`;
}

const SIMULATE = ['simulate', '--people', '500', '--team-size', '10', '--team-sd', '0.5', '--noise-sd', '0.7', '--policy', 'forced', '--runs', '20', '--seed', '42', '--format', 'json'];

describe('highbar simulate', () => {
  it('prints byte-identical JSON for the same seed, and other numbers for another seed', async () => {
    const first = await run(SIMULATE);
    const second = await run(SIMULATE);
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['runs', 'leShare', 'leAboveMedianShare', 'teamsForcedToLabelAboveMedian', 'params']));
    expect(report.params).toEqual({ people: 500, teamSize: 10, teamSd: 0.5, noiseSd: 0.7, policy: 'forced', leShare: 0.08, runs: 20, seed: 42 });
    const other = await run(SIMULATE.map((a) => (a === '42' ? '43' : a)));
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('prints a readable summary by default', async () => {
    const human = await run(SIMULATE.slice(0, -2));
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Policy simulation: forced, 20 runs, seed 42');
  });

  it('exits 2 naming every bad parameter, and prints nothing on stdout', async () => {
    const bad = await run(['simulate', '--people', 'many', '--team-size', '0', '--team-sd', '0.5', '--noise-sd', 'x', '--policy', 'best', '--runs', '10', '--seed', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    for (const flag of ['--people', '--team-size', '--noise-sd', '--policy', '--seed']) expect(bad.stderr).toContain(flag);
    const missing = await run(['simulate', '--people', '10']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--seed is required.');
    expect(missing.stderr).toContain('--policy is required.');
  });
});

describe('highbar audit bias', () => {
  it('prints the contract document with --format json', async () => {
    const input = file('roster.csv', roster());
    const result = await run(['audit', 'bias', '--input', input, '--outcome', 'rating', '--favourable', '4,5', '--group', 'gender', '--control', 'level', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ outcome: 'rating', group: 'gender', reference: 'F', controls: ['level'], minGroup: 5, suppressed: { groups: 0, people: 0 } });
    expect(report.groups).toEqual([
      { value: 'F', n: 20, favourable: 8, share: 0.4 },
      { value: 'M', n: 20, favourable: 8, share: 0.4 },
    ]);
    expect(Object.keys(report.comparisons[0])).toEqual(['value', 'reference', 'unadjusted', 'adjusted', 'pHolm', 'impactRatio', 'ordinal']);
    expect(Object.keys(report.comparisons[0].adjusted)).toEqual(['oddsRatio', 'ciLow', 'ciHigh', 'cmh', 'p', 'strata']);
    expect(report.comparisons[0].impactRatio).toBe(1);
    expect(report.findings.length).toBeGreaterThan(1);
  });

  it('prints tables and findings by default', async () => {
    const input = file('roster-text.csv', roster());
    const result = await run(['audit', 'bias', '--input', input, '--outcome', 'rating', '--favourable', '5', '--favourable', '4', '--group', 'gender']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Bias audit of rating by gender');
    expect(result.stdout).toContain('Findings:');
  });

  it('exits 2 with every problem as FILE:LINE: column C: reason and nothing on stdout', async () => {
    const input = file('broken.csv', 'employee_id,gender,level,rating\nE1,F,L5,4\nE2,,L5,3\nE3,M,L5,\n');
    const result = await run(['audit', 'bias', '--input', input, '--outcome', 'rating', '--favourable', '4', '--group', 'gender', '--control', 'level', '--min-group', '1']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${input}:1: column level: has only one value ("L5"); a control needs at least two`);
    expect(result.stderr).toContain(`${input}:3: column gender: is empty`);
    expect(result.stderr).toContain(`${input}:4: column rating: is empty`);
  });

  it('exits 2 for usage mistakes and unreadable files', async () => {
    const usage = await run(['audit', 'bias', '--outcome', 'rating', '--min-group', 'five']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--input is required.');
    expect(usage.stderr).toContain('--min-group must be a whole number');
    const missing = await run(['audit', 'bias', '--input', path.join(scratch.dir, 'nope.csv'), '--outcome', 'r', '--favourable', '1', '--group', 'g']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
  });
});

describe('highbar audit managers', () => {
  it('prints each manager with the contract fields', async () => {
    const input = file('managers.csv', roster());
    const result = await run(['audit', 'managers', '--input', input, '--outcome', 'rating', '--favourable', '5', '--manager', 'manager_id', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.orgRate).toBe(8 / 40);
    expect(report.managers.map((m: { manager: string }) => m.manager)).toEqual(['M0', 'M1', 'M2']);
    expect(Object.keys(report.managers[0])).toEqual(['manager', 'n', 'favourable', 'rawRate', 'shrunkRate', 'probAboveOrg', 'flag']);
  });

  it('exits 2 when the file has a single manager', async () => {
    const input = file('one-manager.csv', 'manager_id,rating\nM1,5\nM1,3\n');
    const result = await run(['audit', 'managers', '--input', input, '--outcome', 'rating', '--favourable', '5', '--manager', 'manager_id']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('drift compares at least two');
  });
});
