import { FORTE_SUMMARIES, OV_RATINGS, type ForteSummary, type OlrPolicy, type OvRating } from '../policy/olr.schema.ts';

/** Whether `value` is a level of the scale (levels are numbered 1..n, checked by the schema). */
export function isOnScale(scale: OlrPolicy['scales']['performance'], value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= scale.levels.length;
}

/** The OV of a performance and potential rating, from the policy's matrix. */
export function lookupOv(olr: OlrPolicy, performance: number, potential: number): OvRating {
  const ov = olr.ovMatrix[String(performance)]?.[String(potential)];
  // The schema guarantees a full matrix, so a miss means the caller skipped validating the input.
  if (!ov) throw new RangeError(`No OV for performance ${performance}, potential ${potential}: both must be on the policy's scales.`);
  return ov;
}

/** The employee-facing Forte summary, from the performance rating alone (potential never moves it). */
export function forteSummaryOf(olr: OlrPolicy, performance: number): ForteSummary {
  const summary = olr.forteSummary[String(performance)];
  if (!summary) throw new RangeError(`No Forte summary for performance ${performance}: it must be on the policy's scale.`);
  return summary;
}

/** Higher is better: TT 4 down to LE 0. */
export function ovRank(ov: OvRating): number {
  return OV_RATINGS.length - 1 - OV_RATINGS.indexOf(ov);
}

/** Higher is better: Exceeds 2, Meets 1, Needs Improvement 0. */
export function forteRank(summary: ForteSummary): number {
  return FORTE_SUMMARIES.length - 1 - FORTE_SUMMARIES.indexOf(summary);
}

/** A cell of the matrix with what each layer says about it. */
export interface MatrixCell {
  performance: number;
  potential: number;
  ov: OvRating;
  forte: ForteSummary;
}

export function matrixCells(olr: OlrPolicy): MatrixCell[] {
  return olr.scales.performance.levels.flatMap((p) =>
    olr.scales.potential.levels.map((q) => ({ performance: p.value, potential: q.value, ov: lookupOv(olr, p.value, q.value), forte: forteSummaryOf(olr, p.value) })),
  );
}

/**
 * Pairs of cells where the two layers disagree: `higher` reads a better Forte summary than
 * `lower` yet ends with a worse OV. The seeds describe exactly this as the confusing part of
 * Amazon's system; the humane preset's matrix has none.
 */
export function layerContradictions(olr: OlrPolicy): { higherSummary: MatrixCell; higherOv: MatrixCell }[] {
  const cells = matrixCells(olr);
  return cells.flatMap((a) => cells.filter((b) => forteRank(a.forte) > forteRank(b.forte) && ovRank(a.ov) < ovRank(b.ov)).map((b) => ({ higherSummary: a, higherOv: b })));
}
