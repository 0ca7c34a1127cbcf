import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './column-types.ts';

// Forte: policies, cycles, self/peer/manager feedback and the feedback log (migration forte).
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

export interface ForteTables {
  policies: PoliciesTable;
  review_cycles: ReviewCyclesTable;
  cycle_participants: CycleParticipantsTable;
  self_reviews: SelfReviewsTable;
  peer_requests: PeerRequestsTable;
  peer_feedback: PeerFeedbackTable;
  manager_reviews: ManagerReviewsTable;
  feedback_log: FeedbackLogTable;
  notifications: NotificationsTable;
}
