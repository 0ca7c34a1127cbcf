import { krippendorffAlpha, type AlphaMetric } from './krippendorff.rules.ts';

export interface PacketSpread {
  packetId: number;
  n: number;
  min: number | null;
  max: number | null;
  /** Scale steps between the lowest and the highest rating. */
  range: number;
  mean: number | null;
  /** Sample standard deviation; null below two ratings. */
  sd: number | null;
  counts: Record<string, number>;
  /** The spread reaches the policy's threshold: talk this packet through first. */
  flagged: boolean;
}

/** Where the raters of one sample packet disagree, and by how much. */
export function packetSpread(packetId: number, values: readonly number[], flagSpread: number): PacketSpread {
  const n = values.length;
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  if (n === 0) return { packetId, n, min: null, max: null, range: 0, mean: null, sd: null, counts, flagged: false };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { packetId, n, min, max, range: max - min, mean, sd, counts, flagged: max - min >= flagSpread };
}

/**
 * The workshop's result: every packet's spread, and Krippendorff's alpha over all packets (units)
 * and raters, with whether it reaches the policy's threshold for aligned standards.
 */
export function workshopAgreement<M extends AlphaMetric>(
  packets: readonly { packetId: number; values: readonly number[] }[],
  options: { metric: M; flagSpread: number; alignedAlpha: number },
) {
  const agreement = krippendorffAlpha(packets.map((p) => p.values), options.metric);
  return {
    packets: packets.map((p) => packetSpread(p.packetId, p.values, options.flagSpread)),
    alpha: agreement.alpha,
    pairable: agreement.pairable,
    metric: options.metric,
    aligned: agreement.alpha !== null && agreement.alpha >= options.alignedAlpha,
  };
}
