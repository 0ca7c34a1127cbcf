import type { PacketSection, PromotionsPolicy } from './promotions.schema.ts';

// The five scopes carry the case; the LP section counts for half as much ("of lesser weight").
const AMAZON_SECTIONS: Record<PacketSection, { label: string; weight: number; prompt: string }> = {
  scopeAndInfluence: { label: 'Scope and influence', weight: 2, prompt: 'How far the work reached: teams, systems and decisions shaped beyond the candidate’s own tasks.' },
  ambiguity: { label: 'Ambiguity', weight: 2, prompt: 'Problems that arrived undefined, and how the candidate turned them into a plan.' },
  technicalComplexity: { label: 'Technical complexity', weight: 2, prompt: 'The hardest technical problems solved: designs, trade-offs, and why they were hard.' },
  execution: { label: 'Execution', weight: 2, prompt: 'What was delivered, how reliably, and how obstacles were handled.' },
  impact: { label: 'Impact', weight: 2, prompt: 'Measurable results for customers and the business.' },
  leadershipPrinciples: { label: 'Leadership Principles', weight: 1, prompt: 'Where the candidate showed the principles, with an example each.' },
};

// The humane case file asks the same questions as a repeated structure: problem, scope, action,
// result, and the pattern over time (the humane source's "structured case file").
const CASE_FILE = 'Write it as a case file: the problem, its scope, the action taken, the result, and where the same pattern repeated over the period.';
const HUMANE_SECTIONS = Object.fromEntries(
  Object.entries(AMAZON_SECTIONS).map(([key, s]) => [key, { ...s, prompt: `${s.prompt} ${CASE_FILE}` }]),
) as Record<PacketSection, { label: string; weight: number; prompt: string }>;

const COMMON_BLOCKERS: PromotionsPolicy['readiness']['commonBlockers'] = [
  { from: 'L4', to: 'L5', sections: ['technicalComplexity'] },
  { from: 'L5', to: 'L6', sections: ['scopeAndInfluence', 'impact'] },
];

/**
 * Amazon's promotion case: 80% of the next level, usually TT or HV3, at least 4 peer feedbacks
 * (6 recommended; fewer than 4 cannot be submitted), 5+ pages from SDE I to II and 15+ from SDE II
 * to III at 500 words a page, and a committee on which the candidate's manager argues but does
 * not vote.
 */
export const AMAZON_PROMOTIONS: PromotionsPolicy = {
  readiness: {
    coverage: { targetPercent: 80, enforcement: 'warn' },
    rating: { allowed: ['TT', 'HV3'], enforcement: 'warn' },
    peerFeedback: { minimum: 4, recommended: 6, lookbackMonths: 12, enforcement: 'block' },
    length: {
      wordsPerPage: 500,
      byTransition: [
        { from: 'L4', to: 'L5', minPages: 5 },
        { from: 'L5', to: 'L6', minPages: 15 },
      ],
      thinBelowPercent: 50,
      enforcement: 'warn',
    },
    commonBlockers: COMMON_BLOCKERS,
  },
  sections: AMAZON_SECTIONS,
  committee: { managerMayVote: false, minimumVotes: 3, approval: 'majority', minimumFeedbackChars: 40 },
};

/**
 * The humane case: evidence over length and ratings. No page counts (a section is thin when no
 * evidence backs it), no rating gate, and peer feedback below the minimum is flagged rather than
 * blocking, since small teams cannot always find four peers.
 */
export const HUMANE_PROMOTIONS: PromotionsPolicy = {
  ...AMAZON_PROMOTIONS,
  readiness: {
    ...AMAZON_PROMOTIONS.readiness,
    rating: { allowed: [], enforcement: 'warn' },
    peerFeedback: { ...AMAZON_PROMOTIONS.readiness.peerFeedback, enforcement: 'warn' },
    length: { ...AMAZON_PROMOTIONS.readiness.length, byTransition: [] },
  },
  sections: HUMANE_SECTIONS,
};
