import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { policySchema, type Policy } from '../policy/policy.schema.ts';
import { actionWindow, currentPhase, type CycleAction, type CyclePhase, type Deadlines } from './phases.rules.ts';
import { cycleQuestionsSchema, type CycleQuestions } from './questions.ts';

export interface LoadedCycle {
  id: number;
  name: string;
  rootPersonId: number;
  rootPath: string;
  rootName: string;
  status: 'draft' | 'launched' | 'closed';
  deadlines: Deadlines;
  launchedAt: Date | null;
  policyId: number;
  policyKey: string;
  policyVersion: number;
  policy: Policy;
  questions: CycleQuestions | null;
}

// Policy versions never change once stored, so each one is fetched and validated once per
// process. The key carries the creation time as well as the id so that two databases opened in
// one process (tests, a restore) cannot hand each other their policies.
const parsedPolicies = new Map<string, Policy>();

async function policyById(db: Kysely<DB>, row: { policy_id: number; policy_created_at: Date }): Promise<Policy> {
  const key = `${row.policy_id}@${row.policy_created_at.getTime()}`;
  let policy = parsedPolicies.get(key);
  if (!policy) {
    const { document } = await db.selectFrom('policies').select('document').where('id', '=', row.policy_id).executeTakeFirstOrThrow();
    policy = policySchema.parse(document);
    if (parsedPolicies.size > 100) parsedPolicies.clear();
    parsedPolicies.set(key, policy);
  }
  return policy;
}

/** The columns a LoadedCycle is built from, for queries that fetch a cycle along with something else. */
export function selectCycleColumns<O>(query: SelectQueryBuilder<DB & { c: DB['review_cycles'] }, 'c', O>) {
  return query
    .innerJoin('people as root', 'root.id', 'c.root_person_id')
    .innerJoin('policies as p', 'p.id', 'c.policy_id')
    .select([
      'c.id as cycle_id',
      'c.name as cycle_name',
      'c.root_person_id',
      'root.path as root_path',
      'root.name as root_name',
      'c.status as cycle_status',
      'c.deadlines',
      'c.questions',
      'c.launched_at',
      'p.id as policy_id',
      'p.key as policy_key',
      'p.version as policy_version',
      'p.created_at as policy_created_at',
    ]);
}

export interface CycleRow {
  cycle_id: number;
  cycle_name: string;
  root_person_id: number;
  root_path: string;
  root_name: string;
  cycle_status: 'draft' | 'launched' | 'closed';
  deadlines: unknown;
  questions: unknown;
  launched_at: Date | null;
  policy_id: number;
  policy_key: string;
  policy_version: number;
  policy_created_at: Date;
}

export async function cycleFromRow(db: Kysely<DB>, row: CycleRow): Promise<LoadedCycle> {
  return {
    id: row.cycle_id,
    name: row.cycle_name,
    rootPersonId: row.root_person_id,
    rootPath: row.root_path,
    rootName: row.root_name,
    status: row.cycle_status,
    deadlines: row.deadlines as Deadlines,
    launchedAt: row.launched_at,
    policyId: row.policy_id,
    policyKey: row.policy_key,
    policyVersion: row.policy_version,
    policy: await policyById(db, row),
    questions: row.cycle_status === 'draft' || !row.launched_at ? null : launchedQuestions(row.cycle_id, row.launched_at, row.questions),
  };
}

// Questions lock when a cycle launches, so they too are validated once per launched cycle.
const parsedQuestions = new Map<string, CycleQuestions>();
function launchedQuestions(cycleId: number, launchedAt: Date, document: unknown): CycleQuestions {
  const key = `${cycleId}@${launchedAt.getTime()}`;
  let questions = parsedQuestions.get(key);
  if (!questions) {
    questions = cycleQuestionsSchema.parse(document);
    if (parsedQuestions.size > 100) parsedQuestions.clear();
    parsedQuestions.set(key, questions);
  }
  return questions;
}

/** A cycle with its pinned policy; 404 when it does not exist. Callers check access. */
export async function loadCycle(db: Kysely<DB>, cycleId: number): Promise<LoadedCycle> {
  const row = await selectCycleColumns(db.selectFrom('review_cycles as c')).where('c.id', '=', cycleId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No review cycle ${cycleId}.` });
  return cycleFromRow(db, row);
}

export function phaseOf(cycle: LoadedCycle, now: Date): CyclePhase {
  return currentPhase(cycle, now);
}

/** Refuses an action outside its phases with a problem that names the rule and the deadline. */
export function assertActionOpen(cycle: LoadedCycle, action: CycleAction, now: Date): void {
  const window = actionWindow(action, cycle, now);
  if (!window.open) throw new AppError('PHASE_CLOSED', { detail: window.reason, extra: { rule: 'PHASE_CLOSED', phase: currentPhase(cycle, now) } });
}
