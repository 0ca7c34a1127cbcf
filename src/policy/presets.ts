import type { Policy } from './policy.schema.ts';
import { DEFAULT_WORDING_TERMS } from './wording-terms.ts';
import { AMAZON_OLR, HUMANE_OLR } from './olr-presets.ts';
import type { OlrPolicy } from './olr.schema.ts';
import { AMAZON_GROWTH, HUMANE_GROWTH } from './growth-presets.ts';
import type { GrowthPolicy } from './growth.schema.ts';
import { AMAZON_PROMOTIONS, HUMANE_PROMOTIONS } from './promotions-presets.ts';
import type { PromotionsPolicy } from './promotions.schema.ts';
import { AMAZON_COMPENSATION, HUMANE_COMPENSATION } from './compensation-presets.ts';
import type { CompensationPolicy } from './compensation.schema.ts';
import { AMAZON_PIPELINE, HUMANE_PIPELINE } from './pipeline-presets.ts';
import type { PipelinePolicy } from './pipeline.schema.ts';
import { AMAZON_ANALYTICS, HUMANE_ANALYTICS, type AnalyticsPolicy } from './analytics.schema.ts';
import { AMAZON_PRIVACY, HUMANE_PRIVACY, type PrivacyPolicy } from './privacy.schema.ts';

/** The 16 Leadership Principles (DOMAIN.md section 2). */
export const DEFAULT_LEADERSHIP_PRINCIPLES = [
  'Customer Obsession',
  'Ownership',
  'Invent and Simplify',
  'Are Right, A Lot',
  'Learn and Be Curious',
  'Hire and Develop the Best',
  'Insist on the Highest Standards',
  'Think Big',
  'Bias for Action',
  'Frugality',
  'Earn Trust',
  'Dive Deep',
  'Have Backbone; Disagree and Commit',
  'Deliver Results',
  "Strive to be Earth's Best Employer",
  'Success and Scale Bring Broad Responsibility',
];

/** A shipped preset always carries the OLR section that older stored versions may lack. */
export type PresetPolicy = Policy & { olr: OlrPolicy; growth: GrowthPolicy; promotions: PromotionsPolicy; compensation: CompensationPolicy; pipeline: PipelinePolicy; analytics: AnalyticsPolicy; privacy: PrivacyPolicy };

// Forte runs November to March: self review, peers, manager, OLR, delivery.
const SCHEDULE = {
  self_review: '11-21',
  peer_feedback: '12-19',
  manager_review: '01-23',
  calibration: '02-20',
  delivery: '03-20',
};

/** Amazon's system as described in the source material: anonymous to the recipient, authors visible up the chain and to HR. */
export const AMAZON_POLICY: PresetPolicy = {
  key: 'amazon',
  name: 'Amazon',
  description:
    'Forte as Amazon runs it: peer feedback anonymous to the recipient and visible to the management chain and HR, released with the review at delivery.',
  leadershipPrinciples: DEFAULT_LEADERSHIP_PRINCIPLES,
  forte: {
    schedule: SCHEDULE,
    peers: { recommendedMinimum: 5, cap: 30, wordLimit: 60, maxLpChampioned: 3, maxLpToImprove: 3 },
    release: { when: 'at-delivery', minimumResponses: 0, aggregateLpTags: false },
    hrReadsPeerAuthors: true,
    employeeReadsManagerLog: false,
    wordingCheck: { enabled: true, terms: DEFAULT_WORDING_TERMS },
  },
  olr: AMAZON_OLR,
  growth: AMAZON_GROWTH,
  promotions: AMAZON_PROMOTIONS,
  compensation: AMAZON_COMPENSATION,
  pipeline: AMAZON_PIPELINE,
  analytics: AMAZON_ANALYTICS,
  privacy: AMAZON_PRIVACY,
};

/** The humane alternative: feedback flows as it arrives but only once enough has arrived to protect authors. */
export const HUMANE_POLICY: PresetPolicy = {
  ...AMAZON_POLICY,
  key: 'humane',
  name: 'Humane',
  description:
    'Evidence-based and transparent: peer feedback is released as it arrives once at least three responses protect authors, LP tags are aggregated, HR sees themes rather than authors, and employees read what their manager logs about them.',
  forte: {
    ...AMAZON_POLICY.forte,
    release: { when: 'on-submit', minimumResponses: 3, aggregateLpTags: true },
    hrReadsPeerAuthors: false,
    employeeReadsManagerLog: true,
  },
  olr: HUMANE_OLR,
  growth: HUMANE_GROWTH,
  promotions: HUMANE_PROMOTIONS,
  compensation: HUMANE_COMPENSATION,
  pipeline: HUMANE_PIPELINE,
  analytics: HUMANE_ANALYTICS,
  privacy: HUMANE_PRIVACY,
};

export const PRESETS: Record<string, PresetPolicy> = { amazon: AMAZON_POLICY, humane: HUMANE_POLICY };
