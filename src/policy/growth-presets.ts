import type { GrowthPolicy, PulseQuestion } from './growth.schema.ts';

const agree = (key: string, text: string): PulseQuestion => ({ key, text, scale: { min: 1, max: 5, minLabel: 'Strongly disagree', maxLabel: 'Strongly agree' } });

// A short health check in the spirit of team health-check cards: delivery, release, codebase,
// learning, support and safety. Five points, so a middle answer exists.
const QUESTIONS: PulseQuestion[] = [
  agree('deliveringValue', 'We deliver work our users value.'),
  agree('easyToRelease', 'Releasing our changes is simple and safe.'),
  agree('codebaseHealth', 'Our codebase is in good health.'),
  agree('learning', 'I am learning things that matter to me.'),
  agree('support', 'I get help when I ask for it.'),
  agree('safeToSpeak', 'I can raise a problem or a mistake without fear.'),
];

/**
 * Amazon between cycles: goals read by the chain, quarterly check-ins whose notes HR reads, and
 * development plans shown beside the delivered summary. The workshop and team health are not
 * Amazon practice, but their guard rails (minimum group of five) are the same in both presets.
 */
export const AMAZON_GROWTH: GrowthPolicy = {
  goals: { requireMeasurableResult: false, visibility: 'chain', outcomeMinChars: 20, maxPerQuarter: 10 },
  checkIns: { defaultCadence: 'quarterly', graceDays: 14, hrReadsNotes: true, agendaLookbackDays: 92 },
  livingDocument: {
    windowMonths: 12,
    thinMonthPercent: 34,
    recencyHeavyPercent: 50,
    sectionDimensions: { goals: 'delivery', shipped: 'delivery', incidents: 'systemImpact', slo: 'systemImpact', peerThemes: 'collaboration', growth: null, multiplier: 'collaboration' },
  },
  developmentPlans: { separateFromPay: false, dueDaysAfterDelivery: 30 },
  workshop: { metric: 'ordinal', flagSpread: 2, alignedAlpha: 0.8 },
  teamHealth: { minGroupSize: 5, skipLevelNotes: true, defaultQuestions: QUESTIONS },
};

/**
 * The humane playbook: goals with measurable results that anyone may read, monthly check-ins
 * private to the pair, and plans kept apart from ratings and pay.
 */
export const HUMANE_GROWTH: GrowthPolicy = {
  ...AMAZON_GROWTH,
  goals: { ...AMAZON_GROWTH.goals, requireMeasurableResult: true, visibility: 'organisation' },
  checkIns: { ...AMAZON_GROWTH.checkIns, defaultCadence: 'monthly', hrReadsNotes: false },
  developmentPlans: { ...AMAZON_GROWTH.developmentPlans, separateFromPay: true },
};
