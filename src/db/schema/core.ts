import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './column-types.ts';

// People, accounts, sessions and the audit log (migration foundation).
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
  /** When the user last proved their password (migration 20261129T2110); null counts as never. */
  password_verified_at: Date | null;
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
  /** Added by migration 20261129T2100_audit_details_hash: the entry hash covers this, not details. */
  details_hash: string;
  prev_hash: string;
  hash: string;
}

export interface CoreTables {
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
  sensitive_reads: SensitiveReadsTable;
}

/** Reads of calibration and demographic records (migration 20261129T2130_sensitive_reads). */
export interface SensitiveReadsTable {
  id: Generated<number>;
  at: Date;
  reader_account_id: number;
  resource: 'calibration' | 'demographics';
  route: string;
  subject_person_id: number | null;
  subject: Json<Record<string, unknown>>;
  request_id: string | null;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Account = Selectable<AccountsTable>;
