import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { hrCovers } from '../cycles/cycles.access.ts';
import { hrSubtrees, logPipelineRead } from './pipeline.access.ts';
import type { Stage } from './stages.ts';

// How a case that ends in a departure counts for URA. Taking severance is a resignation in form,
// but nobody regrets it: that is what "unregretted" means.
const PIPELINE_EXITS: Partial<Record<Stage, { kind: 'voluntary' | 'involuntary'; reason: string }>> = {
  left_tier1: { kind: 'voluntary', reason: 'Took Tier 1 severance at the Pivot choice' },
  left_tier2: { kind: 'voluntary', reason: 'Took Tier 2 severance after a failed PIP' },
  terminated: { kind: 'involuntary', reason: 'Terminated with minimal severance after a lost appeal' },
};

/** Records the exit a pipeline case ended in, in the transition's transaction. */
export async function recordPipelineExit(db: Kysely<DB>, options: { caseId: number; personId: number; stage: Stage; actor: Actor; now: Date }) {
  const exit = PIPELINE_EXITS[options.stage];
  if (!exit) return;
  await db
    .insertInto('exits')
    .values({ person_id: options.personId, exit_date: options.now.toISOString().slice(0, 10), kind: exit.kind, regretted: false, reason: exit.reason, case_id: options.caseId, recorded_by: options.actor.accountId })
    .onConflict((oc) => oc.columns(['person_id', 'exit_date']).doNothing())
    .execute();
}

/** Records an exit by hand (HR in scope): date, voluntary or not, regretted or not, and why. */
export async function recordExit(db: Kysely<DB>, options: { actor: Actor; input: { personId: number; exitDate: string; kind: 'voluntary' | 'involuntary'; regretted: boolean; reason: string }; now: Date; requestId?: string }) {
  const { input } = options;
  if (!options.actor.hrScope) throw new AppError('FORBIDDEN', { detail: 'Only HR partners record exits.' });
  const person = await db.selectFrom('people').select(['id', 'name', 'path', 'hire_date']).where('id', '=', input.personId).executeTakeFirst();
  if (!person || !hrCovers(options.actor, person.path)) throw new AppError('NOT_FOUND', { detail: `No person ${input.personId} in your scope.` });
  if (input.exitDate < person.hire_date) throw new AppError('VALIDATION_FAILED', { detail: `${person.name} was hired on ${person.hire_date}, after ${input.exitDate}.`, errors: [{ path: 'body.exitDate', message: 'is before the hire date' }] });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('exits')
      .values({ person_id: person.id, exit_date: input.exitDate, kind: input.kind, regretted: input.regretted, reason: input.reason, case_id: null, recorded_by: options.actor.accountId })
      .onConflict((oc) => oc.columns(['person_id', 'exit_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('CONFLICT', { detail: `An exit of ${person.name} on ${input.exitDate} is already recorded.`, extra: { rule: 'EXIT_EXISTS' } });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'ura.exit_recorded', subjectType: 'person', subjectId: person.id, requestId: options.requestId, details: { ...input }, at: options.now });
    return { id: row.id, person: { id: person.id, name: person.name }, exitDate: input.exitDate, kind: input.kind, regretted: input.regretted, reason: input.reason, caseId: null };
  });
}

/** Exits in the HR partner's scope (or one organisation of it), optionally in one year; each person's read is logged. */
export async function listExits(db: Kysely<DB>, options: { actor: Actor; rootPersonId?: number; year?: number; now: Date; requestId?: string }) {
  const roots = await hrSubtrees(db, options.actor, options.rootPersonId);
  if (!roots.length) return { exits: [] };
  let query = db
    .selectFrom('exits as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.exit_date', 'e.kind', 'e.regretted', 'e.reason', 'e.case_id', 'p.id as person_id', 'p.name'])
    .where((eb) => eb.or(roots.map((r) => eb('p.path', 'like', `${r.path}%`))))
    .orderBy('e.exit_date', 'desc')
    .orderBy('e.id', 'desc')
    .limit(5000);
  if (options.year) query = query.where('e.exit_date', '>=', `${options.year}-01-01`).where('e.exit_date', '<', `${options.year + 1}-01-01`);
  const rows = await query.execute();
  await logPipelineRead(db, { actor: options.actor, resource: 'exits', subjects: rows.map((r) => ({ personId: r.person_id, caseId: r.case_id })), requestId: options.requestId, now: options.now });
  return { exits: rows.map((r) => ({ id: r.id, person: { id: r.person_id, name: r.name }, exitDate: r.exit_date, kind: r.kind, regretted: r.regretted, reason: r.reason, caseId: r.case_id })) };
}
