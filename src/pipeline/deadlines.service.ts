import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { notify } from '../cycles/notifications.service.ts';
import { dueEscalations } from './deadlines.rules.ts';
import { caseWatchers } from './pipeline.repository.ts';
import type { CaseState } from './pipeline.rules.ts';

const WHAT: Record<string, string> = {
  'focus-review-overdue': 'Focus has run its time without a conclusion',
  'pivot-decision-overdue': 'the Pivot decision deadline has passed without a choice',
  'pip-outcome-overdue': 'the PIP has ended without an outcome',
  'post-failure-decision-overdue': 'the decision after the failed PIP is overdue',
  'jury-verdict-overdue': 'the appeal jury has not reached a verdict in time',
};

/**
 * The deadline job: escalates every case whose current deadline has passed, once per deadline.
 * It marks the case escalated, writes an audit event and tells the manager, the manager's manager
 * and HR. It never decides: an overdue Pivot choice stays unmade until HR extends the deadline
 * and the employee chooses. Each case is escalated in its own transaction, re-checked under a
 * row lock, so two replicas running the job at once escalate it once.
 */
export async function escalateMissedDeadlines(db: Kysely<DB>, options: { now: Date }): Promise<{ escalated: number[] }> {
  const candidates = await db
    .selectFrom('pipeline_cases')
    .select(['id', 'stage', 'due_at', 'escalated_at'])
    .where('closed_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('due_at', '<', options.now)
    .orderBy('id')
    .limit(500)
    .execute();
  const due = dueEscalations(candidates.map((c) => ({ id: c.id, stage: c.stage, dueAt: c.due_at?.toISOString() ?? null, escalatedAt: null })), options.now);
  const escalated: number[] = [];
  for (const escalation of due) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('pipeline_cases as c')
        .innerJoin('people as p', 'p.id', 'c.person_id')
        .select(['c.id', 'c.stage', 'c.due_at', 'c.escalated_at', 'c.state', 'c.version', 'p.id as person_id', 'p.name', 'p.path'])
        .where('c.id', '=', escalation.caseId)
        .forUpdate('c')
        .executeTakeFirst();
      if (!row || row.escalated_at !== null || row.stage !== escalation.stage || row.due_at?.toISOString() !== escalation.dueAt) return false;
      const state: CaseState = { ...(row.state as CaseState), escalatedAt: options.now.toISOString() };
      await trx.updateTable('pipeline_cases').set({ escalated_at: options.now, state: JSON.stringify(state), version: row.version + 1 }).where('id', '=', row.id).execute();
      await trx.insertInto('pipeline_events').values({ case_id: row.id, type: 'escalate', from_stage: row.stage, to_stage: row.stage, actor_account_id: null, capacity: null, details: JSON.stringify({ kind: escalation.kind, dueAt: escalation.dueAt, overdueDays: escalation.overdueDays }), at: options.now }).execute();
      await appendAuditEvent(trx, { actorAccountId: null, action: 'pipeline.deadline_escalated', subjectType: 'pipeline_case', subjectId: row.id, details: { personId: row.person_id, stage: row.stage, kind: escalation.kind, dueAt: escalation.dueAt }, at: options.now });
      await notify(trx, await caseWatchers(trx, { id: row.person_id, path: row.path }), { kind: 'pipeline.escalated', title: `${row.name}: ${WHAT[escalation.kind] ?? 'a deadline has passed'}`, link: `/pipeline/cases/${row.id}`, dedupeKey: `pipeline-escalation-${row.id}-${escalation.dueAt}`, now: options.now });
      return true;
    });
    if (done) escalated.push(escalation.caseId);
  }
  return { escalated };
}
