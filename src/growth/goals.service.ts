import type { Kysely, Selectable } from 'kysely';
import type { DB, GoalStatus, GrowthTables } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import type { GrowthPolicy } from '../policy/growth.schema.ts';
import { actsForTeam, refuseOutsideChain, requireSubject, teamMemberPaths, type Relation } from './growth.access.ts';
import { growthPolicy } from './growth-policy.ts';
import { goalProblems, OPEN_GOAL_STATUSES, quarterCloseProblems } from './goals.rules.ts';
import { quarterOf, today } from './dates.rules.ts';

type GoalRow = Selectable<GrowthTables['goals']>;
type Owner = { kind: 'person'; person: { id: number; name: string } } | { kind: 'team'; team: { id: number; name: string } };

export interface GoalInput {
  quarter: string;
  objective: string;
  measurableResult: string;
  status?: (typeof OPEN_GOAL_STATUSES)[number];
  evidenceLinks?: { label: string; url: string }[];
}

function present(row: GoalRow, owner: Owner, canEdit: boolean) {
  return {
    id: row.id,
    owner,
    quarter: row.quarter,
    objective: row.objective,
    measurableResult: row.measurable_result,
    status: row.status,
    evidenceLinks: row.evidence_links,
    outcome: row.outcome,
    closedAt: row.closed_at?.toISOString() ?? null,
    version: row.version,
    canEdit: canEdit && row.closed_at === null,
  };
}

const rulesOf = (goals: GrowthPolicy['goals']) => ({ requireMeasurableResult: goals.requireMeasurableResult, outcomeMinChars: goals.outcomeMinChars });
const readsPersonGoals = (goals: GrowthPolicy['goals']) => (r: Relation) => r.self || r.chain || r.hr || goals.visibility === 'organisation';
const writesPersonGoals = (r: Relation) => r.self || r.chain;

function refuseProblems(problems: ReturnType<typeof goalProblems>, rule: string) {
  if (problems.length) throw new AppError('GROWTH_RULE_VIOLATED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems, extra: { rule } });
}

/** A person's goals for a quarter (the current one by default), read as the policy allows. */
export async function listPersonGoals(db: Kysely<DB>, options: { actor: Actor; personId: number; quarter?: string; now: Date }) {
  const { growth } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsPersonGoals(growth.goals), 'goals');
  const quarter = options.quarter ?? quarterOf(today(options.now));
  const rows = await db.selectFrom('goals').selectAll().where('person_id', '=', subject.id).where('quarter', '=', quarter).orderBy('id').execute();
  const owner: Owner = { kind: 'person', person: { id: subject.id, name: subject.name } };
  return { quarter, goals: rows.map((r) => present(r, owner, writesPersonGoals(relation))), rules: rulesOf(growth.goals) };
}

async function insertGoal(db: Kysely<DB>, growth: GrowthPolicy, owner: { person_id: number } | { team_id: number }, input: GoalInput, actor: Actor, now: Date) {
  refuseProblems(goalProblems(growth.goals, input), 'GOAL_INVALID');
  return db.transaction().execute(async (trx) => {
    const column = 'person_id' in owner ? 'person_id' : 'team_id';
    const ownerId = 'person_id' in owner ? owner.person_id : owner.team_id;
    const existing = await trx.selectFrom('goals').select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', ownerId).where('quarter', '=', input.quarter).executeTakeFirstOrThrow();
    if (Number(existing.n) >= growth.goals.maxPerQuarter) {
      throw new AppError('GROWTH_RULE_VIOLATED', { detail: `A quarter holds at most ${growth.goals.maxPerQuarter} goals under this policy: fewer goals, kept, beat many goals, dropped.`, extra: { rule: 'TOO_MANY_GOALS' } });
    }
    return trx
      .insertInto('goals')
      .values({
        ...owner,
        quarter: input.quarter,
        objective: input.objective.trim(),
        measurable_result: input.measurableResult.trim(),
        status: input.status ?? 'not_started',
        evidence_links: JSON.stringify(input.evidenceLinks ?? []),
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Sets a goal for a person: the person themselves or anyone above them. */
export async function createPersonGoal(db: Kysely<DB>, options: { actor: Actor; personId: number; input: GoalInput; now: Date }) {
  const { growth } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsPersonGoals(growth.goals), 'goals');
  if (!writesPersonGoals(relation)) refuseOutsideChain('Goals are set by the person and by the people they report to.');
  const row = await insertGoal(db, growth, { person_id: subject.id }, options.input, options.actor, options.now);
  return present(row, { kind: 'person', person: { id: subject.id, name: subject.name } }, true);
}

async function requireTeam(db: Kysely<DB>, actor: Actor, teamId: number, growth: GrowthPolicy) {
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  const paths = team ? await teamMemberPaths(db, team.id) : [];
  const member = actor.personPath !== null && paths.includes(actor.personPath);
  const acts = actsForTeam(actor, paths);
  if (!team || !(member || acts || growth.goals.visibility === 'organisation')) throw new AppError('NOT_FOUND', { detail: `No team goals you can read for team ${teamId}.` });
  return { team, acts };
}

/** A team's goals for a quarter: read by its members, the chain above them and HR (or everyone, per policy). */
export async function listTeamGoals(db: Kysely<DB>, options: { actor: Actor; teamId: number; quarter?: string; now: Date }) {
  const { growth } = await growthPolicy(db);
  const { team, acts } = await requireTeam(db, options.actor, options.teamId, growth);
  const quarter = options.quarter ?? quarterOf(today(options.now));
  const rows = await db.selectFrom('goals').selectAll().where('team_id', '=', team.id).where('quarter', '=', quarter).orderBy('id').execute();
  return { quarter, goals: rows.map((r) => present(r, { kind: 'team', team }, acts)), rules: rulesOf(growth.goals) };
}

/** Sets a team goal: managers above a member, HR covering one, admins. */
export async function createTeamGoal(db: Kysely<DB>, options: { actor: Actor; teamId: number; input: GoalInput; now: Date }) {
  const { growth } = await growthPolicy(db);
  const { team, acts } = await requireTeam(db, options.actor, options.teamId, growth);
  if (!acts) refuseOutsideChain('Team goals are set by the managers of its members, HR and administrators.');
  return present(await insertGoal(db, growth, { team_id: team.id }, options.input, options.actor, options.now), { kind: 'team', team }, true);
}

/** Progress on an open goal: status, wording, evidence links; a closed goal keeps its outcome. */
export async function updateGoal(
  db: Kysely<DB>,
  options: { actor: Actor; goalId: number; input: Partial<Omit<GoalInput, 'quarter'>> & { version: number }; now: Date },
) {
  const { growth } = await growthPolicy(db);
  const unsafeGoal = await db.selectFrom('goals').selectAll().where('id', '=', options.goalId).executeTakeFirst();
  if (!unsafeGoal) throw new AppError('NOT_FOUND', { detail: `No goal ${options.goalId}.` });
  let owner: Owner;
  let canEdit: boolean;
  if (unsafeGoal.person_id !== null) {
    const { subject, relation } = await requireSubject(db, options.actor, unsafeGoal.person_id, readsPersonGoals(growth.goals), 'goal');
    owner = { kind: 'person', person: { id: subject.id, name: subject.name } };
    canEdit = writesPersonGoals(relation);
  } else {
    const { team, acts } = await requireTeam(db, options.actor, unsafeGoal.team_id!, growth);
    owner = { kind: 'team', team };
    canEdit = acts;
  }
  if (!canEdit) refuseOutsideChain('Only the goal’s owner and the people above them change it.');
  const goal = unsafeGoal;
  if (goal.closed_at) throw new AppError('CONFLICT', { detail: 'This goal’s quarter is closed; its outcome is the record.', extra: { rule: 'GOAL_CLOSED' } });
  const next = { objective: options.input.objective ?? goal.objective, measurableResult: options.input.measurableResult ?? goal.measurable_result };
  refuseProblems(goalProblems(growth.goals, next), 'GOAL_INVALID');
  const updated = await db
    .updateTable('goals')
    .set({
      objective: next.objective.trim(),
      measurable_result: next.measurableResult.trim(),
      status: (options.input.status ?? goal.status) as GoalStatus,
      evidence_links: JSON.stringify(options.input.evidenceLinks ?? goal.evidence_links),
      version: goal.version + 1,
      updated_at: options.now,
    })
    .where('id', '=', goal.id)
    .where('version', '=', options.input.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new AppError('VERSION_CONFLICT', { detail: 'Someone changed this goal in the meantime; reload it and try again.', extra: { current: present(goal, owner, canEdit) } });
  return present(updated, owner, canEdit);
}

/**
 * Closes a person's quarter: every open goal gets its result and a short written outcome, in one
 * transaction, or nothing changes. The outcome is what the living document and the calibration
 * packet later cite.
 */
export async function closeQuarter(
  db: Kysely<DB>,
  options: { actor: Actor; personId: number; quarter: string; outcomes: { goalId: number; status: 'achieved' | 'partly' | 'missed' | 'dropped'; outcome: string }[]; now: Date; requestId?: string },
) {
  const { growth } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsPersonGoals(growth.goals), 'goals');
  if (!writesPersonGoals(relation)) refuseOutsideChain('A quarter is closed by the person and the people they report to.');
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('goals').select('id').where('person_id', '=', subject.id).where('quarter', '=', options.quarter).where('closed_at', 'is', null).forUpdate().execute();
    if (open.length === 0) throw new AppError('CONFLICT', { detail: `${subject.name} has no open goals in ${options.quarter}.`, extra: { rule: 'NOTHING_TO_CLOSE' } });
    refuseProblems(quarterCloseProblems(growth.goals, open, options.outcomes), 'QUARTER_CLOSE_INVALID');
    for (const o of options.outcomes) {
      await trx.updateTable('goals').set({ status: o.status, outcome: o.outcome.trim(), closed_at: options.now, updated_at: options.now, version: (eb) => eb('version', '+', 1) }).where('id', '=', o.goalId).execute();
    }
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'goals.quarter_closed', subjectType: 'person', subjectId: subject.id, requestId: options.requestId, details: { quarter: options.quarter, goals: options.outcomes.map((o) => ({ id: o.goalId, status: o.status })) }, at: options.now });
    const rows = await trx.selectFrom('goals').selectAll().where('person_id', '=', subject.id).where('quarter', '=', options.quarter).orderBy('id').execute();
    return { quarter: options.quarter, goals: rows.map((r) => present(r, { kind: 'person', person: { id: subject.id, name: subject.name } }, true)), rules: rulesOf(growth.goals) };
  });
}
