import { describe, expect, it } from 'vitest';
import { AMAZON_OLR, HUMANE_OLR } from '../policy/olr-presets.ts';
import { checkRoster, rosterBlocked } from './roster-check.rules.ts';
import { formatRosterReport } from './roster-report.rules.ts';
import type { RosterRow } from './roster-csv.rules.ts';

let line = 1;
const person = (employeeId: string, performance: number, potential: number, group: string | null = null): RosterRow => ({ line: ++line, employeeId, performance, potential, level: null, managerId: null, group });

/** Twelve people: amazon allows TT 0-2, HV1 4-5 and exactly one LE in a group of 12. */
const TWELVE = [
  person('A1', 7, 4),
  person('A2', 6, 3),
  person('A3', 6, 3),
  person('A4', 5, 1),
  person('A5', 4, 4),
  person('A6', 4, 1),
  person('A7', 4, 2),
  person('A8', 3, 2),
  person('A9', 5, 2),
  person('A10', 4, 3),
  person('A11', 3, 3),
  person('A12', 5, 3),
];

describe('checkRoster', () => {
  it('gives each person the OV of the matrix and the Forte summary of their performance', () => {
    const report = checkRoster('amazon', AMAZON_OLR, [person('E1', 5, 1), person('E2', 4, 4)]);
    expect(report.people).toEqual([
      { employee_id: 'E1', ov: 'HV1', forte: 'Exceeds High Bar' },
      { employee_id: 'E2', ov: 'HV3', forte: 'Meets High Bar' },
    ]);
  });

  it('lists each target of the policy for the group, and the targets missed as violations', () => {
    const report = checkRoster('amazon', AMAZON_OLR, TWELVE);
    expect(report.groups).toEqual([
      {
        group: null,
        size: 12,
        counts: { TT: 3, HV3: 2, HV2: 2, HV1: 5, LE: 0 },
        targets: [
          { rating: 'TT', allowedMin: 0, allowedMax: 2, count: 3, ok: false, applies: true },
          { rating: 'HV1', allowedMin: 4, allowedMax: 5, count: 5, ok: true, applies: true },
          { rating: 'LE', allowedMin: 1, allowedMax: 1, count: 0, ok: false, applies: true },
        ],
      },
    ]);
    expect(report.violations).toEqual([
      { group: null, rating: 'TT', count: 3, allowedMin: 0, allowedMax: 2 },
      { group: null, rating: 'LE', count: 0, allowedMin: 1, allowedMax: 1 },
    ]);
    expect(report.forced).toBe(true);
    expect(rosterBlocked(report)).toBe(true);
  });

  it('checks each group on its own, in the order groups first appear', () => {
    const rows = [...TWELVE.map((r, i) => ({ ...r, group: i < 10 ? 'Payments' : 'Ledger' }))];
    const report = checkRoster('amazon', AMAZON_OLR, rows);
    expect(report.groups.map((g) => [g.group, g.size, g.targets.every((t) => !t.applies)])).toEqual([
      ['Payments', 10, false],
      ['Ledger', 2, true],
    ]);
    expect(report.violations.every((v) => v.group === 'Payments')).toBe(true);
  });

  it('only warns under a guideline policy', () => {
    const report = checkRoster('humane', HUMANE_OLR, [...TWELVE, ...TWELVE.map((r) => ({ ...r, employeeId: `B${r.employeeId}` }))].map((r) => ({ ...r, performance: 7 })));
    expect(report.violations).toEqual([{ group: null, rating: 'TT', count: 24, allowedMin: 0, allowedMax: 6 }]);
    expect([report.forced, rosterBlocked(report)]).toEqual([false, false]);
  });
});

describe('formatRosterReport', () => {
  it('says what blocks finalising, by how many people', () => {
    const text = formatRosterReport(checkRoster('amazon', AMAZON_OLR, TWELVE), { groupBy: null, olr: AMAZON_OLR });
    expect(text).toContain('Policy amazon: forced distribution');
    expect(text).toContain('  A4           HV1  Exceeds High Bar');
    expect(text).toContain('2 violations block finalising:\n  Whole roster: TT: 3 people, at most 2 allowed (1 over)\n  Whole roster: LE: 0 people, at least 1 required (1 under)\n');
  });

  it('names groups by the --group-by column and says when a target does not apply yet', () => {
    const text = formatRosterReport(checkRoster('amazon', AMAZON_OLR, TWELVE.slice(0, 3).map((r) => ({ ...r, group: 'Ledger' }))), { groupBy: 'team', olr: AMAZON_OLR });
    expect(text).toContain('team Ledger: 3 people');
    expect(text).toContain('target applies from 10 people');
    expect(text).toContain('Every group is within its targets.');
  });
});
