/**
 * Holm's step-down adjustment (Holm 1979), as R's `p.adjust(p, "holm")`: sort the m p values
 * ascending, multiply the i-th smallest by (m - i + 1), carry the running maximum, cap at 1.
 * Null entries (tests that could not be run) take no part and stay null; m counts the others.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    // Stable on ties, so equal p values keep their input order.
    .sort((x, y) => x.p - y.p || x.index - y.index);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}
