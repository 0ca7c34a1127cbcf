import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pulseAnswerProblems, pulseReport, type TeamTally } from './pulse.rules.ts';
import type { PulseQuestion } from '../policy/growth.schema.ts';

const Q: PulseQuestion[] = [{ key: 'fun', text: 'Work is fun.', scale: { min: 1, max: 5, minLabel: 'No', maxLabel: 'Yes' } }];

/** A team whose members all answered `value`. */
const team = (teamId: number, values: number[]): TeamTally => ({
  teamId,
  respondents: values.length,
  tallies: [...new Set(values)].map((value) => ({ questionKey: 'fun', value, n: values.filter((v) => v === value).length })),
});

describe('pulseAnswerProblems', () => {
  it('refuses an answer off the scale, a missing answer and a question not asked', () => {
    expect(pulseAnswerProblems(Q, { fun: 6 })).toEqual([{ path: 'body.answers.fun', message: '6 is outside the scale (1 to 5)' }]);
    expect(pulseAnswerProblems(Q, {})).toEqual([{ path: 'body.answers.fun', message: 'is not answered' }]);
    expect(pulseAnswerProblems(Q, { fun: 3, salary: 1 })).toEqual([{ path: 'body.answers.salary', message: 'is not a question of this pulse' }]);
    expect(pulseAnswerProblems(Q, { fun: 2.5 })).toHaveLength(1);
  });
});

describe('pulseReport', () => {
  it('never shows a team of four, nor a total of four', () => {
    const report = pulseReport(Q, [team(1, [1, 2, 3, 4])], 5);
    expect(report).toEqual({ teams: [], suppressedTeamIds: [1], total: null });
  });

  it('hides a second team so that the total minus the visible teams is no single small team', () => {
    const report = pulseReport(Q, [team(1, [5, 5, 5, 5, 5]), team(2, [4, 4, 4, 4, 4, 4]), team(3, [1])], 5);
    expect(report.suppressedTeamIds).toEqual([1, 3]);
    expect(report.teams.map((t) => t.teamId)).toEqual([2]);
    expect(report.total?.respondents).toBe(12);
    expect(report.total?.questions[0]?.mean).toBeCloseTo((25 + 24 + 1) / 12, 12);
  });

  it('leaves teams nobody answered out of the suppression', () => {
    const report = pulseReport(Q, [team(1, [3, 3, 3, 3, 3]), team(2, [])], 5);
    expect(report.teams.map((t) => t.teamId)).toEqual([1]);
    expect(report.suppressedTeamIds).toEqual([2]);
  });

  it('lets no subtraction of shown numbers isolate fewer respondents than the minimum', () => {
    const teams = fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 9 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(teams, fc.integer({ min: 3, max: 8 }), (lists, minGroup) => {
        const tallies = lists.map((values, i) => team(i + 1, values));
        const report = pulseReport(Q, tallies, minGroup);
        for (const shown of report.teams) expect(shown.respondents).toBeGreaterThanOrEqual(minGroup);
        if (report.total) {
          const rest = report.total.respondents - report.teams.reduce((s, t) => s + t.respondents, 0);
          // What the total minus every visible team leaves: nothing, or at least a whole group.
          expect(rest === 0 || rest >= minGroup).toBe(true);
        }
      }),
    );
  });
});
