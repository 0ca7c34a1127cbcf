import { describe, expect, it } from 'vitest';
import { headcountOn, uraYear, type UraExit, type UraPerson } from './ura.rules.ts';

const people: UraPerson[] = Array.from({ length: 50 }, (_, i) => ({ personId: i + 1, hireDate: i < 48 ? '2020-01-01' : '2027-05-10' }));
const exits: UraExit[] = [
  { personId: 1, exitDate: '2026-12-31', kind: 'voluntary', regretted: true },
  { personId: 2, exitDate: '2027-02-10', kind: 'involuntary', regretted: false },
  { personId: 3, exitDate: '2027-03-31', kind: 'voluntary', regretted: false },
  { personId: 4, exitDate: '2027-04-01', kind: 'voluntary', regretted: true },
  { personId: 5, exitDate: '2027-11-20', kind: 'involuntary', regretted: false },
];

describe('URA by quarter', () => {
  it('counts headcount from hire dates and recorded exits', () => {
    expect(headcountOn('2027-01-01', people, exits)).toBe(47);
    expect(headcountOn('2027-07-01', people, exits)).toBe(46);
  });

  it('reports each quarter against the target pro rata', () => {
    const year = uraYear({ year: 2027, people, exits, targetPercent: 6 });
    expect(year.headcountAtStart).toBe(47);
    expect(year.quarters.map((q) => [q.quarter, q.exits, q.unregretted, q.cumulativeUnregrettedPercent, q.targetToDatePercent])).toEqual([
      ['2027-Q1', 2, 2, 4.26, 1.5],
      ['2027-Q2', 1, 0, 4.26, 3],
      ['2027-Q3', 0, 0, 4.26, 4.5],
      ['2027-Q4', 1, 1, 6.38, 6],
    ]);
    expect(year.quarters[0]).toMatchObject({ voluntary: 1, involuntary: 1, regretted: 0 });
    expect(year.actualPercent).toBe(6.38);
  });

  it('has no rate for an organisation with nobody in it', () => {
    expect(uraYear({ year: 2027, people: [], exits: [], targetPercent: 6 }).actualPercent).toBeNull();
  });
});
