import { describe, expect, it } from 'vitest';
import { parseRosterCsv, type RosterOptions } from './roster-csv.rules.ts';

const SCALES: RosterOptions = { performanceLevels: 7, potentialLevels: 4, groupBy: null };
const parse = (text: string, options: Partial<RosterOptions> = {}) => parseRosterCsv(new TextEncoder().encode(text), { ...SCALES, ...options });
const problemsOf = (text: string, options: Partial<RosterOptions> = {}) => {
  const result = parse(text, options);
  if (result.ok) throw new Error('expected problems, the roster parsed');
  return result.problems.map((p) => `${p.line}: column ${p.column}: ${p.reason}`);
};

describe('parseRosterCsv', () => {
  it('reads the roster columns, the optional ones and the group-by column', () => {
    const result = parse('employee_id,performance,potential,level,manager_id,Team\nE1,5,1,L5,M1,Payments\nE2, 4 ,4,,,\n', { groupBy: 'team' });
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, employeeId: 'E1', performance: 5, potential: 1, level: 'L5', managerId: 'M1', group: 'Payments' },
        { line: 3, employeeId: 'E2', performance: 4, potential: 4, level: null, managerId: null, group: '' },
      ],
    });
  });

  it('puts everyone in one group without --group-by, and ignores columns it does not know', () => {
    const result = parse('potential,employee_id,performance,notes\n2,E1,3,"quiet, steady"\n');
    expect(result.ok && result.rows).toEqual([{ line: 2, employeeId: 'E1', performance: 3, potential: 2, level: null, managerId: null, group: null }]);
  });

  it('reports every problem of the file with its line and column', () => {
    const text = ['employee_id,performance,potential', 'E1,8,1', ',4,2', 'E1,4.5,0', 'E4,,high', 'E5,3'].join('\n');
    expect(problemsOf(text)).toEqual([
      '2: column performance: 8 is not a performance level (1 to 7)',
      '3: column employee_id: is empty',
      '4: column employee_id: E1 appears again (first on line 2)',
      '4: column performance: "4.5" is not a whole number (1 to 7)',
      '4: column potential: 0 is not a potential level (1 to 4)',
      '5: column performance: is empty',
      '5: column potential: "high" is not a whole number (1 to 4)',
      '6: column -: has 2 fields but the header has 3',
    ]);
  });

  it('checks ratings against the policy’s scales, not a fixed 7 and 4', () => {
    expect(problemsOf('employee_id,performance,potential\nE1,6,3\n', { performanceLevels: 5, potentialLevels: 3 })).toEqual(['2: column performance: 6 is not a performance level (1 to 5)']);
  });

  it('refuses a header without the required columns, or with an unknown --group-by column', () => {
    expect(problemsOf('employee_id,perf,potential\nE1,5,1\n', { groupBy: 'squad' })).toEqual([
      '1: column performance: required column is missing from the header',
      '1: column squad: the --group-by column is not in the header (columns: employee_id, perf, potential)',
    ]);
    expect(problemsOf('employee_id,performance,potential,level,Level\n')).toEqual(['1: column level: column appears twice in the header']);
  });

  it('refuses an empty file and a roster with nobody in it', () => {
    expect(problemsOf('')).toEqual(['1: column -: the file is empty: a header row is required']);
    expect(problemsOf('employee_id,performance,potential\n')).toEqual(['2: column -: the roster has no people']);
  });

  it('reports a record that spans lines at its first line, after blank lines too', () => {
    const text = 'employee_id,performance,potential,level\n\nE1,9,1,"L5\nsenior"\nE2,9,1,L5\n';
    expect(problemsOf(text)).toEqual(['3: column performance: 9 is not a performance level (1 to 7)', '5: column performance: 9 is not a performance level (1 to 7)']);
  });

  it('names a byte that is not UTF-8 and a quote that never closes', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('employee_id,performance,potential,level\nE1,5,1,'), 0xe9, 0x0a]);
    const result = parseRosterCsv(latin1, SCALES);
    expect(!result.ok && result.problems).toEqual([{ line: 2, column: '#4', reason: 'invalid UTF-8 byte 0xE9 at byte 8 of the line (save the file as UTF-8)' }]);
    expect(problemsOf('employee_id,performance,potential\nE1,"5,1\n')[0]).toMatch(/^\d+: column -: not valid CSV: /u);
  });
});
