import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './column-types.ts';

// Between cycles (migration 20261129T2040_growth).
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
