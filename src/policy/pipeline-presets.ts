import type { PipelinePolicy } from './pipeline.schema.ts';

/**
 * Amazon's attrition machinery as the sources describe it: a 6% URA target, an LE rating
 * identifies, Focus is a month-long project the employee is not told about (transfers blocked),
 * Pivot gives a month to choose Tier 1 severance or a 30-90 day PIP, a failed PIP leaves Tier 2
 * or an appeal to a jury of peers, and a lost appeal ends with minimal severance. The manager may
 * judge a PIP failed before its end, as the sources have it ("the manager determines").
 */
export const AMAZON_PIPELINE: PipelinePolicy = {
  ura: { targetPercent: 6 },
  hireToFire: { windowMonths: 12, alpha: 0.05 },
  identification: { ratings: ['LE'], manualReasonMinWords: 5 },
  focus: {
    label: 'Focus',
    visibleToEmployee: false,
    defaultLengthDays: 30,
    minLengthDays: 21,
    maxLengthDays: 45,
    minimumGoals: 1,
    requireSuccessCriteria: true,
    checkInEveryDays: null,
    requireAcknowledgement: false,
    blocksInternalTransfer: true,
  },
  pivot: { decisionWindowDays: 30 },
  pip: { minDays: 30, maxDays: 90, defaultDays: 60, minimumGoals: 1, checkInEveryDays: 14, failBeforeEnd: true },
  postFailure: { decisionWindowDays: 14 },
  appeal: { jurySize: 3, verdictWindowDays: 30 },
  severance: {
    bands: [
      { fromYears: 0, tier1Weeks: 10, tier2Weeks: 4, minimalWeeks: 1 },
      { fromYears: 2, tier1Weeks: 13, tier2Weeks: 6, minimalWeeks: 2 },
      { fromYears: 5, tier1Weeks: 17, tier2Weeks: 8, minimalWeeks: 2 },
    ],
  },
};

/**
 * The humane alternative: no hidden stage. Focus becomes a support plan the employee sees from
 * identification on, with written goals, a timeline of weekly coaching check-ins and the
 * criteria for success, which they acknowledge before it can be judged unsuccessful. Nobody is
 * blocked from moving team, the Pivot decision gets two months, a PIP runs its full length
 * before it can be failed, and severance is more generous at every tier.
 */
export const HUMANE_PIPELINE: PipelinePolicy = {
  ...AMAZON_PIPELINE,
  focus: {
    label: 'Support plan',
    visibleToEmployee: true,
    defaultLengthDays: 42,
    minLengthDays: 28,
    maxLengthDays: 90,
    minimumGoals: 2,
    requireSuccessCriteria: true,
    checkInEveryDays: 7,
    requireAcknowledgement: true,
    blocksInternalTransfer: false,
  },
  pivot: { decisionWindowDays: 60 },
  pip: { minDays: 30, maxDays: 90, defaultDays: 90, minimumGoals: 2, checkInEveryDays: 7, failBeforeEnd: false },
  postFailure: { decisionWindowDays: 30 },
  appeal: { jurySize: 5, verdictWindowDays: 30 },
  severance: {
    bands: [
      { fromYears: 0, tier1Weeks: 16, tier2Weeks: 10, minimalWeeks: 4 },
      { fromYears: 2, tier1Weeks: 20, tier2Weeks: 13, minimalWeeks: 6 },
      { fromYears: 5, tier1Weeks: 26, tier2Weeks: 17, minimalWeeks: 8 },
    ],
  },
};
