import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditBias, type BiasAuditReport } from './bias-audit.ts';
import { prepareBiasAudit, type BiasAuditRequest } from './bias-input.ts';
import { buildCountsTable, numbersIn, type CountSpec } from '../../test/analytics-factories.ts';
import type { CsvTable } from './csv-table.ts';
import { holmAdjust } from './holm.ts';

const REQUEST: BiasAuditRequest = { outcome: 'outcome', favourable: ['yes'], group: 'group', controls: ['level'], minGroup: 5 };

function audit(table: CsvTable, request: Partial<BiasAuditRequest> = {}, reference?: string): BiasAuditReport {
  const full = { ...REQUEST, ...request };
  const prepared = prepareBiasAudit(table, full);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
  const result = auditBias(prepared.value, { minGroup: full.minGroup, ...(reference ? { reference } : {}) });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

/** UC Berkeley 1973 admissions by department (Bickel et al. 1975; R's UCBAdmissions). */
const BERKELEY: CountSpec[] = (
  [
    ['A', 512, 313, 89, 19],
    ['B', 353, 207, 17, 8],
    ['C', 120, 205, 202, 391],
    ['D', 138, 279, 131, 244],
    ['E', 53, 138, 94, 299],
    ['F', 22, 351, 24, 317],
  ] as const
).flatMap(([dept, ma, mr, fa, fr]) => [
  { group: 'Male', stratum: dept, favourable: ma, unfavourable: mr },
  { group: 'Female', stratum: dept, favourable: fa, unfavourable: fr },
]);

describe('auditBias on Berkeley admissions: a raw gap that disappears after controls', () => {
  const report = audit(buildCountsTable(BERKELEY));
  const [female] = report.comparisons;

  it('compares women with the largest group, raw and within departments', () => {
    expect(report.reference).toBe('Male');
    expect(report.groups).toEqual([
      { value: 'Male', n: 2691, favourable: 1198, share: 1198 / 2691 },
      { value: 'Female', n: 1835, favourable: 557, share: 557 / 1835 },
    ]);
    expect(female!.unadjusted.oddsRatio).toBeCloseTo((557 * 1493) / (1278 * 1198), 12);
    // R's mantelhaen.test(UCBAdmissions) gives 0.9046968 (0.7719074 to 1.0603298) for men
    // against women; women against men is the reciprocal, and CMH 1.5246 without correction.
    expect(female!.adjusted!.oddsRatio).toBeCloseTo(1 / 0.9046968, 6);
    expect(female!.adjusted!.ciLow).toBeCloseTo(1 / 1.0603298, 6);
    expect(female!.adjusted!.ciHigh).toBeCloseTo(1 / 0.7719074, 6);
    expect(female!.adjusted!.cmh).toBeCloseTo(1.5246, 4);
    expect(female!.adjusted!.strata).toBe(6);
    expect(female!.pHolm).toBeCloseTo(female!.adjusted!.p!, 12);
    expect(female!.impactRatio).toBeCloseTo(557 / 1835 / (1198 / 2691), 12);
  });

  it("says the gap disappears (Simpson's paradox) and flags the raw four-fifths breach", () => {
    const finding = report.findings.find((f) => f.startsWith('"Female"'))!;
    expect(finding).toContain('significant raw gap');
    expect(finding).toContain('disappears after controlling for level');
    expect(finding).toContain("Simpson's paradox");
    expect(report.findings.some((f) => f.includes('below four-fifths'))).toBe(true);
  });
});

describe('auditBias findings with controls', () => {
  it('says when a gap appears only after controls', () => {
    // Raw shares are equal (140 of 500 each) but women trail men at both levels: women are
    // concentrated at the senior level, where everyone is favoured more often.
    const report = audit(
      buildCountsTable([
        { group: 'Men', stratum: 'junior', favourable: 80, unfavourable: 320 },
        { group: 'Men', stratum: 'senior', favourable: 60, unfavourable: 40 },
        { group: 'Women', stratum: 'junior', favourable: 10, unfavourable: 90 },
        { group: 'Women', stratum: 'senior', favourable: 130, unfavourable: 270 },
      ]),
    );
    const c = report.comparisons[0]!;
    expect(c.unadjusted.chiSquare).toBe(0);
    expect(c.adjusted!.p!).toBeLessThan(0.05);
    expect(report.findings.some((f) => f.includes('gap appears only after controlling for level') && f.includes("Simpson's paradox"))).toBe(true);
  });

  it('says when a gap reverses, and when it persists', () => {
    const reversed = audit(
      buildCountsTable([
        { group: 'B', stratum: 'junior', favourable: 80, unfavourable: 320 },
        { group: 'B', stratum: 'senior', favourable: 70, unfavourable: 30 },
        { group: 'A', stratum: 'junior', favourable: 10, unfavourable: 90 },
        { group: 'A', stratum: 'senior', favourable: 240, unfavourable: 160 },
      ]),
      {},
      'B',
    );
    expect(reversed.comparisons[0]!.unadjusted.oddsRatio!).toBeGreaterThan(1);
    expect(reversed.comparisons[0]!.adjusted!.oddsRatio!).toBeLessThan(1);
    expect(reversed.findings.some((f) => f.includes('reverses after controlling for level'))).toBe(true);

    const persists = audit(
      buildCountsTable([
        { group: 'B', stratum: 'junior', favourable: 100, unfavourable: 100 },
        { group: 'B', stratum: 'senior', favourable: 100, unfavourable: 100 },
        { group: 'A', stratum: 'junior', favourable: 50, unfavourable: 150 },
        { group: 'A', stratum: 'senior', favourable: 50, unfavourable: 150 },
      ]),
    );
    expect(persists.findings.some((f) => f.includes('persists after controlling for level'))).toBe(true);
  });

  it('cannot compare like with like when two groups share no stratum', () => {
    const report = audit(
      buildCountsTable([
        { group: 'A', stratum: 'x', favourable: 5, unfavourable: 5 },
        { group: 'B', stratum: 'y', favourable: 2, unfavourable: 8 },
      ]),
    );
    expect(report.comparisons[0]!.adjusted).toEqual({ oddsRatio: null, ciLow: null, ciHigh: null, cmh: null, p: null, strata: 0 });
    expect(report.comparisons[0]!.pHolm).toBeNull();
    expect(report.findings.some((f) => f.includes('share no stratum of level'))).toBe(true);
  });
});

describe('auditBias groups, references and Holm', () => {
  const specs: CountSpec[] = [
    { group: 'Big', stratum: 'x', favourable: 30, unfavourable: 30 },
    { group: 'Big', stratum: 'y', favourable: 20, unfavourable: 40 },
    { group: 'Mid', stratum: 'x', favourable: 5, unfavourable: 15 },
    { group: 'Mid', stratum: 'y', favourable: 4, unfavourable: 16 },
    { group: 'Low', stratum: 'x', favourable: 10, unfavourable: 5 },
    { group: 'Low', stratum: 'y', favourable: 8, unfavourable: 7 },
    { group: 'Zed', stratum: 'x', favourable: 1, unfavourable: 2 },
  ];

  it('never shows a suppressed group, anywhere in the report', () => {
    const report = audit(buildCountsTable(specs), { controls: [] });
    // Zed (3 people) is below 5, and Low (30) is hidden with it so Zed cannot be subtracted out.
    expect(report.groups.map((g) => g.value)).toEqual(['Big', 'Mid']);
    expect(report.suppressed).toEqual({ groups: 2, people: 33 });
    const text = JSON.stringify(report);
    expect(text).not.toContain('Zed');
    expect(text).not.toContain('Low');
  });

  it('corrects over all comparisons: raw p without controls, adjusted p with them', () => {
    const many = specs.filter((s) => s.group !== 'Zed');
    const raw = audit(buildCountsTable(many), { controls: [] });
    expect(raw.comparisons.map((c) => c.pHolm)).toEqual(holmAdjust(raw.comparisons.map((c) => c.unadjusted.p)));
    const adjusted = audit(buildCountsTable(many));
    expect(adjusted.comparisons.map((c) => c.pHolm)).toEqual(holmAdjust(adjusted.comparisons.map((c) => c.adjusted!.p)));
    expect(adjusted.comparisons).toHaveLength(2);
  });

  it('takes the reference asked for, and refuses a missing or suppressed one', () => {
    const table = buildCountsTable(specs);
    expect(audit(table, {}, 'Mid').comparisons.map((c) => c.value)).toEqual(['Big']);
    const prepared = prepareBiasAudit(table, REQUEST);
    if (!prepared.ok) throw new Error('fixture');
    const hidden = auditBias(prepared.value, { minGroup: 5, reference: 'Low' });
    expect(hidden.ok).toBe(false);
    if (!hidden.ok) expect(hidden.problems[0]!.reason).toContain('is suppressed');
    const missing = auditBias(prepared.value, { minGroup: 5, reference: 'Nobody' });
    if (!missing.ok) expect(missing.problems[0]!.reason).toContain('is not a value of column group');
    expect(missing.ok).toBe(false);
  });

  it('says so when fewer than two groups can be shown', () => {
    const report = audit(buildCountsTable(specs.filter((s) => s.group === 'Big' || s.group === 'Zed')), { controls: [] });
    expect(report.comparisons).toEqual([]);
    expect(report.groups).toEqual([]);
    expect(report.findings).toContain('Fewer than two groups can be shown, so nothing is compared.');
  });
});

describe('auditBias ordinal view', () => {
  const table: CsvTable = {
    header: ['group', 'level', 'rating'],
    rows: [
      ...[1, 2, 2, 3, 3, 3, 4, 4, 5, 3].map((r, i) => ({ line: i + 2, cells: ['A', i % 2 ? 'x' : 'y', String(r)] })),
      ...[3, 4, 4, 5, 5, 5, 4, 3, 2, 5].map((r, i) => ({ line: i + 12, cells: ['B', i % 2 ? 'x' : 'y', String(r)] })),
    ],
  };

  it('orders numeric grades by value and compares mean grades', () => {
    const report = audit(table, { outcome: 'rating', favourable: ['4', '5'] }, 'B');
    expect(report.ordinal).toEqual({ grades: ['1', '2', '3', '4', '5'], scores: [1, 2, 3, 4, 5] });
    const ordinal = report.comparisons[0]!.ordinal!;
    expect(ordinal.meanScore).toBeCloseTo(3, 12);
    expect(ordinal.referenceMeanScore).toBeCloseTo(4, 12);
    expect(ordinal.adjusted!.strata).toBe(2);
    expect(ordinal.pHolm).toBe(ordinal.adjusted!.p);
    expect(report.findings.some((f) => f.startsWith('On the full scale (1 < 2 < 3 < 4 < 5)'))).toBe(true);
  });

  it('uses the order given by --grades for words, and has no ordinal view for unordered words', () => {
    const words = { ...table, rows: table.rows.map((r) => ({ ...r, cells: [r.cells[0]!, r.cells[1]!, ['', 'LE', 'HV1', 'HV2', 'HV3', 'TT'][Number(r.cells[2])]!] })) };
    expect(audit(words, { outcome: 'rating', favourable: ['TT', 'HV3'] }).ordinal).toBeNull();
    const graded = audit(words, { outcome: 'rating', favourable: ['TT', 'HV3'], grades: ['LE', 'HV1', 'HV2', 'HV3', 'TT'] }, 'B');
    expect(graded.ordinal!.scores).toEqual([1, 2, 3, 4, 5]);
    expect(graded.comparisons[0]!.ordinal!.meanScore).toBeCloseTo(3, 12);
  });
});

describe('auditBias invariants', () => {
  const specs = fc.array(
    fc.record({
      group: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      stratum: fc.constantFrom('x', 'y', 'z'),
      favourable: fc.nat(12),
      unfavourable: fc.nat(12),
    }),
    { minLength: 2, maxLength: 15 },
  );

  it('prints only finite numbers or null, shows no group under the minimum, and accounts for everyone', () => {
    fc.assert(
      fc.property(specs, fc.integer({ min: 1, max: 15 }), fc.boolean(), (all, minGroup, controls) => {
        const table = buildCountsTable(all);
        const prepared = prepareBiasAudit(table, { ...REQUEST, minGroup, controls: controls ? ['level'] : [] });
        fc.pre(prepared.ok);
        if (!prepared.ok) return;
        const result = auditBias(prepared.value, { minGroup });
        if (!result.ok) throw new Error('a default reference never fails');
        const report = result.value;
        for (const { path, value } of numbersIn(report)) expect(Number.isFinite(value), path).toBe(true);
        for (const g of report.groups) expect(g.n).toBeGreaterThanOrEqual(minGroup);
        expect(report.groups.reduce((t, g) => t + g.n, 0) + report.suppressed.people).toBe(table.rows.length);
        expect(report.comparisons).toHaveLength(Math.max(0, report.groups.length - 1));
      }),
    );
  });
});

describe('auditBias with groups hidden on request', () => {
  it('hides the named group and, by complementary suppression, the next-smallest, and counts them', () => {
    const table = buildCountsTable([
      { group: 'A', favourable: 20, unfavourable: 20 },
      { group: 'B', favourable: 6, unfavourable: 6 },
      { group: 'C', favourable: 4, unfavourable: 5 },
    ]);
    const prepared = prepareBiasAudit(table, { ...REQUEST, controls: [] });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
    const result = auditBias(prepared.value, { minGroup: 5, hide: new Set(['B']) });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.groups.map((g) => g.value)).toEqual(['A']);
    expect(result.value.suppressed).toEqual({ groups: 2, people: 21 });
    expect(result.value.comparisons).toEqual([]);
  });
});
