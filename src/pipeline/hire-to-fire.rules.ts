import { pearsonChiSquare } from '../analytics/contingency.ts';

export interface RatedPerson {
  hireDate: string;
  le: boolean;
}

/** The first day of the new-hire window: `months` before `asOf` (YYYY-MM-DD), clamped to the month's end. */
export function windowStart(asOf: string, months: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const group = (people: readonly RatedPerson[]) => {
  const le = people.filter((p) => p.le).length;
  return { n: people.length, le, rate: people.length ? le / people.length : null };
};

/**
 * The "hire to fire" signal: are people hired in the window rated LE more often than everyone
 * else? A 2x2 table (new hire or not, LE or not) tested with Pearson's chi-square from
 * src/analytics; flagged when the difference is significant at `alpha` and new hires fare worse.
 * With an expected cell under 5 the chi-square approximation is unreliable, and the result says so.
 */
export function hireToFire(input: { rated: readonly RatedPerson[]; asOf: string; windowMonths: number; alpha: number }) {
  const hiredSince = windowStart(input.asOf, input.windowMonths);
  const isNew = (p: RatedPerson) => p.hireDate >= hiredSince && p.hireDate <= input.asOf;
  const newHires = group(input.rated.filter(isNew));
  const others = group(input.rated.filter((p) => !isNew(p)));
  const organisation = group(input.rated);
  const table = { a: newHires.le, b: newHires.n - newHires.le, c: others.le, d: others.n - others.le };
  const { chiSquare, p } = pearsonChiSquare(table);
  const n = organisation.n;
  const expected = n ? [newHires.n * organisation.le, newHires.n * (n - organisation.le), others.n * organisation.le, others.n * (n - organisation.le)].map((x) => x / n) : [0];
  const smallSample = expected.some((e) => e < 5);
  const flagged = p < input.alpha && (newHires.rate ?? 0) > (others.rate ?? 0);
  const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);
  const finding = !newHires.n
    ? `Nobody rated in this cycle was hired since ${hiredSince}.`
    : `${pct(newHires.rate)} of people hired since ${hiredSince} were rated LE against ${pct(others.rate)} of everyone else (${pct(organisation.rate)} overall); ` +
      (flagged ? `the difference is significant (p = ${p.toPrecision(2)}): a possible hire-to-fire pattern.` : `not a significant excess (p = ${p.toPrecision(2)}).`) +
      (smallSample ? ' Few people: an expected count is under 5, so read the test with caution.' : '');
  return { hiredSince, newHires, others, organisation, test: { method: 'pearson-chi-square' as const, chiSquare, p, alpha: input.alpha, smallSample }, flagged, finding };
}
