/** A group's head count, the only thing suppression looks at. */
export interface GroupSize {
  value: string;
  n: number;
}

export interface Suppression {
  visible: string[];
  hidden: string[];
  hiddenPeople: number;
}

/**
 * Decides which groups a report may show. Primary suppression hides every group with fewer than
 * `minGroup` people. Complementary suppression then assumes a reader knows the population total
 * (it is printed elsewhere, or the reader can count): with one group hidden, the total minus the
 * visible groups is that group, so the next-smallest visible group is hidden too; and the hidden
 * groups together must reach `minGroup` people, or the subtraction exposes a group below the
 * minimum (three people, all rated low, is three people's ratings). Ties hide the group whose
 * value sorts first, so the answer never depends on input order.
 *
 * `alsoHide` names groups to hide whatever their size, as if they were below the minimum: the app
 * hides a group that earlier reports would let a reader isolate by subtraction (see
 * disclosure.rules.ts), and complementary suppression must then protect it like any other.
 */
export function suppressGroups(groups: readonly GroupSize[], minGroup: number, alsoHide: ReadonlySet<string> = new Set()): Suppression {
  const bySize = [...groups].sort((x, y) => x.n - y.n || compareText(x.value, y.value));
  const mustHide = (g: GroupSize) => g.n < minGroup || alsoHide.has(g.value);
  const hidden = bySize.filter(mustHide);
  const visible = bySize.filter((g) => !mustHide(g));
  let hiddenPeople = hidden.reduce((total, g) => total + g.n, 0);
  while (hidden.length > 0 && visible.length > 0 && (hidden.length < 2 || hiddenPeople < minGroup)) {
    const next = visible.shift()!;
    hidden.push(next);
    hiddenPeople += next.n;
  }
  return {
    visible: visible.map((g) => g.value),
    hidden: hidden.map((g) => g.value),
    hiddenPeople,
  };
}

/** Code-point order: the same on every machine and locale. */
export function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
