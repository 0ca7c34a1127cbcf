/**
 * Suppression across reports. One report hides small groups (suppression.ts); two reports of
 * overlapping populations can still be subtracted: "women in the organisation" minus "women in
 * the organisation without team T" is the women of team T, however few. And a report run before
 * and after one person joined says, by the difference, whether that person is a woman.
 *
 * A reader knows each report's population (they chose the filter, and can count people) but not
 * who belongs to which group. For one group, each report where it was shown gives two sums over
 * its population: how many members, how many of them favourable. Combining reports, the reader
 * can work out those sums over any linear combination of the populations. This is the auditing
 * problem for SUM queries (Chin and Ozsoyoglu 1982; the "tracker" of Denning, Denning and
 * Schwartz 1979), answered here for groups rather than individuals:
 *
 * Split the people of all those populations into atoms, the people who belong to exactly the same
 * populations. Every combination is constant on atoms. An atom is safe for the group when its
 * members of the group, and its other people, are each none or at least `minGroup`: then what a
 * reader learns about it is what one report may show (a group of at least the minimum, and no
 * handful left over to be identified by elimination). A combination that touches only unsafe
 * atoms (and is not zero) exists exactly when the rank of the population-by-atom incidence matrix
 * drops once the unsafe atoms' columns are removed. A group may be shown in a new report only if
 * that adds no such combination to those the earlier reports already allowed.
 */

/** One report as it bears on one group: who was in the population, and who of them in the group. */
export interface ShownReport {
  population: readonly number[];
  members: readonly number[];
}

/** Two primes below 2^26, so that products stay exact in doubles (< 2^52). */
const PRIMES = [67_108_859, 67_108_837] as const;

/**
 * Whether showing a group in `candidate`, after the reports in `shown` that showed the same group,
 * would let a reader isolate a set of people whose members of the group (or whose others) number
 * between 1 and `minGroup` - 1. Pure; the order of reports and of ids does not matter.
 */
export function wouldDisclose(shown: readonly ShownReport[], candidate: ShownReport, minGroup: number): boolean {
  // People are members if any report says so: a person who left the group is still protected.
  const members = new Set([...shown, candidate].flatMap((r) => r.members));
  return unsafeCombinations([...shown, candidate], members, minGroup) > unsafeCombinations(shown, members, minGroup);
}

/**
 * The dimension of the combinations of the reports' populations that touch only atoms unsafe for
 * the group: rank(all atoms) - rank(safe atoms), over the populations' indicator vectors.
 */
export function unsafeCombinations(reports: readonly ShownReport[], members: ReadonlySet<number>, minGroup: number): number {
  const atoms = atomsOf(reports.map((r) => r.population));
  const fine = (count: number) => count === 0 || count >= minGroup;
  const safe = atoms.filter((a) => {
    const inGroup = a.people.filter((p) => members.has(p)).length;
    return fine(inGroup) && fine(a.people.length - inGroup);
  });
  return rank(atoms.map((a) => a.vector), reports.length) - rank(safe.map((a) => a.vector), reports.length);
}

export interface Atom {
  /** Which sets hold this atom's people (0/1 per set). */
  vector: number[];
  people: number[];
}

/** People grouped by the sets they belong to. */
export function atomsOf(sets: readonly (readonly number[])[]): Atom[] {
  const membership = new Map<number, number[]>();
  sets.forEach((set, i) => {
    for (const person of new Set(set)) {
      const list = membership.get(person);
      if (list) list.push(i);
      else membership.set(person, [i]);
    }
  });
  const bySignature = new Map<string, Atom>();
  for (const [person, indexes] of membership) {
    const key = indexes.join(',');
    const atom = bySignature.get(key);
    if (atom) atom.people.push(person);
    else {
      const vector = new Array<number>(sets.length).fill(0);
      for (const i of indexes) vector[i] = 1;
      bySignature.set(key, { vector, people: [person] });
    }
  }
  return [...bySignature.values()];
}

/**
 * The rank over the rationals of 0/1 vectors of length `width`. Computed modulo two large primes:
 * the rank modulo p never exceeds the rational rank and equals it unless p divides every maximal
 * minor, so the larger of the two is exact in all but astronomically rare cases, without the cost
 * of exact fractions on thousands of atoms.
 */
export function rank(vectors: readonly (readonly number[])[], width: number): number {
  return Math.max(...PRIMES.map((p) => rankModulo(vectors, width, p)));
}

function rankModulo(vectors: readonly (readonly number[])[], width: number, p: number): number {
  // Basis rows with a leading 1 at `pivots[i]` and zeros at the earlier rows' pivots.
  const basis: number[][] = [];
  const pivots: number[] = [];
  for (const vector of vectors) {
    if (basis.length === width) break;
    const v = vector.map((x) => ((x % p) + p) % p);
    basis.forEach((row, i) => {
      const factor = v[pivots[i]!]!;
      if (factor === 0) return;
      for (let j = 0; j < width; j++) v[j] = (v[j]! - ((factor * row[j]!) % p) + p) % p;
    });
    const pivot = v.findIndex((x) => x !== 0);
    if (pivot < 0) continue;
    const inverse = modularInverse(v[pivot]!, p);
    basis.push(v.map((x) => (x * inverse) % p));
    pivots.push(pivot);
  }
  return basis.length;
}

/** a^(p-2) mod p (Fermat), by square and multiply with exact products. */
function modularInverse(a: number, p: number): number {
  let result = 1;
  let base = a % p;
  let exponent = p - 2;
  while (exponent > 0) {
    if (exponent % 2 === 1) result = (result * base) % p;
    base = (base * base) % p;
    exponent = Math.floor(exponent / 2);
  }
  return result;
}
