import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ProposalEvidence } from '../shared/schemas/calibration.ts';

/** Table types, written by hand to match the migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type PersonStatus = 'active' | 'leave' | 'terminated';

export interface MetaTable {
  key: string;
  value: Json<unknown>;
}

export interface LaddersTable {
  id: Generated<number>;
  key: string;
  name: string;
  job_function: string;
}

export interface LevelExpectations {
  scope: string;
  autonomy: string;
  technicalDepth: string;
  influence: string;
  mentorship: string;
  operations: string;
  exampleBehaviours: string[];
}

export interface LadderLevelsTable {
  id: Generated<number>;
  ladder_id: number;
  code: string;
  title: string;
  rank: number;
  expectations: Json<LevelExpectations>;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  created_at: CreatedAt;
}

export interface PeopleTable {
  id: Generated<number>;
  employee_id: string;
  name: string;
  email: string;
  manager_id: number | null;
  path: Generated<string>;
  level: string;
  title: string | null;
  team_id: number | null;
  location: string | null;
  hire_date: string;
  job_function: string | null;
  status: ColumnType<PersonStatus, PersonStatus | undefined, PersonStatus>;
  time_zone: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PersonAttributesTable {
  person_id: number;
  name: string;
  value: string;
}

export interface AccountsTable {
  id: Generated<number>;
  email: string;
  name: string;
  person_id: number | null;
  password_hash: string;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  disabled_at: Date | null;
  created_at: CreatedAt;
  password_changed_at: Timestamp;
}

export interface HrScopesTable {
  id: Generated<number>;
  account_id: number;
  root_person_id: number | null;
}

export interface SessionsTable {
  token_hash: string;
  account_id: number;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: Date;
  succeeded: boolean;
}

export interface AuditEventsTable {
  seq: number;
  at: Date;
  actor_account_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export type DraftStatus = 'draft' | 'submitted';
export type PeerRequestStatus = 'nominated' | 'requested' | 'accepted' | 'declined' | 'withdrawn' | 'submitted';
export type LogKind = 'decision' | 'win' | 'miss' | 'support' | 'feedback';

export interface PoliciesTable {
  id: Generated<number>;
  key: string;
  version: number;
  document: Json<unknown>;
  created_at: CreatedAt;
}

export interface ReviewCyclesTable {
  id: Generated<number>;
  name: string;
  root_person_id: number;
  policy_id: number;
  status: ColumnType<'draft' | 'launched' | 'closed', 'draft' | 'launched' | 'closed' | undefined, 'draft' | 'launched' | 'closed'>;
  deadlines: Json<Record<string, string>>;
  questions: Json<unknown>;
  launched_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CycleParticipantsTable {
  cycle_id: number;
  person_id: number;
  manager_id: number | null;
  path: string;
  status: ColumnType<'active' | 'left', 'active' | 'left' | undefined, 'active' | 'left'>;
  joined_at: Date;
  left_at: Date | null;
}

export interface SelfReviewsTable {
  id: Generated<number>;
  cycle_id: number;
  person_id: number;
  body: Generated<string>;
  principles: ColumnType<{ principle: string; example: string }[], string | undefined, string>;
  status: ColumnType<DraftStatus, DraftStatus | undefined, DraftStatus>;
  version: Generated<number>;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface PeerRequestsTable {
  id: Generated<number>;
  cycle_id: number;
  subject_id: number;
  reviewer_id: number;
  nominated_by: number;
  status: PeerRequestStatus;
  decline_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PeerFeedbackTable {
  id: Generated<number>;
  request_id: number;
  cycle_id: number;
  subject_id: number;
  author_id: number;
  public_id: string;
  superpowers: Generated<string>;
  improvements: Generated<string>;
  lps_championed: ColumnType<string[], string | undefined, string>;
  lps_to_improve: ColumnType<string[], string | undefined, string>;
  status: ColumnType<DraftStatus, DraftStatus | undefined, DraftStatus>;
  version: Generated<number>;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface ManagerReviewsTable {
  id: Generated<number>;
  cycle_id: number;
  person_id: number;
  author_id: number;
  narrative: Generated<string>;
  strengths: Generated<string>;
  growth_areas: Generated<string>;
  evidence_links: ColumnType<{ label: string; url: string }[], string | undefined, string>;
  status: ColumnType<DraftStatus, DraftStatus | undefined, DraftStatus>;
  version: Generated<number>;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface FeedbackLogTable {
  id: Generated<number>;
  person_id: number;
  author_id: number;
  kind: LogKind;
  occurred_on: string;
  body: string;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  title: string;
  link: string | null;
  dedupe_key: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
  emailed_at: Date | null;
}

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

export interface DB {
  meta: MetaTable;
  ladders: LaddersTable;
  ladder_levels: LadderLevelsTable;
  teams: TeamsTable;
  people: PeopleTable;
  person_attributes: PersonAttributesTable;
  accounts: AccountsTable;
  hr_scopes: HrScopesTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  policies: PoliciesTable;
  review_cycles: ReviewCyclesTable;
  cycle_participants: CycleParticipantsTable;
  self_reviews: SelfReviewsTable;
  peer_requests: PeerRequestsTable;
  peer_feedback: PeerFeedbackTable;
  manager_reviews: ManagerReviewsTable;
  feedback_log: FeedbackLogTable;
  notifications: NotificationsTable;
  rating_proposals: RatingProposalsTable;
  calibration_sessions: CalibrationSessionsTable;
  calibration_calibrators: CalibrationCalibratorsTable;
  calibrated_ratings: CalibratedRatingsTable;
  calibration_votes: CalibrationVotesTable;
  rating_changes: RatingChangesTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Account = Selectable<AccountsTable>;
