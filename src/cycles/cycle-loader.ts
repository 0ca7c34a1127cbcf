import type { Kysely } from 'kysely';
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

// Policy versions never change once stored, so each distinct document is validated once per
// process (keyed by its text, which also keeps two databases in one process apart).
const parsedPolicies = new Map<string, Policy>();
function parsePolicy(document: unknown): Policy {
  const key = JSON.stringify(document);
  let policy = parsedPolicies.get(key);
  if (!policy) {
    policy = policySchema.parse(document);
    if (parsedPolicies.size > 100) parsedPolicies.clear();
    parsedPolicies.set(key, policy);
  }
  return policy;
}

/** A cycle with its pinned policy; 404 when it does not exist. Callers check access. */
export async function loadCycle(db: Kysely<DB>, cycleId: number): Promise<LoadedCycle> {
  const row = await db
    .selectFrom('review_cycles as c')
    .innerJoin('people as root', 'root.id', 'c.root_person_id')
    .innerJoin('policies as p', 'p.id', 'c.policy_id')
    .select([
      'c.id',
      'c.name',
      'c.root_person_id',
      'root.path as root_path',
      'root.name as root_name',
      'c.status',
      'c.deadlines',
      'c.questions',
      'c.launched_at',
      'p.id as policy_id',
      'p.key as policy_key',
      'p.version as policy_version',
      'p.document',
    ])
    .where('c.id', '=', cycleId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No review cycle ${cycleId}.` });
  return {
    id: row.id,
    name: row.name,
    rootPersonId: row.root_person_id,
    rootPath: row.root_path,
    rootName: row.root_name,
    status: row.status,
    deadlines: row.deadlines as Deadlines,
    launchedAt: row.launched_at,
    policyId: row.policy_id,
    policyKey: row.policy_key,
    policyVersion: row.policy_version,
    policy: parsePolicy(row.document),
    questions: row.status === 'draft' ? null : cycleQuestionsSchema.parse(row.questions),
  };
}

export function phaseOf(cycle: LoadedCycle, now: Date): CyclePhase {
  return currentPhase(cycle, now);
}

/** Refuses an action outside its phases with a problem that names the rule and the deadline. */
export function assertActionOpen(cycle: LoadedCycle, action: CycleAction, now: Date): void {
  const window = actionWindow(action, cycle, now);
  if (!window.open) throw new AppError('PHASE_CLOSED', { detail: window.reason, extra: { rule: 'PHASE_CLOSED', phase: currentPhase(cycle, now) } });
}
