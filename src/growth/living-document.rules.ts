import type { GrowthPolicy, LivingSection } from '../policy/growth.schema.ts';
import type { ProposalEvidence } from '../shared/schemas/calibration.ts';

export type LivingSource = 'goal' | 'log' | 'check-in' | 'plan' | 'manual' | 'peer-feedback' | 'metrics';

/** One line of a living document, assembled from the system or written by hand. */
export interface LivingItem {
  /** Stable across assemblies ('goal:12', 'log:40', 'item:9'), so an exclusion keeps pointing at it. */
  key: string;
  section: LivingSection;
  occurredOn: string;
  text: string;
  link: string | null;
  source: LivingSource;
  highlight: boolean;
  /** Check-in notes: read by the pair (and HR per policy), never carried into a calibration packet. */
  private: boolean;
  excluded: boolean;
  logNoteId: number | null;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Picks up to `limit` items spread over the year rather than the latest ones: highlights first,
 * then one item per month in turn, newest month first. A packet built from the last few weeks
 * would carry the very recency bias the living document exists to prevent.
 */
export function spreadPick<T extends { occurredOn: string; highlight: boolean }>(items: readonly T[], limit: number): T[] {
  const newestFirst = [...items].sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : 0));
  const picked = newestFirst.filter((i) => i.highlight).slice(0, limit);
  const byMonth = new Map<string, T[]>();
  for (const item of newestFirst) {
    if (item.highlight) continue;
    const month = item.occurredOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), item]);
  }
  const queues = [...byMonth.values()];
  while (picked.length < limit && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < limit) picked.push(next);
    }
  }
  return picked;
}

/**
 * The calibration evidence packet a living document makes (the default source of a proposal's
 * evidence): items go to the evidence dimension their section maps to under the policy, with
 * the limits of proposalEvidenceSchema; highlights become the impact examples; SLO lines the
 * system metrics; the multiplier section the multiplier impact. Excluded and private items never
 * leave the document; sections mapped to a dimension the OLR policy lacks count for nothing.
 */
export function evidencePacketFrom(items: readonly LivingItem[], options: { sectionDimensions: GrowthPolicy['livingDocument']['sectionDimensions']; dimensions: readonly string[] }): ProposalEvidence {
  const usable = items.filter((i) => !i.excluded && !i.private);
  const byDimension: Record<string, string[]> = {};
  for (const dimension of options.dimensions) {
    const inDimension = usable.filter((i) => options.sectionDimensions[i.section] === dimension && i.section !== 'peerThemes');
    const picked = spreadPick(inDimension, 10).map((i) => clip(`${i.occurredOn}: ${i.text}`, 500));
    // Peer themes are one aggregate line: it counts for its dimension once.
    const themes = usable.filter((i) => i.section === 'peerThemes' && options.sectionDimensions.peerThemes === dimension);
    const lines = [...picked, ...themes.map((t) => clip(t.text, 500))].slice(0, 10);
    if (lines.length) byDimension[dimension] = lines;
  }
  const highlights = spreadPick(usable.filter((i) => i.highlight), 3);
  const achieved = usable.filter((i) => i.source === 'goal' && !i.highlight);
  const impactExamples = [...highlights, ...spreadPick(achieved, 3 - highlights.length)].map((i) => clip(i.text, 1000));
  return {
    byDimension,
    impactExamples,
    peerFeedbackThemes: clip(usable.filter((i) => i.section === 'peerThemes').map((i) => i.text).join(' '), 2000),
    logNoteIds: [...new Set(usable.flatMap((i) => (i.logNoteId === null ? [] : [i.logNoteId])))].slice(0, 50),
    systemMetrics: spreadPick(usable.filter((i) => i.section === 'slo'), 2).map((i) => clip(i.text, 300)),
    multiplierImpact: clip(usable.filter((i) => i.section === 'multiplier').map((i) => i.text).join(' '), 2000),
  };
}

/** Peer-feedback themes as one sentence of counted Leadership Principle tags, never quotes (quotes can name their author). */
export function peerThemesText(tags: { championed: Record<string, number>; toImprove: Record<string, number> }, responses: number): string | null {
  if (responses === 0) return null;
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 5)
      .map(([lp, n]) => `${lp} (${n})`)
      .join(', ');
  const parts = [`${responses} peer ${responses === 1 ? 'response' : 'responses'}`];
  if (Object.keys(tags.championed).length) parts.push(`championed: ${list(tags.championed)}`);
  if (Object.keys(tags.toImprove).length) parts.push(`to improve: ${list(tags.toImprove)}`);
  return `${parts.join('; ')}.`;
}
