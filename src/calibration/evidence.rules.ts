import type { OlrPolicy } from '../policy/olr.schema.ts';

export interface EvidenceCheck {
  /** Dimensions (policy keys) with at least one piece of evidence, in the policy's order. */
  present: string[];
  missing: string[];
  required: number;
  met: boolean;
  /** What the policy does about it: `block` only when the threshold is unmet and enforced. */
  outcome: 'ok' | 'warn' | 'block';
}

/**
 * The evidence threshold (DOMAIN.md section 4): a rating is final only with evidence in at least
 * `minimumDimensions` of the policy's dimensions (2 of delivery outcomes, collaboration
 * behaviours and system impact by default). Several items in one dimension still count once:
 * the rule asks for breadth, so that a year of visible launches cannot stand in for how the
 * person worked with others. Keys the policy does not list count for nothing.
 */
export function checkEvidence(evidence: OlrPolicy['evidence'], itemsByDimension: Readonly<Record<string, number>>): EvidenceCheck {
  const keys = evidence.dimensions.map((d) => d.key);
  const present = keys.filter((k) => (itemsByDimension[k] ?? 0) > 0);
  const missing = keys.filter((k) => !present.includes(k));
  const met = present.length >= evidence.minimumDimensions;
  const outcome = met || evidence.enforcement === 'off' ? 'ok' : evidence.enforcement;
  return { present, missing, required: evidence.minimumDimensions, met, outcome };
}
