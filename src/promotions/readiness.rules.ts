import type { OvRating } from '../policy/olr.schema.ts';
import { PACKET_SECTIONS, type LadderDimension, type PacketSection, type PromotionsPolicy } from '../policy/promotions.schema.ts';
import { countWords } from '../shared/words.ts';

export type CheckStatus = 'met' | 'warn' | 'blocked';

export interface ReadinessCheck {
  key: 'coverage' | 'rating' | 'peerFeedback' | 'length' | 'commonBlockers';
  status: CheckStatus;
  message: string;
}

export interface SectionReadiness {
  key: PacketSection;
  label: string;
  words: number;
  evidenceCount: number;
  /** This section's share of the guided length, or null when the transition has no guidance. */
  targetWords: number | null;
  thin: boolean;
  /** A section that usually sinks a case for this transition. */
  commonBlocker: boolean;
}

export interface Readiness {
  /** False when a check the policy enforces (`block`) fails: the packet cannot be submitted. */
  canSubmit: boolean;
  checks: ReadinessCheck[];
  coverage: { covered: LadderDimension[]; missing: LadderDimension[]; percent: number; targetPercent: number };
  length: { words: number; targetWords: number | null; wordsPerPage: number };
  sections: SectionReadiness[];
}

export interface ReadinessInput {
  fromLevel: string;
  toLevel: string;
  /** The dimensions the next level states an expectation for. */
  nextLevelDimensions: readonly LadderDimension[];
  sections: Partial<Record<PacketSection, { text: string; evidence: readonly { expectations: readonly LadderDimension[] }[] }>>;
  /** The candidate's latest calibrated rating, if any. */
  rating: OvRating | null;
  peerFeedbackCount: number;
}

const failed = (enforcement: 'block' | 'warn'): CheckStatus => (enforcement === 'block' ? 'blocked' : 'warn');

/**
 * How ready a promotion case is, from policy data alone: the share of the next level's
 * expectations the linked evidence covers, the rating, the peer feedback count, the length
 * against the transition's guidance, and the transition's common blockers when their sections
 * are thin. Pure: the service gathers the inputs; the packet page and submission both call this.
 */
export function checkReadiness(policy: PromotionsPolicy, input: ReadinessInput): Readiness {
  const r = policy.readiness;
  const transition = (t: { from: string; to: string }) => t.from === input.fromLevel && t.to === input.toLevel;
  const guidance = r.length.byTransition.find(transition);
  const blockerSections = new Set(r.commonBlockers.filter(transition).flatMap((b) => b.sections));
  const totalWeight = PACKET_SECTIONS.reduce((sum, key) => sum + policy.sections[key].weight, 0);
  const guidedWords = guidance ? guidance.minPages * r.length.wordsPerPage : null;

  const sections: SectionReadiness[] = PACKET_SECTIONS.map((key) => {
    const section = input.sections[key];
    const words = countWords(section?.text ?? '');
    const evidenceCount = section?.evidence.length ?? 0;
    const targetWords = guidedWords === null ? null : Math.floor((guidedWords * policy.sections[key].weight) / totalWeight);
    // Thin: nothing backs it, or it is well short of its part of the guided length.
    const short = targetWords !== null && words * 100 < targetWords * r.length.thinBelowPercent;
    return { key, label: policy.sections[key].label, words, evidenceCount, targetWords, thin: evidenceCount === 0 || short, commonBlocker: blockerSections.has(key) };
  });

  const covered = new Set(PACKET_SECTIONS.flatMap((key) => input.sections[key]?.evidence.flatMap((e) => e.expectations) ?? []));
  const dimensions = [...input.nextLevelDimensions];
  const coveredDims = dimensions.filter((d) => covered.has(d));
  const missing = dimensions.filter((d) => !covered.has(d));
  const percent = dimensions.length ? Math.floor((coveredDims.length * 100) / dimensions.length) : 100;
  const coverageMet = coveredDims.length * 100 >= r.coverage.targetPercent * dimensions.length;

  const checks: ReadinessCheck[] = [
    {
      key: 'coverage',
      status: coverageMet ? 'met' : failed(r.coverage.enforcement),
      message: `The evidence covers ${coveredDims.length} of ${dimensions.length} expectations of ${input.toLevel} (${percent}%; target ${r.coverage.targetPercent}%)${missing.length ? `; not yet shown: ${missing.join(', ')}` : ''}.`,
    },
    ratingCheck(r.rating, input.rating),
    peerCheck(r.peerFeedback, input.peerFeedbackCount),
  ];

  const words = sections.reduce((sum, s) => sum + s.words, 0);
  checks.push(
    guidedWords === null
      ? { key: 'length', status: 'met', message: `No length guidance from ${input.fromLevel} to ${input.toLevel}; evidence matters more than pages.` }
      : {
          key: 'length',
          status: words >= guidedWords ? 'met' : failed(r.length.enforcement),
          message: `${words} words, about ${pages(words, r.length.wordsPerPage)} pages at ${r.length.wordsPerPage} words a page; ${input.fromLevel} to ${input.toLevel} asks for ${guidance!.minPages}+ pages (${guidedWords} words).`,
        },
  );
  const thinBlockers = sections.filter((s) => s.commonBlocker && s.thin);
  checks.push({
    key: 'commonBlockers',
    status: thinBlockers.length ? 'warn' : 'met',
    message: thinBlockers.length
      ? `${thinBlockers.map((s) => s.label).join(', ')} ${thinBlockers.length > 1 ? 'are' : 'is'} thin: the usual reason cases from ${input.fromLevel} to ${input.toLevel} are not approved.`
      : blockerSections.size
        ? `The sections that usually block ${input.fromLevel} to ${input.toLevel} (${sections.filter((s) => s.commonBlocker).map((s) => s.label).join(', ')}) are backed.`
        : `No common blockers are listed for ${input.fromLevel} to ${input.toLevel}.`,
  });

  return {
    canSubmit: !checks.some((c) => c.status === 'blocked'),
    checks,
    coverage: { covered: coveredDims, missing, percent, targetPercent: r.coverage.targetPercent },
    length: { words, targetWords: guidedWords, wordsPerPage: r.length.wordsPerPage },
    sections,
  };
}

function ratingCheck(rule: PromotionsPolicy['readiness']['rating'], rating: OvRating | null): ReadinessCheck {
  if (rule.allowed.length === 0) return { key: 'rating', status: 'met', message: 'The policy sets no rating requirement.' };
  const wanted = rule.allowed.join(' or ');
  if (rating && rule.allowed.includes(rating)) return { key: 'rating', status: 'met', message: `Latest calibrated rating ${rating} (usually ${wanted}).` };
  return { key: 'rating', status: failed(rule.enforcement), message: rating ? `Latest calibrated rating ${rating}; cases usually hold ${wanted}.` : `No calibrated rating yet; cases usually hold ${wanted}.` };
}

function peerCheck(rule: PromotionsPolicy['readiness']['peerFeedback'], count: number): ReadinessCheck {
  const window = `in the last ${rule.lookbackMonths} months`;
  if (count < rule.minimum) return { key: 'peerFeedback', status: failed(rule.enforcement), message: `${count} peer feedback ${window}; at least ${rule.minimum} needed (${rule.recommended}+ recommended).` };
  if (count < rule.recommended) return { key: 'peerFeedback', status: 'warn', message: `${count} peer feedback ${window}: enough, though ${rule.recommended}+ is recommended.` };
  return { key: 'peerFeedback', status: 'met', message: `${count} peer feedback ${window} (${rule.recommended}+ recommended).` };
}

/** Pages to one decimal, in integers: 2430 words at 500 a page is "4.9". */
function pages(words: number, perPage: number): string {
  const tenths = Math.floor((words * 10) / perPage);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
