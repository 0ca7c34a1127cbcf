export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

export interface AlphaResult {
  /** Null when the data cannot say anything: fewer than two pairable values, or no variation at all. */
  alpha: number | null;
  /** Pairable values: those in units that at least two raters rated. */
  pairable: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha, alpha = 1 - Do/De, through the coincidence matrix of Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability", University of Pennsylvania (repository.upenn.edu/
 * asc_papers/43), and Krippendorff, Content Analysis, 4th ed. (2019), chapter 12. Each unit is
 * the list of values its raters gave (missing ratings left out); units with one value cannot be
 * paired and are dropped. With o_ck the coincidences of values c and k, n_c = sum_k o_ck and n
 * the pairable values:
 *
 *   alpha = 1 - (n - 1) * sum_ck o_ck d2(c, k) / sum_ck n_c n_k d2(c, k)
 *
 * where d2 is the squared difference of the metric: nominal 0 or 1; interval (c - k)^2; ordinal
 * (sum of n_g for g from c to k - (n_c + n_k) / 2)^2, ranks weighted by how often each value
 * was used. The worked examples the tests reproduce are written out in docs/growth.md.
 */
export function krippendorffAlpha(units: readonly (readonly number[])[], metric: AlphaMetric): AlphaResult {
  const pairableUnits = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairableUnits.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  const o: number[][] = values.map(() => new Array<number>(size).fill(0));
  for (const unit of pairableUnits) {
    const m = unit.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        o[index.get(unit[i]!)!]![index.get(unit[j]!)!]! += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const d2 = difference(metric, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = d2(c, k);
      observed += o[c]![k]! * d;
      expected += nc[c]! * nc[k]! * d;
    }
  }
  const pairable = Math.round(n);
  if (pairable < 2 || expected === 0) return { alpha: null, pairable, observedDisagreement: 0, expectedDisagreement: 0 };
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  return { alpha: 1 - Do / De, pairable, observedDisagreement: Do, expectedDisagreement: De };
}

function difference(metric: AlphaMetric, values: number[], nc: number[]): (c: number, k: number) => number {
  if (metric === 'nominal') return (c, k) => (c === k ? 0 : 1);
  if (metric === 'interval') return (c, k) => (values[c]! - values[k]!) ** 2;
  // Ordinal: the distance between two ranks is the mass of values between them, counting each end half.
  const cumulative = [0];
  for (const count of nc) cumulative.push(cumulative.at(-1)! + count);
  return (c, k) => {
    const [low, high] = c <= k ? [c, k] : [k, c];
    const between = cumulative[high + 1]! - cumulative[low]!;
    return (between - (nc[low]! + nc[high]!) / 2) ** 2;
  };
}
