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
  /** Example behaviours per dimension (scope, autonomy, ...); optional so ladders stored before they existed still read. */
  behaviours?: Partial<Record<'scope' | 'autonomy' | 'technicalDepth' | 'influence' | 'mentorship' | 'operations', string[]>>;
}

export interface LadderLevelsTable {
  id: Generated<number>;
  ladder_id: number;
  code: string;
  title: string;
  rank: number;
  expectations: Json<LevelExpectations>;
  /** Added by migration 20261129T2010_promotions: the ladder editor refuses stale saves. */
  version: Generated<number>;
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

export interface DB extends MetricsTables {
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
  calibration_counts: CalibrationCountsTable;
  calibration_votes: CalibrationVotesTable;
  rating_changes: RatingChangesTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Account = Selectable<AccountsTable>;

// Engineering metrics (migration 20261129T2020_metrics). Timestamps are read as Date; ids of
// partitioned event tables are bigint, read as numbers (src/db/database.ts).
type Bigint = ColumnType<number, number | undefined, number>;
type Org = ColumnType<number, number | undefined, number>;
type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface MetricsTables {
  services: { id: Generated<number>; org_id: Org; name: string; created_at: CreatedAt };
  repositories: { id: Generated<number>; org_id: Org; key: string; url: string | null; name: string; git_tips: ColumnType<string[], string[] | undefined, string[]>; created_at: CreatedAt };
  service_repositories: { service_id: number; repository_id: number };
  team_services: { team_id: number; service_id: number };
  team_repositories: { team_id: number; repository_id: number };
  person_identities: { org_id: Org; kind: 'email' | 'github' | 'amazon-q' | 'pagerduty'; value: string; person_id: number };
  commit_graph: { org_id: Org; repository_id: number; sha: string; parent_shas: string[]; generation: number };
  commits: {
    org_id: Org; repository_id: number; sha: string; author_name: string; author_email: string; authored_at: Ts;
    committer_email: string; committed_at: Ts; additions: number; deletions: number; files_changed: number; subject: string; occurred_at: Ts;
  };
  pull_requests: {
    id: Bigint; org_id: Org; repository_id: number; external_id: string; number: string | null; title: string | null; author: string | null;
    state: string | null; created_at: Ts; merged_at: TsNull; closed_at: TsNull; merge_commit_sha: string | null; head_sha: string | null; occurred_at: Ts;
  };
  pull_request_commits: { org_id: Org; pull_request_id: number; commit_sha: string; authored_at: TsNull };
  pull_request_comments: { org_id: Org; pull_request_id: number; external_id: string; author: string | null; created_at: Ts; occurred_at: Ts };
  pipelines: {
    id: Bigint; org_id: Org; service_id: number; source: string; external_id: string; name: string | null; result: string | null; status: string | null;
    type: string | null; environment: string | null; duration_sec: number | null; created_at: TsNull; finished_at: TsNull; occurred_at: Ts;
  };
  pipeline_tasks: {
    org_id: Org; pipeline_id: number; external_id: string; name: string | null; type: string | null; result: string | null; environment: string | null;
    started_at: TsNull; finished_at: TsNull; occurred_at: Ts;
  };
  deployments: {
    id: Bigint; org_id: Org; service_id: number; source: string; external_id: string; name: string | null; environment: string | null;
    result: string | null; started_at: TsNull; finished_at: TsNull; occurred_at: Ts;
  };
  deployment_commits: {
    org_id: Org; deployment_id: number; deployment_key: string; repository_id: number; service_id: number; commit_sha: string; environment: string | null;
    result: string | null; started_at: TsNull; finished_at: TsNull; prev_deployment_id: number | null;
  };
  deployment_diffs: { org_id: Org; deployment_id: number; repository_id: number; commit_sha: string };
  incidents: {
    id: Bigint; org_id: Org; service_id: number | null; source: string; external_id: string; title: string | null; severity: string | null;
    status: string | null; created_at: Ts; resolved_at: TsNull; lead_time_minutes: number | null; assignees: ColumnType<string[], string[] | undefined, string[]>;
    analysis_author: string | null; analysis_url: string | null; deployment_id: number | null; deployment_finished_at: TsNull; occurred_at: Ts;
  };
  pr_deployments: {
    org_id: Org; pull_request_id: number; service_id: number; deployment_id: number; merge_commit_sha: string | null; first_commit_sha: string | null; first_review_id: string | null;
    coding_minutes: number | null; pickup_minutes: number | null; review_minutes: number | null; deploy_minutes: number | null; cycle_minutes: number;
    first_commit_at: TsNull; first_review_at: TsNull; created_at: TsNull; merged_at: TsNull; deployed_at: Ts;
  };
  deployment_days: { org_id: Org; service_id: number; day: string; deployments: number; failed: number };
  sli_samples: { org_id: Org; service_id: number; metric: string; at: Ts; value: number; occurred_at: Ts };
  slo_targets: { id: Generated<number>; org_id: Org; service_id: number; name: string; definition: Json<unknown> };
  operational_items: {
    org_id: Org; service_id: number; source: string; external_id: string; kind: 'vulnerability' | 'ticket'; severity: string | null; title: string | null;
    opened_at: Ts; resolved_at: TsNull; occurred_at: Ts;
  };
  oncall_shifts: { org_id: Org; service_id: number | null; schedule: string; person_ref: string; starts_at: Ts; ends_at: Ts; occurred_at: Ts };
  oncall_pages: {
    org_id: Org; service_id: number | null; source: string; external_id: string; person_ref: string; incident_external_id: string | null; at: Ts; occurred_at: Ts;
  };
  ai_usage_daily: {
    org_id: Org; source: 'amazon-q' | 'copilot'; day: string; user_key: string; active_users: number; suggestions: number; acceptances: number;
    ai_code_lines: number; chat_messages: number; details: Json<Record<string, number>>; occurred_at: Ts;
  };
  webhook_sources: { org_id: Org; name: string; secret: string; created_at: CreatedAt };
}

// Between cycles (migration 20261129T2040_growth). Merged into DB by a second declaration so
// that this block and the other features' blocks can be edited apart.
export type GoalStatus = 'not_started' | 'on_track' | 'at_risk' | 'achieved' | 'partly' | 'missed' | 'dropped';
export type LivingSectionValue = 'goals' | 'shipped' | 'incidents' | 'slo' | 'peerThemes' | 'growth' | 'multiplier';

export interface GrowthTables {
  goals: {
    id: Generated<number>;
    person_id: number | null;
    team_id: number | null;
    quarter: string;
    objective: string;
    measurable_result: Generated<string>;
    status: ColumnType<GoalStatus, GoalStatus | undefined, GoalStatus>;
    evidence_links: ColumnType<{ label: string; url: string }[], string | undefined, string>;
    outcome: string | null;
    closed_at: Date | null;
    created_by: number;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: Timestamp;
  };
  check_ins: {
    id: Generated<number>;
    person_id: number;
    manager_id: number;
    held_on: string;
    cadence: 'monthly' | 'quarterly';
    notes: string;
    concern: ColumnType<boolean, boolean | undefined, boolean>;
    agenda: ColumnType<{ kind: 'goal' | 'note' | 'plan' | 'theme'; ref: string; text: string }[], string | undefined, string>;
    plan_id: number | null;
    plan_follow_up: string | null;
    created_by: number;
    created_at: CreatedAt;
  };
  living_document_items: {
    id: Generated<number>;
    person_id: number;
    section: LivingSectionValue;
    occurred_on: string;
    text: string;
    link: string | null;
    highlight: ColumnType<boolean, boolean | undefined, boolean>;
    created_by: number;
    created_at: CreatedAt;
  };
  living_document_exclusions: { person_id: number; item_key: string; created_by: number; created_at: CreatedAt };
  development_plans: {
    id: Generated<number>;
    person_id: number;
    cycle_id: number;
    skill: string;
    system_behaviour: string;
    measurable_outcome: string;
    quarter: string;
    status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
    created_by: number;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: Timestamp;
  };
  calibration_workshops: {
    id: Generated<number>;
    name: string;
    scale: Json<{ value: number; label: string }[]>;
    metric: 'ordinal' | 'interval';
    status: ColumnType<'open' | 'revealed', 'open' | 'revealed' | undefined, 'open' | 'revealed'>;
    created_by: number;
    created_at: CreatedAt;
    revealed_at: Date | null;
  };
  workshop_packets: { id: Generated<number>; workshop_id: number; position: number; title: string; body: string };
  workshop_raters: { workshop_id: number; account_id: number };
  workshop_ratings: { packet_id: number; account_id: number; value: number; at: Timestamp };
  pulse_surveys: {
    id: Generated<number>;
    title: string;
    questions: Json<{ key: string; text: string; scale: { min: number; max: number; minLabel: string; maxLabel: string } }[]>;
    min_group_size: number;
    closes_on: string;
    created_by: number;
    created_at: CreatedAt;
  };
  pulse_teams: { pulse_id: number; team_id: number };
  pulse_participation: { pulse_id: number; person_id: number };
  pulse_team_respondents: { pulse_id: number; team_id: number; respondents: number };
  pulse_tallies: { pulse_id: number; team_id: number; question_key: string; value: number; n: number };
  skip_level_notes: { id: Generated<number>; leader_id: number; person_id: number; held_on: string; notes: string; created_at: CreatedAt };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging, see above
export interface DB extends GrowthTables {}

// Promotions and compensation (migration 20261129T2010_promotions). Money and share counts are
// bigint columns read back as numbers (src/db/database.ts); every amount is whole cents.
type Cents = ColumnType<number, number, number>;

export interface PromotionTables {
  promotion_packets: {
    id: Generated<number>;
    candidate_id: number;
    author_id: number;
    policy_id: number;
    from_level: string;
    to_level: string;
    status: ColumnType<'draft' | 'submitted' | 'committee_review' | 'approved' | 'not_approved', 'draft' | undefined, 'draft' | 'submitted' | 'committee_review' | 'approved' | 'not_approved'>;
    decision_feedback: string | null;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: Timestamp;
    decided_at: Date | null;
  };
  promotion_sections: {
    packet_id: number;
    section: string;
    body: Generated<string>;
    evidence: ColumnType<PacketEvidenceItem[], string | undefined, string>;
    version: Generated<number>;
    updated_by: number | null;
    updated_at: Timestamp;
  };
  promotion_committee: { packet_id: number; account_id: number };
  promotion_votes: { packet_id: number; account_id: number; vote: 'approve' | 'not_yet' | 'abstain'; feedback: Generated<string>; at: Timestamp };
  promotion_events: { id: Generated<number>; packet_id: number; actor_account_id: number | null; from_status: string | null; to_status: string; note: Generated<string>; at: Timestamp };
  compensation_changes: {
    id: Generated<number>;
    person_id: number;
    kind: 'hire' | 'merit' | 'promotion' | 'refresh' | 'retention' | 'boomerang' | 'departure';
    effective_on: string;
    level: string;
    base_cents: Cents;
    details: ColumnType<Record<string, unknown>, string | undefined, string>;
    approved_by: number | null;
    packet_id: number | null;
    recorded_by: number | null;
    created_at: CreatedAt;
  };
  equity_grants: {
    id: Generated<number>;
    person_id: number;
    change_id: number;
    kind: string;
    grant_date: string;
    shares: Cents;
    price_cents: Cents;
    tranches: ColumnType<{ on: string; shares: number }[], string, string>;
  };
  sign_on_payments: { id: Generated<number>; person_id: number; change_id: number; pay_on: string; amount_cents: Cents; note: Generated<string> };
  share_prices: { id: Generated<number>; as_of: string; price_cents: Cents; recorded_by: number | null; created_at: CreatedAt };
}

/** One piece of evidence linked to a packet section, and the next-level expectations it shows. */
export interface PacketEvidenceItem {
  kind: 'log_note' | 'peer_feedback' | 'shipped_work' | 'design_doc' | 'incident';
  /** The feedback_log or peer_feedback row, for the two kinds that live in Highbar. */
  refId?: number;
  url?: string;
  title: string;
  expectations: string[];
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging, see above
export interface DB extends PromotionTables {}

// The attrition pipeline (migration 20261129T2000_pipeline). A case's process state is a JSON
// document the pipeline rules own (src/pipeline/pipeline.rules.ts); stage and deadline are
// columns so the board and the deadline job can query them.
export type PipelineStageValue = 'identified' | 'focus' | 'pivot' | 'pip' | 'pip_failed' | 'appeal' | 'kept' | 'left_tier1' | 'left_tier2' | 'terminated';

export interface PipelineTables {
  pipeline_cases: {
    id: Generated<number>;
    person_id: number;
    policy_id: number;
    source: 'rating' | 'manual';
    cycle_id: number | null;
    stage: PipelineStageValue;
    stage_entered_at: Timestamp;
    due_at: Timestamp | null;
    escalated_at: Timestamp | null;
    state: Json<unknown>;
    opened_by: number | null;
    opened_at: Timestamp;
    closed_at: Timestamp | null;
    version: Generated<number>;
  };
  pipeline_events: {
    id: Generated<number>;
    case_id: number;
    type: string;
    from_stage: PipelineStageValue | null;
    to_stage: PipelineStageValue;
    actor_account_id: number | null;
    capacity: string | null;
    details: Json<Record<string, unknown>>;
    at: Timestamp;
  };
  pipeline_access_log: { id: Generated<number>; reader_account_id: number; person_id: number | null; case_id: number | null; resource: string; request_id: string | null; at: Timestamp };
  exits: { id: Generated<number>; person_id: number; exit_date: string; kind: 'voluntary' | 'involuntary'; regretted: boolean; reason: string; case_id: number | null; recorded_by: number | null; created_at: CreatedAt };
  ura_targets: { root_person_id: number; year: number; target_percent: number; set_by: number | null; set_at: Timestamp };
  transfer_requests: { id: Generated<number>; person_id: number; to_manager_id: number; note: string; status: ColumnType<'requested' | 'approved' | 'declined' | 'withdrawn', 'requested' | undefined, 'requested' | 'approved' | 'declined' | 'withdrawn'>; requested_by: number; created_at: CreatedAt };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging, see above
export interface DB extends PipelineTables {}

// People analytics (migration 20261129T2030_analytics): uploaded datasets, kept apart from people,
// and the member sets earlier bias audits showed each reader (suppression across reports).
export interface AnalyticsTables {
  analytics_datasets: {
    id: Generated<number>;
    name: string;
    file_name: string;
    uploaded_by: number;
    uploaded_at: CreatedAt;
    row_count: number;
    byte_size: number;
    columns: Json<{ name: string; distinct: number; values: string[] | null }[]>;
    content: ColumnType<Uint8Array, Uint8Array, never>;
  };
  analytics_disclosures: {
    id: Generated<number>;
    account_id: number;
    source: string;
    dimension: string;
    value: string;
    population: Json<number[]>;
    members: Json<number[]>;
    digest: string;
    first_shown_at: Timestamp;
    last_shown_at: Timestamp;
  };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging, see above
export interface DB extends AnalyticsTables {}
