import type { OlrPolicy, OvRating } from './olr.schema.ts';

/** Rows written highest performance first, as the matrix is read; index 0 is potential 1. */
function matrix(rows: Record<number, [OvRating, OvRating, OvRating, OvRating]>): OlrPolicy['ovMatrix'] {
  return Object.fromEntries(Object.entries(rows).map(([performance, cells]) => [performance, Object.fromEntries(cells.map((ov, i) => [String(i + 1), ov]))]));
}

const SCALES: OlrPolicy['scales'] = {
  performance: {
    levels: [
      { value: 1, label: 'Does not meet', description: 'Missed most expectations of the level; the work needed substantial help to land.' },
      { value: 2, label: 'Partially meets', description: 'Met some expectations of the level; important gaps in scope, quality or delivery remain.' },
      { value: 3, label: 'Meets most', description: 'Met most expectations of the level, with a gap or two in scope or quality.' },
      { value: 4, label: 'Fully meets', description: 'Met the expectations of the level in scope, quality and delivery.' },
      { value: 5, label: 'Exceeds', description: 'Went beyond the level in at least one of scope, quality or impact.' },
      { value: 6, label: 'Strongly exceeds', description: 'Went beyond the level in scope and impact, consistently through the year.' },
      { value: 7, label: 'Outstanding', description: "Operated at the next level's scope with exceptional impact." },
    ],
  },
  // Potential is readiness for larger roles: acting on feedback, initiative, strategic thinking.
  potential: {
    levels: [
      { value: 1, label: 'Limited', description: 'Acts on feedback when asked; initiative and strategic thinking not yet shown beyond the current scope.' },
      { value: 2, label: 'Growing', description: 'Acts on feedback and takes initiative within the current scope.' },
      { value: 3, label: 'High', description: "Seeks feedback, takes initiative beyond the role and thinks about the team's direction." },
      { value: 4, label: 'Exceptional', description: 'Ready for a larger role now: sets direction and thinks strategically across teams.' },
    ],
  },
  leadershipPrinciples: {
    levels: [
      { value: 1, label: 'Development area', description: 'Shown rarely or inconsistently.' },
      { value: 2, label: 'Solid', description: 'Shown as expected at the level.' },
      { value: 3, label: 'Strength', description: 'Shown consistently and beyond the level; others notice.' },
      { value: 4, label: 'Role Model', description: 'Others learn this principle from them. Capped per principle.' },
    ],
  },
};

// The usual correspondence of DOMAIN.md section 3: 5-7 Exceeds, 3-4 Meets, 1-2 Needs Improvement.
const FORTE_SUMMARY: OlrPolicy['forteSummary'] = {
  '1': 'Needs Improvement',
  '2': 'Needs Improvement',
  '3': 'Meets High Bar',
  '4': 'Meets High Bar',
  '5': 'Exceeds High Bar',
  '6': 'Exceeds High Bar',
  '7': 'Exceeds High Bar',
};

const EVIDENCE_DIMENSIONS = [
  { key: 'delivery', label: 'Delivery outcomes' },
  { key: 'collaboration', label: 'Collaboration behaviours' },
  { key: 'systemImpact', label: 'System impact' },
];

/**
 * Amazon's OLR: potential weighs as much as performance, so an "Exceeds" performer with low
 * potential (5, 1: HV1) ends below a "Meets" colleague with high potential (4, 4: HV3), the case
 * the sources call confusing. Targets are forced: TT at most ~20%, HV1 35-40%, LE 5-10%.
 */
export const AMAZON_OLR: OlrPolicy = {
  scales: SCALES,
  roleModel: { level: 4, maxPercent: 5, maxPercentByPrinciple: {} },
  ovMatrix: matrix({
    7: ['HV3', 'TT', 'TT', 'TT'],
    6: ['HV2', 'HV3', 'TT', 'TT'],
    5: ['HV1', 'HV2', 'HV3', 'HV3'],
    4: ['HV1', 'HV1', 'HV2', 'HV3'],
    3: ['LE', 'HV1', 'HV1', 'HV2'],
    2: ['LE', 'LE', 'HV1', 'HV1'],
    1: ['LE', 'LE', 'LE', 'LE'],
  }),
  forteSummary: FORTE_SUMMARY,
  distribution: {
    mode: 'forced',
    rounding: 'largest-remainder',
    targets: [
      { rating: 'TT', minPercent: 0, maxPercent: 20, fromGroupSize: 10 },
      { rating: 'HV1', minPercent: 35, maxPercent: 40, fromGroupSize: 10 },
      { rating: 'LE', minPercent: 5, maxPercent: 10, fromGroupSize: 10 },
    ],
  },
  evidence: { dimensions: EVIDENCE_DIMENSIONS, minimumDimensions: 2, enforcement: 'off' },
  quorum: { ratings: ['TT', 'LE'], minimumCalibrators: 3 },
  adjustments: { requireEvidenceToChangeMind: false, noSurprises: false, blindFirstPassByDefault: false },
  delivery: {
    employeeSees: { forteSummary: true, ovRating: false, axisRatings: false, rubric: false, matrix: false, evidence: false, calibrationMoves: false, policyVersion: false },
    canRequestReview: false,
  },
};

/**
 * The humane OLR: performance decides the band and potential only orders people within it, so
 * the OV never contradicts the Forte summary the person reads; the matrix is published; targets
 * are guidelines with no minimum share of LE; a rating needs evidence in 2 of 3 dimensions.
 */
export const HUMANE_OLR: OlrPolicy = {
  ...AMAZON_OLR,
  ovMatrix: matrix({
    7: ['TT', 'TT', 'TT', 'TT'],
    6: ['HV3', 'TT', 'TT', 'TT'],
    5: ['HV3', 'HV3', 'HV3', 'HV3'],
    4: ['HV2', 'HV2', 'HV2', 'HV2'],
    3: ['HV1', 'HV1', 'HV2', 'HV2'],
    2: ['LE', 'LE', 'LE', 'LE'],
    1: ['LE', 'LE', 'LE', 'LE'],
  }),
  distribution: {
    mode: 'guideline',
    rounding: 'largest-remainder',
    targets: [
      { rating: 'TT', minPercent: 0, maxPercent: 25, fromGroupSize: 20 },
      { rating: 'LE', minPercent: 0, maxPercent: 10, fromGroupSize: 20 },
    ],
  },
  evidence: { dimensions: EVIDENCE_DIMENSIONS, minimumDimensions: 2, enforcement: 'block' },
  adjustments: { requireEvidenceToChangeMind: true, noSurprises: true, blindFirstPassByDefault: true },
  delivery: {
    employeeSees: { forteSummary: true, ovRating: true, axisRatings: true, rubric: true, matrix: true, evidence: true, calibrationMoves: true, policyVersion: true },
    canRequestReview: true,
  },
};
