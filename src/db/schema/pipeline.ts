import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './column-types.ts';

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
