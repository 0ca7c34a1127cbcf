import type { Proposal, ProposalBody } from '../../api/calibration.ts';
import { itemsToLines, linesToItems } from './calibration-format.ts';

/**
 * A proposal as the form holds it: lists as text with one item per line, so typing a blank line
 * or a half-written item never loses anything; they become lists when sent.
 */
export interface ProposalDraft {
  performance: number | null;
  potential: number | null;
  principles: Record<string, number>;
  justification: string;
  byDimension: Record<string, string>;
  impactExamples: string;
  peerFeedbackThemes: string;
  logNoteIds: number[];
  systemMetrics: string;
  multiplierImpact: string;
}

/** The server's limits (src/shared/schemas/calibration.ts), checked before sending. */
export const LIMITS = { itemsPerDimension: 10, itemLength: 500, impactExamples: 5, impactLength: 1000, systemMetrics: 5, metricLength: 300, justification: 3000, text: 2000 } as const;
/** The server asks this much justification of a submission. */
export const MIN_JUSTIFICATION = 20;

export function draftFromProposal(p: Pick<Proposal, 'performance' | 'potential' | 'principles' | 'justification' | 'evidence'>, dimensions: readonly string[]): ProposalDraft {
  return {
    performance: p.performance,
    potential: p.potential,
    principles: { ...p.principles },
    justification: p.justification,
    byDimension: Object.fromEntries(dimensions.map((d) => [d, itemsToLines(p.evidence.byDimension[d] ?? [])])),
    impactExamples: itemsToLines(p.evidence.impactExamples),
    peerFeedbackThemes: p.evidence.peerFeedbackThemes,
    logNoteIds: [...p.evidence.logNoteIds],
    systemMetrics: itemsToLines(p.evidence.systemMetrics),
    multiplierImpact: p.evidence.multiplierImpact,
  };
}

export function bodyFromDraft(d: ProposalDraft): Omit<ProposalBody, 'version'> {
  const byDimension = Object.fromEntries(
    Object.entries(d.byDimension)
      .map(([key, text]) => [key, linesToItems(text)] as const)
      .filter(([, items]) => items.length > 0),
  );
  return {
    performance: d.performance,
    potential: d.potential,
    principles: d.principles,
    justification: d.justification.trim(),
    evidence: {
      byDimension,
      impactExamples: linesToItems(d.impactExamples),
      peerFeedbackThemes: d.peerFeedbackThemes.trim(),
      logNoteIds: d.logNoteIds,
      systemMetrics: linesToItems(d.systemMetrics),
      multiplierImpact: d.multiplierImpact.trim(),
    },
  };
}

/** The dimensions with at least one item, in the policy's order: what the evidence threshold counts. */
export function coveredDimensions(d: ProposalDraft, dimensions: readonly string[]): string[] {
  return dimensions.filter((key) => linesToItems(d.byDimension[key] ?? '').length > 0);
}

/** Why the server would refuse to store this draft, or null: a list too long, an item too long. */
export function draftBlockReason(d: ProposalDraft, labels: Readonly<Record<string, string>>): string | null {
  for (const [key, text] of Object.entries(d.byDimension)) {
    const items = linesToItems(text);
    if (items.length > LIMITS.itemsPerDimension) return `${labels[key] ?? key} has ${items.length} items; the most is ${LIMITS.itemsPerDimension}.`;
    if (items.some((i) => i.length > LIMITS.itemLength)) return `An item under ${labels[key] ?? key} is over ${LIMITS.itemLength} characters.`;
  }
  const impact = linesToItems(d.impactExamples);
  if (impact.length > LIMITS.impactExamples) return `There are ${impact.length} impact examples; the most is ${LIMITS.impactExamples}.`;
  if (impact.some((i) => i.length > LIMITS.impactLength)) return `An impact example is over ${LIMITS.impactLength} characters.`;
  const metrics = linesToItems(d.systemMetrics);
  if (metrics.length > LIMITS.systemMetrics) return `There are ${metrics.length} system metrics; the most is ${LIMITS.systemMetrics}.`;
  if (metrics.some((m) => m.length > LIMITS.metricLength)) return `A system metric is over ${LIMITS.metricLength} characters.`;
  if (d.justification.length > LIMITS.justification) return `The justification is over ${LIMITS.justification} characters.`;
  if (d.peerFeedbackThemes.length > LIMITS.text || d.multiplierImpact.length > LIMITS.text) return `A text is over ${LIMITS.text} characters.`;
  return null;
}

/** What a submission still lacks, as the server would say it. */
export function submitProblems(d: ProposalDraft): string[] {
  const problems: string[] = [];
  if (d.performance === null) problems.push('Choose a performance rating.');
  if (d.potential === null) problems.push('Choose a potential rating.');
  if (d.justification.trim().length < MIN_JUSTIFICATION) problems.push(`Write a short justification (at least ${MIN_JUSTIFICATION} characters).`);
  return problems;
}
