import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './column-types.ts';
import type { ProposalEvidence } from '../../shared/schemas/calibration.ts';

// OLR and calibration (migrations 20261129T1900_olr, T2050_calibration_counts).
export type OvRatingValue = 'TT' | 'HV3' | 'HV2' | 'HV1' | 'LE';

export interface RatingProposalsTable {
  id: Generated<number>;
  cycle_id: number;
  person_id: number;
  author_id: number;
  performance: number | null;
  potential: number | null;
  principles: Json<Record<string, number>>;
  justification: string;
  evidence: Json<ProposalEvidence>;
  status: 'draft' | 'submitted';
  version: Generated<number>;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface CalibrationSessionsTable {
  id: Generated<number>;
  cycle_id: number;
  root_person_id: number;
  name: string;
  status: ColumnType<'open' | 'finalised' | 'delivered', 'open' | 'finalised' | 'delivered' | undefined>;
  blind: ColumnType<boolean, boolean | undefined>;
  created_by: number;
  created_at: CreatedAt;
  finalised_at: Date | null;
  delivered_at: Date | null;
  version: Generated<number>;
}

export interface CalibrationCalibratorsTable {
  session_id: number;
  account_id: number;
}

/** Per session, how many people hold each OV: kept with every write to calibrated_ratings. */
export interface CalibrationCountsTable {
  session_id: number;
  ov: OvRatingValue;
  n: number;
}

export interface CalibratedRatingsTable {
  id: Generated<number>;
  session_id: number;
  cycle_id: number;
  person_id: number;
  manager_id: number | null;
  proposed_performance: number;
  proposed_potential: number;
  proposed_ov: OvRatingValue;
  performance: number;
  potential: number;
  ov: OvRatingValue;
  forte_summary: string;
  evidence_dimensions: Json<string[]>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface CalibrationVotesTable {
  session_id: number;
  person_id: number;
  account_id: number;
  vote: 'agree' | 'questions' | 'abstain';
  at: Timestamp;
}

export interface RatingChangesTable {
  id: Generated<number>;
  session_id: number;
  person_id: number;
  from_performance: number;
  from_potential: number;
  from_ov: OvRatingValue;
  to_performance: number;
  to_potential: number;
  to_ov: OvRatingValue;
  rationale: string;
  evidence_to_change_mind: string | null;
  approved_by: Json<number[]>;
  changed_by: number;
  at: Timestamp;
}

export interface CalibrationTables {
  rating_proposals: RatingProposalsTable;
  calibration_sessions: CalibrationSessionsTable;
  calibration_calibrators: CalibrationCalibratorsTable;
  calibrated_ratings: CalibratedRatingsTable;
  calibration_counts: CalibrationCountsTable;
  calibration_votes: CalibrationVotesTable;
  rating_changes: RatingChangesTable;
}
