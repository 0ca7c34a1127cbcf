import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { runHighbar } from '../run-highbar.ts';

/**
 * The IBM HR Analytics sample (../shared/data/ibm-hr-employee-attrition.csv, SOURCE.md: 1,470
 * employees, Attrition coded 1/0, PerformanceRating 3 or 4), read where it is and audited through
 * `highbar` (main() with buffers). Every expected number is recomputed here from the raw file by a
 * separate, deliberately plain implementation: per-person loops, textbook formulas, the stdlib
 * chi-square CDF for p values (the product uses the normal-tail identity instead) and numerical
 * integration for beta tails. Nothing the product prints is copied back into the test.
 */
const FILE = fileURLToPath(new URL('../../../shared/data/ibm-hr-employee-attrition.csv', import.meta.url));

type Person = Record<string, string>;

/** The file has no quoted fields (checked), so a split is a faithful independent reader. */
function readPeople(): Person[] {
  const text = fs.readFileSync(FILE, 'utf8');
  expect(text.includes('"')).toBe(false);
  const [header, ...lines] = text.trim().split(/\r?\n/u);
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    expect(cells).toHaveLength(columns.length);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]!]));
  });
}

const PEOPLE = readPeople();

const highbar = (args: string[]) => runHighbar(args);

async function auditJson(args: string[]) {
  const result = await highbar(['audit', 'bias', '--input', FILE, ...args, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

interface Table {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** 2x2 of `group` against `reference` (favourable first), optionally only within one stratum. */
function tableOf(people: Person[], column: string, group: string, reference: string, isFavourable: (p: Person) => boolean): Table {
  const t = { a: 0, b: 0, c: 0, d: 0 };
  for (const p of people) {
    if (p[column] === group) isFavourable(p) ? t.a++ : t.b++;
    else if (p[column] === reference) isFavourable(p) ? t.c++ : t.d++;
  }
  return t;
}

function strataOf(controls: string[]): Map<string, Person[]> {
  const strata = new Map<string, Person[]>();
  for (const p of PEOPLE) {
    const key = controls.map((c) => p[c]).join('|');
    strata.set(key, [...(strata.get(key) ?? []), p]);
  }
  return strata;
}

/** Pearson X^2 from observed and expected counts cell by cell (not the shortcut formula). */
function pearson(t: Table): number {
  const n = t.a + t.b + t.c + t.d;
  const cells = [
    [t.a, t.a + t.b, t.a + t.c],
    [t.b, t.a + t.b, t.b + t.d],
    [t.c, t.c + t.d, t.a + t.c],
    [t.d, t.c + t.d, t.b + t.d],
  ] as const;
  return cells.reduce((x2, [observed, row, col]) => x2 + (observed - (row * col) / n) ** 2 / ((row * col) / n), 0);
}

/**
 * Mantel-Haenszel, Robins-Breslow-Greenland and CMH, straight from their papers' formulas, with
 * the zero rule docs/analytics.md states: when the estimate would be 0 or infinite, tables holding
 * a zero get 0.5 added to each cell for the estimate and its interval (never for the CMH test).
 * Small roles such as Research Director hit it: every one of them in some levels stayed.
 */
function stratified(tables: Table[]) {
  const used = tables.filter((t) => t.a + t.b > 0 && t.c + t.d > 0);
  const sumR = used.reduce((t, x) => t + (x.a * x.d) / (x.a + x.b + x.c + x.d), 0);
  const sumS = used.reduce((t, x) => t + (x.b * x.c) / (x.a + x.b + x.c + x.d), 0);
  const shift = sumR === 0 || sumS === 0;
  let R = 0, S = 0, PR = 0, PSQR = 0, QS = 0, dev = 0, v = 0;
  for (const raw of used) {
    const n0 = raw.a + raw.b + raw.c + raw.d;
    dev += raw.a - ((raw.a + raw.b) * (raw.a + raw.c)) / n0;
    v += ((raw.a + raw.b) * (raw.c + raw.d) * (raw.a + raw.c) * (raw.b + raw.d)) / (n0 * n0 * (n0 - 1));
    const hasZero = raw.a * raw.b * raw.c * raw.d === 0;
    const { a, b, c, d } = shift && hasZero ? { a: raw.a + 0.5, b: raw.b + 0.5, c: raw.c + 0.5, d: raw.d + 0.5 } : raw;
    const n = a + b + c + d;
    R += (a * d) / n;
    S += (b * c) / n;
    PR += (((a + d) / n) * a * d) / n;
    PSQR += (((a + d) / n) * b * c) / n + (((b + c) / n) * a * d) / n;
    QS += (((b + c) / n) * b * c) / n;
  }
  const or = R / S;
  const se = Math.sqrt(PR / (2 * R * R) + PSQR / (2 * R * S) + QS / (2 * S * S));
  const cmh = (dev * dev) / v;
  return { or, low: Math.exp(Math.log(or) - 1.959963984540054 * se), high: Math.exp(Math.log(or) + 1.959963984540054 * se), cmh, p: 1 - chisquareCdf(cmh, 1), strata: used.length, shifted: shift };
}

function checkComparison(report: { comparisons: { value: string; unadjusted: { oddsRatio: number; chiSquare: number; p: number }; adjusted: Record<string, number>; pHolm: number; impactRatio: number }[] }, column: string, group: string, reference: string, controls: string[], isFavourable: (p: Person) => boolean) {
  const comparison = report.comparisons.find((c) => c.value === group)!;
  const raw = tableOf(PEOPLE, column, group, reference, isFavourable);
  const x2 = pearson(raw);
  expect(comparison.unadjusted.oddsRatio).toBeCloseTo((raw.a * raw.d) / (raw.b * raw.c), 10);
  expect(comparison.unadjusted.chiSquare).toBeCloseTo(x2, 8);
  expect(comparison.unadjusted.p).toBeCloseTo(1 - chisquareCdf(x2, 1), 10);
  expect(comparison.impactRatio).toBeCloseTo(raw.a / (raw.a + raw.b) / (raw.c / (raw.c + raw.d)), 12);
  const expected = stratified([...strataOf(controls).values()].map((people) => tableOf(people, column, group, reference, isFavourable)));
  expect(comparison.adjusted.oddsRatio).toBeCloseTo(expected.or, 10);
  expect(comparison.adjusted.ciLow).toBeCloseTo(expected.low, 8);
  expect(comparison.adjusted.ciHigh).toBeCloseTo(expected.high, 8);
  expect(comparison.adjusted.cmh).toBeCloseTo(expected.cmh, 8);
  expect(comparison.adjusted.p).toBeCloseTo(expected.p, 10);
  expect(comparison.adjusted.strata).toBe(expected.strata);
  return { raw, expected };
}

describe('IBM HR data set through highbar audit bias', () => {
  it('has the 1,470 people SOURCE.md describes', () => {
    expect(PEOPLE).toHaveLength(1470);
    expect(new Set(PEOPLE.map((p) => p.PerformanceRating))).toEqual(new Set(['3', '4']));
  });

  it('attrition by gender, controlling for job level', async () => {
    const report = await auditJson(['--outcome', 'Attrition', '--favourable', '0', '--group', 'Gender', '--control', 'JobLevel']);
    const men = PEOPLE.filter((p) => p.Gender === 'Male');
    const women = PEOPLE.filter((p) => p.Gender === 'Female');
    // The reference is the largest group.
    expect(men.length).toBeGreaterThan(women.length);
    expect(report.reference).toBe('Male');
    expect(report.groups).toEqual([
      { value: 'Male', n: men.length, favourable: men.filter((p) => p.Attrition === '0').length, share: men.filter((p) => p.Attrition === '0').length / men.length },
      { value: 'Female', n: women.length, favourable: women.filter((p) => p.Attrition === '0').length, share: women.filter((p) => p.Attrition === '0').length / women.length },
    ]);
    const { expected } = checkComparison(report, 'Gender', 'Female', 'Male', ['JobLevel'], (p) => p.Attrition === '0');
    expect(expected.strata).toBe(5);
    // One comparison: Holm changes nothing.
    expect(report.comparisons[0].pHolm).toBeCloseTo(expected.p, 10);
  });

  it('performance rating by gender, controlling for job level and department (the issue\'s example)', async () => {
    const report = await auditJson(['--outcome', 'PerformanceRating', '--favourable', '4', '--group', 'Gender', '--control', 'JobLevel', '--control', 'Department']);
    const { expected } = checkComparison(report, 'Gender', 'Female', 'Male', ['JobLevel', 'Department'], (p) => p.PerformanceRating === '4');
    const combos = new Set(PEOPLE.map((p) => `${p.JobLevel}|${p.Department}`));
    expect(expected.strata).toBeLessThanOrEqual(combos.size);
    expect(report.controls).toEqual(['JobLevel', 'Department']);
    expect(report.findings.length).toBeGreaterThanOrEqual(2);
    // Two grades only, so no ordinal view.
    expect(report.ordinal).toBeNull();
  });

  it('attrition by job role: every comparison checked, Holm over the adjusted p values', async () => {
    const report = await auditJson(['--outcome', 'Attrition', '--favourable', '0', '--group', 'JobRole', '--control', 'JobLevel']);
    const sizes = new Map<string, number>();
    for (const p of PEOPLE) sizes.set(p.JobRole!, (sizes.get(p.JobRole!) ?? 0) + 1);
    const largest = [...sizes].sort((x, y) => y[1] - x[1])[0]![0];
    expect(report.reference).toBe(largest);
    const ps: number[] = [];
    const shifted: string[] = [];
    for (const role of sizes.keys()) {
      if (role === largest) continue;
      const { expected } = checkComparison(report, 'JobRole', role, largest, ['JobLevel'], (p) => p.Attrition === '0');
      ps.push(expected.p);
      if (expected.shifted) shifted.push(role);
    }
    // The zero-cell rule is exercised on real data, not only in unit tests.
    expect(shifted.length).toBeGreaterThan(0);
    // Holm by hand: sort, multiply by the number left, running maximum, cap at 1.
    const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
    const holm: number[] = [];
    let running = 0;
    order.forEach(([p, i], rank) => (holm[i] = running = Math.max(running, Math.min(1, (ps.length - rank) * p))));
    const byRole = [...sizes.keys()].filter((r) => r !== largest);
    byRole.forEach((role, i) => expect(report.comparisons.find((c: { value: string }) => c.value === role).pHolm).toBeCloseTo(holm[i]!, 10));
  });

  it('suppresses small roles, and the next-smallest role when one alone would be recoverable', async () => {
    const sizes = new Map<string, number>();
    for (const p of PEOPLE) sizes.set(p.JobRole!, (sizes.get(p.JobRole!) ?? 0) + 1);
    const ascending = [...sizes].sort((x, y) => x[1] - y[1]);
    // Human Resources (the smallest role) alone falls under 60; Research Director is next.
    const minGroup = 60;
    expect(ascending.filter(([, n]) => n < minGroup).map(([role]) => role)).toEqual(['Human Resources']);
    const hidden = ascending.slice(0, 2);
    const report = await auditJson(['--outcome', 'Attrition', '--favourable', '0', '--group', 'JobRole', '--min-group', String(minGroup)]);
    expect(report.suppressed).toEqual({ groups: 2, people: hidden[0]![1] + hidden[1]![1] });
    const text = JSON.stringify(report);
    for (const [role] of hidden) expect(text).not.toContain(role);
    expect(report.groups).toHaveLength(sizes.size - 2);
    // What a reader can subtract from the published total: two roles together, never one.
    expect(PEOPLE.length - report.groups.reduce((t: number, g: { n: number }) => t + g.n, 0)).toBe(report.suppressed.people);
  });

  it('ordinal view of job satisfaction (1-4) by gender within job level', async () => {
    const report = await auditJson(['--outcome', 'JobSatisfaction', '--favourable', '4', '--group', 'Gender', '--control', 'JobLevel']);
    expect(report.ordinal).toEqual({ grades: ['1', '2', '3', '4'], scores: [1, 2, 3, 4] });
    const mean = (gender: string) => {
      const group = PEOPLE.filter((p) => p.Gender === gender);
      return group.reduce((t, p) => t + Number(p.JobSatisfaction), 0) / group.length;
    };
    const ordinal = report.comparisons[0].ordinal;
    expect(ordinal.meanScore).toBeCloseTo(mean('Female'), 12);
    expect(ordinal.referenceMeanScore).toBeCloseTo(mean('Male'), 12);
    // Unadjusted mean-score statistic = (n - 1) r^2 (Mantel 1963), r over individuals.
    const xs = PEOPLE.map((p): number => (p.Gender === 'Female' ? 1 : 0));
    const ys = PEOPLE.map((p) => Number(p.JobSatisfaction));
    const mx = xs.reduce((t, x) => t + x, 0) / xs.length;
    const my = ys.reduce((t, y) => t + y, 0) / ys.length;
    let sxy = 0, sxx = 0, syy = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * (ys[i]! - my);
      sxx += (x - mx) ** 2;
      syy += (ys[i]! - my) ** 2;
    });
    const r2 = (sxy * sxy) / (sxx * syy);
    expect(ordinal.unadjusted.chiSquare).toBeCloseTo((PEOPLE.length - 1) * r2, 8);
  });

  it('prints the audit for a reader by default and refuses a control with one value', async () => {
    const human = await highbar(['audit', 'bias', '--input', FILE, '--outcome', 'PerformanceRating', '--favourable', '4', '--group', 'Gender', '--control', 'JobLevel']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Findings:');
    const bad = await highbar(['audit', 'bias', '--input', FILE, '--outcome', 'PerformanceRating', '--favourable', '4', '--group', 'Gender', '--control', 'Over18']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(`${FILE}:1: column Over18: has only one value ("Y"); a control needs at least two`);
  });
});

/** P(X > x), X ~ Beta(a, b), by Simpson's rule on the log-scaled density. */
function betaTail(x: number, a: number, b: number): number {
  const steps = 20_000;
  const f = (t: number) => (a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t);
  const clamp = (t: number) => Math.min(1 - 1e-12, Math.max(1e-12, t));
  let peak = -Infinity;
  for (let i = 0; i <= steps; i++) peak = Math.max(peak, f(clamp(i / steps)));
  const integrate = (from: number, to: number) => {
    const h = (to - from) / steps;
    let total = 0;
    for (let i = 0; i <= steps; i++) total += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(f(clamp(from + i * h)) - peak);
    return (total * h) / 3;
  };
  return integrate(x, 1) / integrate(0, 1);
}

/** Beta-binomial log-likelihood as a Polya urn, coded apart from the product's rising products. */
function urnLogLikelihood(counts: { n: number; k: number }[], mean: number, strength: number): number {
  const alpha = mean * strength;
  const beta = (1 - mean) * strength;
  let total = 0;
  for (const { n, k } of counts) {
    for (let draw = 0; draw < n; draw++) {
      total += draw < k ? Math.log((alpha + draw) / (alpha + beta + draw)) : Math.log((beta + draw - k) / (alpha + beta + draw));
    }
  }
  return total;
}

describe('IBM HR data set through highbar audit managers (job roles standing in for managers)', () => {
  // The data set has no manager ids and SOURCE.md says to derive none; the drift engine only
  // needs a unit column, so job roles play the part of teams.
  it('shrinks each role towards the organisation attrition rate and flags the clear outliers', async () => {
    const result = await highbar(['audit', 'managers', '--input', FILE, '--outcome', 'Attrition', '--favourable', '1', '--manager', 'JobRole', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    const leavers = PEOPLE.filter((p) => p.Attrition === '1').length;
    expect(report.orgRate).toBeCloseTo(leavers / PEOPLE.length, 15);

    const counts = new Map<string, { n: number; k: number }>();
    for (const p of PEOPLE) {
      const c = counts.get(p.JobRole!) ?? { n: 0, k: 0 };
      c.n++;
      if (p.Attrition === '1') c.k++;
      counts.set(p.JobRole!, c);
    }
    const { alpha, beta, strength } = report.prior;
    expect(alpha / (alpha + beta)).toBeCloseTo(report.orgRate, 12);
    // Marginal maximum likelihood: no nearby strength explains the role counts better.
    const at = (s: number) => urnLogLikelihood([...counts.values()], report.orgRate, s);
    expect(at(strength)).toBeGreaterThanOrEqual(at(strength * 1.01) - 1e-9);
    expect(at(strength)).toBeGreaterThanOrEqual(at(strength / 1.01) - 1e-9);

    expect(report.managers).toHaveLength(counts.size);
    for (const m of report.managers) {
      const c = counts.get(m.manager)!;
      expect([m.n, m.favourable]).toEqual([c.n, c.k]);
      const a = alpha + c.k;
      const b = beta + c.n - c.k;
      expect(m.shrunkRate).toBeCloseTo(a / (a + b), 12);
      expect(Math.abs(m.shrunkRate - report.orgRate)).toBeLessThanOrEqual(Math.abs(m.rawRate - report.orgRate) + 1e-12);
      const tail = betaTail(report.orgRate, a, b);
      expect(m.probAboveOrg).toBeCloseTo(tail, 4);
      expect(m.flag).toBe(tail >= 0.975 ? 'high' : tail <= 0.025 ? 'low' : 'none');
    }
    // Sales Representatives leave at 33 of 83, over twice the organisation rate.
    expect(report.managers.find((m: { manager: string }) => m.manager === 'Sales Representative').flag).toBe('high');
    expect(report.managers.find((m: { manager: string }) => m.manager === 'Research Director').flag).toBe('low');
  });
});
