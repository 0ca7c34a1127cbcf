import { describe, expect, it } from 'vitest';
import { AMAZON_POLICY } from '../policy/presets.ts';
import { runHighbar, scratchFolder } from '../../test/run-highbar.ts';

/** `highbar calibrate` through the real entry point, with buffers for streams and no database. */
const file = scratchFolder('calibrate').file;
const run = (args: string[]) => runHighbar(['calibrate', ...args]);

// Twelve people in Payments and three in Ledger. Payments (12) is held to amazon's targets:
// TT 0-2 (it has 3), HV1 4-5 (5), LE exactly 1 (none). Ledger is under the 10-person threshold.
const ROSTER = [
  'employee_id,performance,potential,level,manager_id,team',
  'A1,7,4,L6,M1,Payments',
  'A2,6,3,L5,M1,Payments',
  'A3,6,3,L5,M1,Payments',
  'A4,5,1,L5,M1,Payments',
  'A5,4,4,L5,M1,Payments',
  'A6,4,1,L5,M1,Payments',
  'A7,4,2,L4,M1,Payments',
  'A8,3,2,L4,M1,Payments',
  'A9,5,2,L5,M1,Payments',
  'A10,4,3,L5,M1,Payments',
  'A11,3,3,L4,M1,Payments',
  'A12,5,3,L6,M1,Payments',
  'B1,1,2,L5,M2,Ledger',
  'B2,7,1,L6,M2,Ledger',
  'B3,2,3,L4,M2,Ledger',
].join('\n');

describe('highbar calibrate', () => {
  it('prints the CONTRACTS.md document and exits 1 when a forced policy is violated', async () => {
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', 'amazon', '--group-by', 'team', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['policy', 'people', 'groups', 'violations', 'forced']);
    expect(report.policy).toBe('amazon');
    expect(report.forced).toBe(true);
    expect(report.people).toHaveLength(15);
    expect(report.people[3]).toEqual({ employee_id: 'A4', ov: 'HV1', forte: 'Exceeds High Bar' });
    expect(report.people[4]).toEqual({ employee_id: 'A5', ov: 'HV3', forte: 'Meets High Bar' });
    expect(report.people.slice(12)).toEqual([
      { employee_id: 'B1', ov: 'LE', forte: 'Needs Improvement' },
      { employee_id: 'B2', ov: 'HV3', forte: 'Exceeds High Bar' },
      { employee_id: 'B3', ov: 'HV1', forte: 'Needs Improvement' },
    ]);
    expect(report.groups[0]).toEqual({
      group: 'Payments',
      size: 12,
      counts: { TT: 3, HV3: 2, HV2: 2, HV1: 5, LE: 0 },
      targets: [
        { rating: 'TT', allowedMin: 0, allowedMax: 2, count: 3, ok: false, applies: true },
        { rating: 'HV1', allowedMin: 4, allowedMax: 5, count: 5, ok: true, applies: true },
        { rating: 'LE', allowedMin: 1, allowedMax: 1, count: 0, ok: false, applies: true },
      ],
    });
    expect(report.groups[1]).toMatchObject({ group: 'Ledger', size: 3, counts: { TT: 0, HV3: 1, HV2: 0, HV1: 1, LE: 1 } });
    expect(report.violations).toEqual([
      { group: 'Payments', rating: 'TT', count: 3, allowedMin: 0, allowedMax: 2 },
      { group: 'Payments', rating: 'LE', count: 0, allowedMin: 1, allowedMax: 1 },
    ]);
  });

  it('treats the whole roster as one group without --group-by', async () => {
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', 'amazon', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.groups.map((g: { group: unknown; size: number }) => [g.group, g.size])).toEqual([[null, 15]]);
    expect(result.code).toBe(report.violations.length > 0 ? 1 : 0);
  });

  it('exits 0 with the same roster under the humane guidelines', async () => {
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', 'humane', '--group-by', 'team', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.forced).toBe(false);
    expect(report.people[3]).toEqual({ employee_id: 'A4', ov: 'HV3', forte: 'Exceeds High Bar' });
  });

  it('exits 0 when a forced policy is met', async () => {
    // One LE (1,1), two TT (7,4), five HV1 (4,1), four HV2 (4,3): inside TT 0-2, HV1 4-5, LE 1.
    const cells = ['1,1', '7,4', '7,4', '4,1', '4,1', '4,1', '4,1', '4,1', '4,3', '4,3', '4,3', '4,3'];
    const fits = ['employee_id,performance,potential', ...cells.map((cell, i) => `E${i},${cell}`)].join('\n');
    const result = await run(['--input', file('fits.csv', fits), '--policy', 'amazon', '--format', 'json']);
    expect(JSON.parse(result.stdout).violations).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('prints people, groups and what to fix for humans by default', async () => {
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', 'amazon', '--group-by', 'team']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('15 people, 2 groups by team');
    expect(result.stdout).toContain('team Payments: 12 people');
    expect(result.stdout).toContain('2 violations block finalising:\n  team Payments: TT: 3 people, at most 2 allowed (1 over)\n  team Payments: LE: 0 people, at least 1 required (1 under)\n');
  });

  it('reads a policy from a JSON file', async () => {
    const custom = structuredClone(AMAZON_POLICY);
    custom.key = 'amazon-lenient';
    custom.olr.distribution.mode = 'guideline';
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', file('lenient.json', JSON.stringify(custom, null, 2)), '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ policy: 'amazon-lenient', forced: false });
  });

  it('prints every roster problem as FILE:LINE: column C: reason, exits 2 and writes nothing', async () => {
    const bad = file('bad.csv', ['employee_id,performance,potential,team', 'E1,8,1,x', ',4,2,x', 'E1,4,5,x'].join('\n'));
    const result = await run(['--input', bad, '--policy', 'amazon', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${bad}:2: column performance: 8 is not a performance level (1 to 7)`,
      `${bad}:3: column employee_id: is empty`,
      `${bad}:4: column employee_id: E1 appears again (first on line 2)`,
      `${bad}:4: column potential: 5 is not a potential level (1 to 4)`,
    ]);
  });

  it('refuses an unknown --group-by column', async () => {
    const input = file('roster.csv', ROSTER);
    const result = await run(['--input', input, '--policy', 'amazon', '--group-by', 'squad']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${input}:1: column squad: the --group-by column is not in the header (columns: employee_id, performance, potential, level, manager_id, team)\n`);
  });

  it('refuses a policy file with gaps or impossible targets, at the line of each problem', async () => {
    const broken = structuredClone(AMAZON_POLICY) as { olr: { ovMatrix: Record<string, Record<string, string>>; distribution: { targets: { minPercent: number }[] } } };
    delete broken.olr.ovMatrix['6']!['2'];
    broken.olr.distribution.targets[1]!.minPercent = 45;
    const text = JSON.stringify(broken, null, 2);
    const policy = file('broken.json', text);
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${policy}:\\d+: column olr\\.distribution\\.targets\\.1\\.minPercent: minPercent \\(45\\) must not exceed maxPercent \\(40\\)$`, 'u'));
    expect(lines[1]).toMatch(new RegExp(`^${policy}:\\d+: column olr\\.ovMatrix\\.6\\.2: missing cell for performance 6, potential 2$`, 'u'));
    const lineOf = (problem: string) => text.split('\n')[Number(problem.slice(policy.length + 1).split(':')[0]) - 1];
    expect(lineOf(lines[0]!)).toContain('"minPercent": 45');
    expect(lineOf(lines[1]!)).toContain('"6": {');
  });

  it('refuses a policy file that has no OLR section', async () => {
    const { olr: _olr, ...forteOnly } = AMAZON_POLICY;
    const policy = file('forte-only.json', JSON.stringify(forteOnly));
    const result = await run(['--input', file('roster.csv', ROSTER), '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^.*forte-only\.json:1: column olr: the policy has no olr section/u);
  });

  it.each([
    [['--policy', 'amazon'], /calibrate needs --input and --policy/u],
    [['--input', 'x.csv'], /calibrate needs --input and --policy/u],
    [['--input', 'missing.csv', '--policy', 'amazon'], /Cannot read --input missing\.csv/u],
    [['--input', 'x.csv', '--policy', 'google'], /--policy must be amazon, humane or a policy JSON file; google is neither/u],
    [['--input', 'x.csv', '--policy', 'amazon', '--format', 'csv'], /--format takes json/u],
    [['--input', 'x.csv', '--policy', 'amazon', '--bogus'], /bogus/u],
  ])('treats %j as a usage error (exit 2, nothing on stdout)', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
