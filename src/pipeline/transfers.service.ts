import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import { loadCasePolicy } from './case-policy.ts';
import { visibleToEmployee, type CaseState } from './pipeline.rules.ts';
import { casesVisibleTo } from './pipeline.access.ts';

/**
 * Refuses an internal transfer while the person's case is at Focus under a policy that blocks
 * transfers then. People services call this before moving anyone between managers. Where Focus is
 * hidden from the employee, the employee is told only that transfers are not open to them now:
 * the refusal must not reveal the stage the policy hides.
 */
export async function assertInternalTransferAllowed(db: Kysely<DB>, options: { actor: Actor; personId: number }): Promise<void> {
  const open = await db.selectFrom('pipeline_cases').select(['policy_id', 'state', 'stage']).where('person_id', '=', options.personId).where('closed_at', 'is', null).executeTakeFirst();
  if (!open || open.stage !== 'focus') return;
  const policy = await loadCasePolicy(db, open.policy_id);
  if (!policy.pipeline.focus.blocksInternalTransfer) return;
  const hidden = options.actor.personId === options.personId && !visibleToEmployee('focus', open.state as CaseState, policy.pipeline);
  throw new AppError('TRANSFER_BLOCKED', {
    detail: hidden ? 'Internal transfer requests are not open to you at the moment. Your HR partner can tell you more.' : `Internal transfers are blocked while ${policy.pipeline.focus.label} is active (policy ${policy.key}).`,
    extra: { rule: 'TRANSFER_BLOCKED' },
  });
}

/** Asks to move a person (oneself by default) to another manager; refused while Focus blocks it. */
export async function requestTransfer(db: Kysely<DB>, options: { actor: Actor; input: { personId?: number; toManagerId: number; note: string }; now: Date; requestId?: string }) {
  const { actor, input } = options;
  const personId = input.personId ?? actor.personId;
  if (personId === null) throw new AppError('VALIDATION_FAILED', { detail: 'Name the person to transfer.', errors: [{ path: 'body.personId', message: 'is required for an account without a person' }] });
  const person = await db.selectFrom('people').select(['id', 'name', 'path', 'manager_id', 'status']).where('id', '=', personId).executeTakeFirst();
  if (!person || (person.id !== actor.personId && !isAboveInChain(actor, person.path) && !hrCovers(actor, person.path))) throw new AppError('NOT_FOUND', { detail: `No person ${personId} you may request a transfer for.` });
  const target = await db.selectFrom('people').select(['id', 'name', 'path', 'status']).where('id', '=', input.toManagerId).executeTakeFirst();
  if (!target || target.status !== 'active') throw new AppError('VALIDATION_FAILED', { detail: `No active person ${input.toManagerId} to move to.`, errors: [{ path: 'body.toManagerId', message: 'no active person' }] });
  if (target.id === person.manager_id || target.id === person.id || target.path.startsWith(person.path)) {
    throw new AppError('VALIDATION_FAILED', { detail: `${target.name} cannot be ${person.name}’s new manager.`, errors: [{ path: 'body.toManagerId', message: 'is the current manager, the person, or someone in their organisation' }] });
  }
  await assertInternalTransferAllowed(db, { actor, personId: person.id });
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('transfer_requests').values({ person_id: person.id, to_manager_id: target.id, note: input.note, requested_by: actor.accountId, created_at: options.now }).returning(['id']).executeTakeFirstOrThrow();
    await appendAuditEvent(trx, { actorAccountId: actor.accountId, action: 'transfer.requested', subjectType: 'person', subjectId: person.id, requestId: options.requestId, details: { toManagerId: target.id }, at: options.now });
    return { id: row.id, person: { id: person.id, name: person.name }, toManager: { id: target.id, name: target.name }, note: input.note, status: 'requested', createdAt: options.now.toISOString() };
  });
}

/** Transfer requests about oneself, one's organisation, or one's HR scope. */
export async function listTransfers(db: Kysely<DB>, options: { actor: Actor }) {
  const rows = await db
    .selectFrom('transfer_requests as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .innerJoin('people as m', 'm.id', 't.to_manager_id')
    .select(['t.id', 't.note', 't.status', 't.created_at', 'p.id as person_id', 'p.name', 'm.id as manager_id', 'm.name as manager_name'])
    .where((eb) => eb.or([eb('p.id', '=', options.actor.personId ?? -1), casesVisibleTo(options.actor)(eb)]))
    .orderBy('t.id', 'desc')
    .limit(500)
    .execute();
  return { requests: rows.map((r) => ({ id: r.id, person: { id: r.person_id, name: r.name }, toManager: { id: r.manager_id, name: r.manager_name }, note: r.note, status: r.status, createdAt: r.created_at.toISOString() })) };
}
