import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './column-types.ts';

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
