import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import { loadCasePolicy, type CasePolicy } from './case-policy.ts';
import { visibleToEmployee, type CaseState } from './pipeline.rules.ts';
import type { Capacity } from './stages.ts';

/**
 * Who sees a pipeline case: the employee's management chain and the HR partners whose scope
 * covers them, always; the employee, at the stages the policy shows them; a juror, only the
 * appeal papers (see jury.service.ts). Administrators are not HR: they run the system, they do
 * not read these records. Everyone else gets a 404, so a case's existence is not disclosed.
 */

export interface LoadedCase {
  id: number;
  version: number;
  person: { id: number; name: string; path: string; level: string; hireDate: string; managerId: number | null; managerName: string | null; team: string | null };
  policy: CasePolicy;
  state: CaseState;
  openedAt: Date;
  closedAt: Date | null;
  cycleId: number | null;
}

/** A case with its person and policy; callers check access before using it. 404 when missing. */
export async function loadCase(db: Kysely<DB>, caseId: number, options: { forUpdate?: boolean } = {}): Promise<LoadedCase> {
  let query = db
    .selectFrom('pipeline_cases as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .select(['c.id', 'c.version', 'c.policy_id', 'c.state', 'c.opened_at', 'c.closed_at', 'c.cycle_id', 'p.id as person_id', 'p.name', 'p.path', 'p.level', 'p.hire_date', 'p.manager_id', 'm.name as manager_name', 't.name as team'])
    .where('c.id', '=', caseId);
  if (options.forUpdate) query = query.forUpdate('c');
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No pipeline case ${caseId}.` });
  return {
    id: row.id,
    version: row.version,
    person: { id: row.person_id, name: row.name, path: row.path, level: row.level, hireDate: row.hire_date, managerId: row.manager_id, managerName: row.manager_name, team: row.team },
    policy: await loadCasePolicy(db, row.policy_id),
    state: row.state as CaseState,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    cycleId: row.cycle_id,
  };
}

/** The capacities in which the actor stands towards a case's employee (before the policy's visibility rules). */
export function capacitiesOf(actor: Actor, unsafeCase: Pick<LoadedCase, 'person' | 'state'>): Capacity[] {
  const capacities: Capacity[] = [];
  if (isAboveInChain(actor, unsafeCase.person.path)) capacities.push('chain');
  if (hrCovers(actor, unsafeCase.person.path)) capacities.push('hr');
  if (actor.personId === unsafeCase.person.id) capacities.push('employee');
  if (actor.personId !== null && unsafeCase.state.appeal?.jurors.some((j) => j.personId === actor.personId)) capacities.push('juror');
  return capacities;
}

/**
 * Who may read the whole case: chain and HR; the employee only where the policy shows the stage.
 * Returns the reader's capacities; 404 for anyone else (jurors read the appeal papers elsewhere).
 */
export function authorizeReadCase(actor: Actor, unsafeCase: LoadedCase): Capacity[] {
  const capacities = capacitiesOf(actor, unsafeCase);
  const employeeSees = capacities.includes('employee') && visibleToEmployee(unsafeCase.state.stage, unsafeCase.state, unsafeCase.policy.pipeline);
  if (!capacities.includes('chain') && !capacities.includes('hr') && !employeeSees) throw new AppError('NOT_FOUND', { detail: `No pipeline case ${unsafeCase.id}.` });
  return employeeSees ? capacities : capacities.filter((c) => c !== 'employee');
}

/** HR partners in scope only: severance figures, the access log, URA. */
export function authorizeHrCase(actor: Actor, unsafeCase: LoadedCase): void {
  authorizeReadCase(actor, unsafeCase);
  if (!hrCovers(actor, unsafeCase.person.path)) throw new AppError('FORBIDDEN', { detail: 'Only the HR partners whose scope covers this person see this.' });
}

/** Managers and HR list cases; everyone else is told so (their own case is at /api/pipeline/my-case). */
export function authorizeListCases(actor: Actor): void {
  if (!hasRole(actor, 'manager') && !actor.hrScope) throw new AppError('FORBIDDEN', { detail: 'Only managers (for their organisation) and HR partners (for their scope) see pipeline cases.' });
}

/** Cases of people in the actor's subtree (below them) or HR scope, never the actor's own: composed into every list query. */
export function casesVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { p: DB['people'] }, 'p'>): Expression<SqlBool> => {
    const clauses: Expression<SqlBool>[] = [];
    if (actor.personPath) clauses.push(eb.and([eb('p.path', 'like', `${actor.personPath}%`), eb('p.path', '!=', actor.personPath)]));
    if (actor.hrScope?.wholeOrganisation) clauses.push(sql<SqlBool>`true`);
    for (const root of actor.hrScope?.roots ?? []) clauses.push(eb('p.path', 'like', `${root.path}%`));
    const scoped = clauses.length ? eb.or(clauses) : sql<SqlBool>`false`;
    return actor.personId === null ? scoped : eb.and([scoped, eb('p.id', '!=', actor.personId)]);
  };
}

/** Subtrees the actor administers as HR, for URA and the board: the whole organisation's tops, or their scope roots. */
export async function hrRoots(db: Kysely<DB>, actor: Actor): Promise<{ id: number; name: string; path: string }[]> {
  if (!actor.hrScope) throw new AppError('FORBIDDEN', { detail: 'Only HR partners see attrition figures.' });
  if (!actor.hrScope.wholeOrganisation) return actor.hrScope.roots;
  return db.selectFrom('people').select(['id', 'name', 'path']).where('manager_id', 'is', null).where('status', '!=', 'terminated').orderBy('name').execute();
}

/** The subtree at `rootPersonId`, when the actor is HR for it; else the actor's HR roots. */
export async function hrSubtrees(db: Kysely<DB>, actor: Actor, rootPersonId: number | undefined): Promise<{ id: number; name: string; path: string }[]> {
  const roots = await hrRoots(db, actor);
  if (rootPersonId === undefined) return roots;
  const root = await db.selectFrom('people').select(['id', 'name', 'path']).where('id', '=', rootPersonId).executeTakeFirst();
  if (!root || !(actor.hrScope!.wholeOrganisation || actor.hrScope!.roots.some((r) => root.path.startsWith(r.path)))) {
    throw new AppError('NOT_FOUND', { detail: `No organisation ${rootPersonId} in your scope.` });
  }
  return [root];
}

/**
 * Writes who read whose pipeline record, when, before the data leaves: one row per person shown.
 * Reads of aggregates (the board, the URA dashboard) are logged with no person.
 */
export async function logPipelineRead(
  db: Kysely<DB>,
  options: { actor: Actor; resource: string; subjects: { personId: number | null; caseId: number | null }[]; requestId?: string; now: Date },
): Promise<void> {
  const rows = options.subjects.map((s) => ({ reader_account_id: options.actor.accountId, person_id: s.personId, case_id: s.caseId, resource: options.resource, request_id: options.requestId ?? null, at: options.now }));
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('pipeline_access_log').values(rows.slice(i, i + 1000)).execute();
}
