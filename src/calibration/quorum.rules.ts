import type { OlrPolicy, OvRating } from '../policy/olr.schema.ts';

/**
 * Whether a calibration move has enough calibrators behind it. Only moves *into* one of the
 * quorum ratings (TT and LE by default) need it: those are the ratings that decide promotions
 * and exits, so one loud advocate must not be enough. `calibrators` counts the people taking
 * part in the decision, after conflicts (their own rating, their own reports) are excluded.
 */
export function checkQuorum(quorum: OlrPolicy['quorum'], move: { from: OvRating | null; to: OvRating; calibrators: number }): { needed: boolean; required: number; met: boolean } {
  const needed = move.from !== move.to && quorum.ratings.includes(move.to);
  return { needed, required: needed ? quorum.minimumCalibrators : 0, met: !needed || move.calibrators >= quorum.minimumCalibrators };
}
