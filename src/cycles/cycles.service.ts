import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { latestPolicyVersion } from '../policy/policy.service.ts';
import { advanceDeadlines, deadlineChangeProblems, deadlineProblems, defaultDeadlines, type Deadlines } from './phases.rules.ts';
import { questionsFromPolicy } from './questions.ts';
import { loadCycle, phaseOf, type LoadedCycle } from './cycle-loader.ts';
import { administersSubtree, authorizeAdministerCycle, cyclesVisibleTo } from './cycles.access.ts';
import { notify } from './notifications.service.ts';

/** Creates a draft cycle for an organisation subtree under a policy; nothing is visible to participants yet. */
export async function createCycle(
  db: Kysely<DB>,
  options: { actor: Actor; name: string; rootPersonId: number; policyKey: string; deadlines?: Deadlines; now: Date; requestId?: string },
) {
  const root = await db.selectFrom('people').select(['id', 'path']).where('id', '=', options.rootPersonId).executeTakeFirst();
  if (!root) throw new AppError('VALIDATION_FAILED', { detail: `No person ${options.rootPersonId} to root the cycle at.`, errors: [{ path: 'body.rootPersonId', message: 'no such person' }] });
  authorizeAdministerCycle(options.actor, root.path);
  const policy = await latestPolicyVersion(db, options.policyKey);
  const deadlines = options.deadlines ?? defaultDeadlines(options.now, policy.policy.forte.schedule);
  const problems = deadlineProblems(deadlines);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems.map((p) => ({ ...p, path: `body.${p.path}` })) });
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('review_cycles')
      .values({
        name: options.name,
        root_person_id: root.id,
        policy_id: policy.id,
        deadlines: JSON.stringify(deadlines),
        questions: JSON.stringify(null),
        created_by: options.actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'cycle.created', subjectType: 'cycle', subjectId: id, requestId: options.requestId, details: { name: options.name, rootPersonId: root.id, policy: `${options.policyKey}@${policy.version}`, deadlines }, at: options.now });
    return id;
  });
}

/**
 * Launches a cycle: snapshots who takes part and who their manager is, locks the questions, and
 * tells every participant.
 */
export async function launchCycle(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date; requestId?: string }) {
  const cycle = await loadCycle(db, options.cycleId);
  authorizeAdministerCycle(options.actor, cycle.rootPath);
  if (cycle.status !== 'draft') throw new AppError('CONFLICT', { detail: 'This cycle has already been launched.' });
  await db.transaction().execute(async (trx) => {
    const people = await trx
      .selectFrom('people')
      .select(['id', 'manager_id', 'path'])
      .where('path', 'like', `${cycle.rootPath}%`)
      .where('status', '!=', 'terminated')
      .execute();
    for (let i = 0; i < people.length; i += 1000) {
      await trx
        .insertInto('cycle_participants')
        .values(people.slice(i, i + 1000).map((p) => ({ cycle_id: cycle.id, person_id: p.id, manager_id: p.manager_id, path: p.path, joined_at: options.now })))
        .execute();
    }
    await trx
      .updateTable('review_cycles')
      .set({ status: 'launched', launched_at: options.now, questions: JSON.stringify(questionsFromPolicy(cycle.policy)) })
      .where('id', '=', cycle.id)
      .execute();
    await notify(trx, people.map((p) => p.id), { kind: 'cycle.launched', title: `${cycle.name} has started: write your self review and ask for peer feedback`, link: `/cycles/${cycle.id}`, dedupeKey: `cycle-${cycle.id}-launched`, now: options.now });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'cycle.launched', subjectType: 'cycle', subjectId: cycle.id, requestId: options.requestId, details: { participants: people.length }, at: options.now });
  });
  return getCycle(db, { actor: options.actor, cycleId: cycle.id, now: options.now });
}

/** Ends the current phase now (HR's early close); the next phase opens at once. */
export async function advanceCycle(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date; requestId?: string }) {
  const cycle = await loadCycle(db, options.cycleId);
  authorizeAdministerCycle(options.actor, cycle.rootPath);
  if (cycle.status !== 'launched') throw new AppError('CONFLICT', { detail: 'Only a running cycle can move to its next phase.' });
  const before = phaseOf(cycle, options.now);
  const deadlines = advanceDeadlines(cycle.deadlines, options.now);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('review_cycles').set({ deadlines: JSON.stringify(deadlines) }).where('id', '=', cycle.id).execute();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'cycle.phase_advanced', subjectType: 'cycle', subjectId: cycle.id, requestId: options.requestId, details: { from: before }, at: options.now });
  });
  return getCycle(db, { actor: options.actor, cycleId: cycle.id, now: options.now });
}

function presentCycle(cycle: LoadedCycle, now: Date, canAdminister: boolean) {
  return {
    id: cycle.id,
    name: cycle.name,
    status: cycle.status,
    phase: phaseOf(cycle, now),
    deadlines: cycle.deadlines,
    root: { id: cycle.rootPersonId, name: cycle.rootName },
    policy: { key: cycle.policyKey, version: cycle.policyVersion, name: cycle.policy.name },
    launchedAt: cycle.launchedAt?.toISOString() ?? null,
    questions: cycle.questions,
    canAdminister,
  };
}

/**
 * Renames a cycle or changes its deadlines. A draft may change freely (within the order of the
 * phases); once launched, only deadlines still ahead may move, so HR can extend the phase under
 * way without rewriting what has happened. A closed cycle does not change.
 */
export async function updateCycle(db: Kysely<DB>, options: { actor: Actor; cycleId: number; name?: string; deadlines?: Deadlines; now: Date; requestId?: string }) {
  const cycle = await loadCycle(db, options.cycleId);
  authorizeAdministerCycle(options.actor, cycle.rootPath);
  if (cycle.status === 'closed' || phaseOf(cycle, options.now) === 'closed') {
    throw new AppError('CONFLICT', { detail: `${cycle.name} is closed and no longer changes.`, extra: { rule: 'CYCLE_CLOSED' } });
  }
  const deadlines = options.deadlines ?? cycle.deadlines;
  const problems = [...deadlineProblems(deadlines), ...(cycle.status === 'draft' ? [] : deadlineChangeProblems(cycle.deadlines, deadlines, options.now))];
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems.map((p) => ({ ...p, path: `body.${p.path}` })) });
  }
  const name = options.name ?? cycle.name;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('review_cycles').set({ name, deadlines: JSON.stringify(deadlines) }).where('id', '=', cycle.id).execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'cycle.updated',
      subjectType: 'cycle',
      subjectId: cycle.id,
      requestId: options.requestId,
      details: { from: { name: cycle.name, deadlines: cycle.deadlines }, to: { name, deadlines } },
      at: options.now,
    });
  });
  return getCycle(db, { actor: options.actor, cycleId: cycle.id, now: options.now });
}

/** Deletes a cycle that was never launched; a launched one is history and stays. */
export async function deleteDraftCycle(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date; requestId?: string }) {
  const cycle = await loadCycle(db, options.cycleId);
  authorizeAdministerCycle(options.actor, cycle.rootPath);
  if (cycle.status !== 'draft') throw new AppError('CONFLICT', { detail: `${cycle.name} has been launched; it can be closed, not deleted.`, extra: { rule: 'CYCLE_LAUNCHED' } });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('review_cycles').where('id', '=', cycle.id).where('status', '=', 'draft').execute();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'cycle.deleted', subjectType: 'cycle', subjectId: cycle.id, requestId: options.requestId, details: { name: cycle.name }, at: options.now });
  });
}

export async function getCycle(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }) {
  const visible = await db
    .selectFrom('review_cycles as c')
    .innerJoin('people as root', 'root.id', 'c.root_person_id')
    .select('c.id')
    .where('c.id', '=', options.cycleId)
    .where(cyclesVisibleTo(options.actor))
    .executeTakeFirst();
  if (!visible) throw new AppError('NOT_FOUND', { detail: `No review cycle ${options.cycleId}.` });
  const cycle = await loadCycle(db, options.cycleId);
  return presentCycle(cycle, options.now, administersSubtree(options.actor, cycle.rootPath));
}

export async function listCycles(db: Kysely<DB>, options: { actor: Actor; now: Date }) {
  const rows = await db
    .selectFrom('review_cycles as c')
    .innerJoin('people as root', 'root.id', 'c.root_person_id')
    .select('c.id')
    .where(cyclesVisibleTo(options.actor))
    .orderBy('c.created_at', 'desc')
    .execute();
  return Promise.all(rows.map((r) => getCycle(db, { actor: options.actor, cycleId: r.id, now: options.now })));
}
