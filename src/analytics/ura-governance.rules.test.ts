import { describe, expect, it } from 'vitest';
import { uraGovernance, type OrganisationOutcomes } from './ura-governance.rules.ts';

const org = (name: string, uraToDate: number | null, rated: number, le: number, focus: number): OrganisationOutcomes => ({ name, targetPercent: 6, targetToDatePercent: 3, uraToDatePercent: uraToDate, rated, le, focus });

describe('uraGovernance', () => {
  it('flags organisations behind target and finds LEs clustered there', () => {
    const report = uraGovernance([org('A', 1, 20, 6, 4), org('B', 0.5, 20, 5, 3), org('C', 4, 20, 0, 0), org('D', 3.5, 20, 1, 0)], { minGroup: 5 });
    expect(report.organisations.map((o) => [o.name, o.behind, o.shortfallPoints])).toEqual([['A', true, 2], ['B', true, 2.5], ['C', false, -1], ['D', false, -0.5]]);
    expect(report.le).toMatchObject({ behind: { n: 40, outcome: 11 }, onTrack: { n: 40, outcome: 1 } });
    // scipy.stats.fisher_exact([[11, 29], [1, 39]]) gives p = 0.0032552.
    expect(report.le!.fisherP).toBeCloseTo(0.0032552, 6);
    expect(report.le!.rankCorrelation).toMatchObject({ n: 4, method: 'exact' });
    expect(report.le!.rankCorrelation.rho).toBeCloseTo(0.8, 10);
    // Exact: of the 24 orderings of four, 8 have |rho| of 0.8 or more.
    expect(report.le!.rankCorrelation.p).toBeCloseTo(8 / 24, 10);
    expect(report.findings.join(' ')).toMatch(/LE ratings: 11 of 40 .* cluster where URA is behind/u);
  });

  it('hides small organisations, and the next-smallest with them, out of the tests', () => {
    const report = uraGovernance([org('A', 1, 20, 6, 4), org('B', 0.5, 3, 3, 3), org('C', 4, 8, 0, 0), org('D', 3.5, 20, 1, 0)], { minGroup: 5 });
    expect(report.organisations.map((o) => o.name)).toEqual(['A', 'D']);
    expect(report.suppressed).toEqual({ organisations: 2, people: 11 });
    expect(report.le!.behind.n + report.le!.onTrack.n).toBe(40);
  });

  it('leaves out organisations nobody was rated in, without hiding a neighbour for them', () => {
    const report = uraGovernance([org('A', 1, 20, 6, 4), org('B', 0.5, 0, 0, 0), org('C', 4, 20, 0, 0)], { minGroup: 5 });
    expect(report.organisations.map((o) => o.name)).toEqual(['A', 'C']);
    expect(report).toMatchObject({ unrated: 1, suppressed: { organisations: 0, people: 0 } });
    expect(report.findings.join(' ')).toMatch(/1 organisation has nobody rated/u);
  });

  it('does not test without a contrast or with under two organisations', () => {
    expect(uraGovernance([org('A', 1, 20, 6, 4), org('B', 0.5, 20, 5, 3)], { minGroup: 5 }).findings.join(' ')).toMatch(/every organisation shown is behind/u);
    expect(uraGovernance([org('A', 1, 20, 6, 4)], { minGroup: 5 }).le).toBeNull();
    expect(uraGovernance([org('A', null, 20, 6, 4), org('B', null, 20, 1, 0)], { minGroup: 5 }).le).toBeNull();
  });
});
