import { describe, expect, it } from 'vitest';
import { compareGaps, complexityScores, describeComplexity, ratingByComplexity } from './complexity.rules.ts';
import { auditBias } from './bias-audit.ts';
import { prepareBiasAudit } from './bias-input.ts';
import type { CsvTable } from './csv-table.ts';

describe('complexityScores', () => {
  it('takes numbers as they are, words in the order given, and refuses words without one', () => {
    expect(complexityScores(['3', '1', '2'], undefined, 'scope')).toEqual({ ok: true, value: new Map([['3', 3], ['1', 1], ['2', 2]]) });
    expect(complexityScores(['large', 'small'], ['small', 'medium', 'large'], 'scope')).toEqual({ ok: true, value: new Map([['small', 1], ['medium', 2], ['large', 3]]) });
    const refused = complexityScores(['large', 'small'], undefined, 'scope');
    expect(refused.ok ? '' : refused.problems[0]!.reason).toMatch(/scope has values that are not numbers .* give their order/u);
    const missing = complexityScores(['huge'], ['small', 'large'], 'scope');
    expect(missing.ok ? '' : missing.problems[0]!.reason).toMatch(/"huge"/u);
  });
});

describe('ratingByComplexity', () => {
  it('shows the favourable share per grade and its trend, hiding small grades', () => {
    const records = [
      ...Array.from({ length: 10 }, (_, i) => ({ complexity: '1', favourable: i < 2 })),
      ...Array.from({ length: 10 }, (_, i) => ({ complexity: '2', favourable: i < 5 })),
      ...Array.from({ length: 10 }, (_, i) => ({ complexity: '3', favourable: i < 8 })),
      ...Array.from({ length: 2 }, () => ({ complexity: '9', favourable: true })),
    ];
    const scores = new Map([['1', 1], ['2', 2], ['3', 3], ['9', 9]]);
    const result = ratingByComplexity(records, scores, 5);
    // Grade 9 (2 people) is hidden, and grade 1 (the next smallest, ties by value) with it.
    expect(result.rows.map((r) => [r.value, r.share])).toEqual([['2', 0.5], ['3', 0.8]]);
    expect(result.suppressed).toEqual({ groups: 2, people: 12 });
    const open = ratingByComplexity(records.slice(0, 30), scores, 5);
    // Shares 0.2, 0.5, 0.8 over scores 1..3, 30 people: Sxy = 6, Sxx = 20, Syy = 7.5, so
    // r = 6 / sqrt(150) = 0.490 and M2 = 29 r^2 = 6.96.
    expect(open.trend.r).toBeCloseTo(6 / Math.sqrt(150), 10);
    expect(open.trend.chiSquare).toBeCloseTo(29 * 0.24, 10);
  });
});

describe('compareGaps', () => {
  // Women are rated lower overall, but they are given the less complex work; within the same
  // complexity their rates equal men's: the raw gap is explained by the allocation of work.
  const rows: string[] = [];
  const add = (gender: string, complexity: string, favourable: number, n: number) => {
    for (let i = 0; i < n; i++) rows.push(`${i < favourable ? 'TT' : 'HV2'},${gender},${complexity},L5`);
  };
  add('Woman', '1', 8, 40);
  add('Woman', '3', 6, 10);
  add('Man', '1', 2, 10);
  add('Man', '3', 24, 40);
  const table: CsvTable = { header: ['rating', 'gender', 'complexity', 'level'], rows: rows.map((r, i) => ({ line: i + 2, cells: r.split(',') })) };
  const audit = (controls: string[]) => {
    const prepared = prepareBiasAudit(table, { outcome: 'rating', group: 'gender', controls, favourable: ['TT'], minGroup: 5 });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
    const report = auditBias(prepared.value, { minGroup: 5, reference: 'Man' });
    if (!report.ok) throw new Error('audit failed');
    return report.value;
  };

  it('says a gap within level is explained once complexity is controlled for', () => {
    const gaps = compareGaps(audit([]), audit(['complexity']));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ group: 'Woman', reference: 'Man', verdict: 'explained' });
    expect(gaps[0]!.after.oddsRatio).toBeCloseTo(1, 10);
    const scores = new Map([['1', 1], ['3', 3]]);
    const trend = ratingByComplexity(rows.map((r) => ({ complexity: r.split(',')[2]!, favourable: r.startsWith('TT') })), scores, 5);
    const findings = describeComplexity({ complexityLabel: 'complexity', baseControls: '', trend, gaps, groupLabel: 'gender' });
    expect(findings.join(' ')).toMatch(/Ratings rise with complexity/u);
    expect(findings.join(' ')).toMatch(/disappears once work of the same complexity is compared/u);
  });
});
